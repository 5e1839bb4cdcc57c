package org.transferworkbench.core.lesson;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Set;

/**
 * One step of a {@link Lesson}: what the window shows and two to four sentences saying what to look at and what it
 * means. Every setting is optional: left out (null), it keeps the value of the steps before; {@code title},
 * {@code text}, {@code highlight} and {@code live} belong to this step alone.
 *
 * @param data       the data folder (relative to the lesson's folder, or to the app's folder as for the samples)
 * @param split      "random" (seeded by {@code splitSeed}) or "groups:FILE" (a dissimilar split)
 * @param k          the cut point shown
 * @param fineTune   fine-tuned (true) or frozen (false) copied layers
 * @param source     whose base net the first k layers come from: "A" (transfer) or "B" (selffer)
 * @param bPerClass  training images per B class (0 = all): the few-examples question
 * @param classroom  the classroom preset for sweeps started from this step ("Run it live")
 * @param net        a net file to transfer from, or "base" for the paper's base nets
 * @param view       the figure in front: by-k, few-examples, predicted or similarity
 * @param replay     results made by the app for this step (a results.json, its folder, a folder of split-S folders
 *                   or of a few-examples run), drawn the moment the step opens; "" shows none
 * @param highlight  conditions (baseB, BnB, BnB+, AnB, AnB+) drawn in full colour while the others fade, and panels
 *                   (net, filters, curves, confusion) outlined
 * @param live       the step offers "Run it live": its setting re-run on this machine over the replay
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LessonStep(String title, List<String> text, String data, String split, Integer splitSeed, Integer k,
                         Boolean fineTune, String source, Integer bPerClass, Boolean classroom, Integer epochs,
                         Integer seeds, Integer splits, String net, String view, String replay,
                         List<String> highlight, Boolean live) {

    public static final List<String> VIEWS = List.of("by-k", "few-examples", "predicted", "similarity");
    public static final Set<String> CONDITIONS = Set.of("baseB", "BnB", "BnB+", "AnB", "AnB+");
    public static final Set<String> PANELS = Set.of("net", "filters", "curves", "confusion");
    public static final String BASE_NETS = "base";
    static final int MAX_TEXT = 1200;

    public LessonStep {
        check(title != null && !title.isBlank() && title.length() <= 200, "title", "a step needs a title");
        check(text != null && !text.isEmpty() && text.size() <= 6, "text", "one to six paragraphs");
        text = List.copyOf(text);
        check(text.stream().allMatch(t -> t != null && t.length() <= MAX_TEXT), "text", "paragraphs up to "
                + MAX_TEXT + " characters");
        check(split == null || split.equals("random") || split.startsWith("groups:") && split.length() > 7,
                "split", "random or groups:FILE");
        check(splitSeed == null || splitSeed >= 0, "splitSeed", "0 or more");
        check(k == null || k >= 1 && k <= 1000, "k", "1 to 1000");
        check(source == null || source.equals("A") || source.equals("B"), "source", "A or B");
        check(bPerClass == null || bPerClass >= 0 && bPerClass <= 1_000_000, "bPerClass", "0 (all) or more");
        check(epochs == null || epochs >= 1 && epochs <= 200, "epochs", "1 to 200");
        check(seeds == null || seeds >= 1 && seeds <= 20, "seeds", "1 to 20");
        check(splits == null || splits >= 1 && splits <= 10, "splits", "1 to 10");
        check(view == null || VIEWS.contains(view), "view", String.join(", ", VIEWS));
        highlight = highlight == null ? List.of() : List.copyOf(highlight);
        check(highlight.stream().allMatch(h -> CONDITIONS.contains(h) || PANELS.contains(h)), "highlight",
                "conditions or panels (net, filters, curves, confusion)");
    }

    private static void check(boolean ok, String field, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException(field + " out of range (" + allowed + ")");
        }
    }

    public boolean offersLive() {
        return Boolean.TRUE.equals(live);
    }

    /** The conditions this step highlights (empty: all drawn alike). */
    public List<String> highlightedConditions() {
        return highlight.stream().filter(CONDITIONS::contains).toList();
    }

    /** The panels this step outlines. */
    public List<String> highlightedPanels() {
        return highlight.stream().filter(PANELS::contains).toList();
    }

    /** This step with the settings it leaves out taken from {@code earlier}. */
    LessonStep over(LessonStep earlier) {
        return new LessonStep(title, text, or(data, earlier.data), or(split, earlier.split),
                or(splitSeed, earlier.splitSeed), or(k, earlier.k), or(fineTune, earlier.fineTune),
                or(source, earlier.source), or(bPerClass, earlier.bPerClass), or(classroom, earlier.classroom),
                or(epochs, earlier.epochs), or(seeds, earlier.seeds), or(splits, earlier.splits), or(net, earlier.net),
                or(view, earlier.view), or(replay, earlier.replay), highlight, live);
    }

    private static <T> T or(T mine, T theirs) {
        return mine != null ? mine : theirs;
    }
}
