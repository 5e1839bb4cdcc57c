package org.transferworkbench.core.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.stats.Comparison;
import org.transferworkbench.core.stats.Comparison.Replicate;
import org.transferworkbench.core.stats.Comparison.Score;
import org.transferworkbench.core.stats.Interval;

/**
 * Sentences about a sweep, each computed from its finished runs (never from the paper's numbers), each difference
 * with its 95% interval and called only when the {@link Comparison} rule supports it; otherwise the sentence says
 * "within noise". Runs whose nets did not learn ({@link LearningCheck}) are left out and named.
 */
public final class Findings {

    /**
     * One sentence and what stands behind it.
     *
     * @param text       the sentence shown and printed
     * @param difference the difference it is about, as a fraction (0.05 = 5 points); null for notes
     * @param interval   its 95% interval; null for notes
     * @param claim      true when the sentence states an effect (the interval excludes zero)
     * @param test       how the interval was made, in words
     */
    public record Finding(String text, Double difference, Interval interval, boolean claim, String test) {
    }

    /** A cell of the figure: a condition at a cut point (k = 0 for base nets). */
    record Cell(Condition condition, int k) {
    }

    private Findings() {
    }

    public static List<String> sentences(List<RunRecord> runs, List<Integer> cutPoints, String sourceTask) {
        return of(runs, cutPoints, sourceTask).stream().map(Finding::text).toList();
    }

    public static List<Finding> of(List<RunRecord> runs, List<Integer> cutPoints) {
        return of(runs, cutPoints, "A");
    }

    /** @param sourceTask what "A" is, in words: "A", or "the loaded net's task" for a sweep against a loaded net */
    public static List<Finding> of(List<RunRecord> all, List<Integer> cutPoints, String sourceTask) {
        List<Finding> out = new ArrayList<>();
        if (cutPoints.isEmpty() || all.isEmpty()) {
            return out;
        }
        List<RunRecord> runs = new ArrayList<>();
        List<RunRecord> notLearned = new ArrayList<>();
        for (RunRecord r : all) {
            (LearningCheck.of(r).learned() ? runs : notLearned).add(r);
        }
        int first = cutPoints.get(0);
        int last = cutPoints.get(cutPoints.size() - 1);
        Cell anbFirst = new Cell(Condition.ANB, first);
        Cell anbLast = new Cell(Condition.ANB, last);
        if (first != last) {
            compare(runs, List.of(anbLast), List.of(anbFirst)).ifPresent(c -> out.add(c.supported()
                    ? claim(c, String.format(Locale.ROOT, "Frozen transfer (AnB) %s from %.3f at k=%d to %.3f at k=%d: "
                            + "%+.1f points %s%s.", c.difference() < 0 ? "falls" : "rises", mean(runs, anbFirst),
                            first, mean(runs, anbLast), last, 100 * c.difference(), c.interval().asPoints(),
                            c.difference() < 0 ? ": the top layers are specific to " + sourceTask : ""))
                    : noise(c, String.format(Locale.ROOT, "Frozen transfer (AnB) at k=%d (%.3f) and k=%d (%.3f): "
                            + "%+.1f points %s, within noise.", first, mean(runs, anbFirst), last,
                            mean(runs, anbLast), 100 * c.difference(), c.interval().asPoints()))));
        }
        Cell tunedLast = new Cell(Condition.ANB_PLUS, last);
        compare(runs, List.of(tunedLast), List.of(anbLast)).ifPresent(c -> out.add(verdict(c, String.format(
                Locale.ROOT, "Fine-tuning at k=%d: AnB+ %.3f vs AnB %.3f, %+.1f points %s", last, mean(runs, tunedLast),
                mean(runs, anbLast), 100 * c.difference(), c.interval().asPoints()),
                c.difference() > 0 ? ": fine-tuning recovers what freezing loses" : ": freezing does better")));
        List<Cell> transfer = new ArrayList<>();
        List<Cell> selffer = new ArrayList<>();
        for (int k : cutPoints) {
            transfer.add(new Cell(Condition.ANB_PLUS, k));
            selffer.add(new Cell(Condition.BNB_PLUS, k));
        }
        compare(runs, transfer, selffer).ifPresent(c -> {
            String said = c.difference() > 0 ? "features from " + sourceTask + " help beyond retraining B's own"
                    : "B's own features do better";
            out.add(c.supported()
                    ? claim(c, String.format(Locale.ROOT, "Transfer vs. extra training: AnB+ minus BnB+ over all k is "
                            + "%+.1f points %s: %s.", 100 * c.difference(), c.interval().asPoints(), said))
                    : noise(c, String.format(Locale.ROOT, "Transfer vs. extra training: AnB+ minus BnB+ over all k is "
                            + "%+.1f points %s, within noise: transfer helps no more than training B's own net "
                            + "longer (the paper's selffer control).", 100 * c.difference(), c.interval().asPoints())));
        });
        Cell base = new Cell(Condition.BASE_B, 0);
        compare(runs, transfer, List.of(base)).ifPresent(c -> out.add(verdict(c, String.format(Locale.ROOT,
                "Fine-tuned transfer vs. training from scratch: AnB+ (mean over k) %.3f vs baseB %.3f, %+.1f points %s",
                meanOf(runs, transfer), mean(runs, base), 100 * c.difference(), c.interval().asPoints()),
                c.difference() > 0 ? ": transfer with fine-tuning beats training B from scratch"
                        : ": training from scratch does better")));
        selfferDip(runs, cutPoints, base).ifPresent(out::add);
        notLearnedNote(notLearned, all.size()).ifPresent(out::add);
        // The rule is stated under the findings it governs; a lone did-not-learn note has no interval to explain.
        if (out.stream().anyMatch(f -> f.interval() != null)) {
            out.add(note(replicatesNote(runs)));
        }
        return out;
    }

    /** The paper's dip is at middle cut points; the ends say little about co-adaptation. */
    private static Optional<Finding> selfferDip(List<RunRecord> runs, List<Integer> cutPoints, Cell base) {
        Cell lowest = null;
        for (int k : cutPoints.subList(1, Math.max(1, cutPoints.size() - 1))) {
            Cell c = new Cell(Condition.BNB, k);
            if (mean(runs, c) >= 0 && (lowest == null || mean(runs, c) < mean(runs, lowest))) {
                lowest = c;
            }
        }
        if (lowest == null) {
            return Optional.empty();
        }
        Cell dip = lowest;
        return compare(runs, List.of(dip), List.of(base)).map(c -> c.supported() && c.difference() < 0
                ? claim(c, String.format(Locale.ROOT, "Selffer dip: BnB at k=%d %.3f vs baseB %.3f, %+.1f points %s: "
                        + "frozen middle layers lose accuracy, the paper's sign of fragile co-adaptation.", dip.k(),
                        mean(runs, dip), mean(runs, base), 100 * c.difference(), c.interval().asPoints()))
                : noise(c, String.format(Locale.ROOT,
                        "No selffer dip: the lowest BnB at middle k (k=%d, %.3f) vs baseB "
                        + "%.3f is %+.1f points %s%s.", dip.k(), mean(runs, dip), mean(runs, base),
                        100 * c.difference(), c.interval().asPoints(), c.supported() ? "" : ", within noise")));
    }

    private static Optional<Finding> notLearnedNote(List<RunRecord> notLearned, int total) {
        if (notLearned.isEmpty()) {
            return Optional.empty();
        }
        boolean baseB = notLearned.stream().anyMatch(r -> r.condition() == Condition.BASE_B);
        // The example is a run on B (baseA's task is not what the findings are about).
        RunRecord example = notLearned.stream().filter(r -> r.condition() == Condition.BASE_B).findFirst()
                .or(() -> notLearned.stream().filter(r -> r.condition() != Condition.BASE_A).findFirst())
                .orElse(notLearned.get(0));
        String text = notLearned.size() == 1
                ? String.format(Locale.ROOT, "%s (seed %d) did not learn: %s; no finding uses it.",
                        label(example), example.seed(), LearningCheck.of(example).reason())
                : String.format(Locale.ROOT,
                        "%d of %d runs did not learn (marked in the table; e.g. %s: %s); no finding "
                        + "uses them.", notLearned.size(), total, label(example), LearningCheck.of(example).reason());
        if (baseB) {
            text += " Too few images to train B from scratch is the case transfer is for: load a net trained on more "
                    + "data (Load net... or sweep --pretrained).";
        }
        return Optional.of(note(text));
    }

    private static String replicatesNote(List<RunRecord> runs) {
        long replicates = runs.stream().filter(r -> !r.condition().isBase())
                .map(r -> r.splitSeed() + "/" + r.seed()).distinct().count();
        int images = runs.stream().filter(r -> r.condition().target() == Condition.BASE_B.target())
                .mapToInt(RunRecord::testImages).max().orElse(0);
        String rule = "Differences are called only when their 95% interval (paired bootstrap over test images and "
                + "seeds) excludes zero";
        if (replicates <= 1) {
            return String.format(Locale.ROOT, "%s. One training seed: the intervals cover the %d test images, not "
                    + "training noise; run more seeds to see it.", rule, images);
        }
        return String.format(Locale.ROOT, "%s; here %d seeds x splits and %d test images.", rule, replicates, images);
    }

    private static Finding verdict(Comparison.Result c, String sentence, String ifSupported) {
        return c.supported() ? claim(c, sentence + ifSupported + ".") : noise(c, sentence + ", within noise.");
    }

    private static Finding claim(Comparison.Result c, String text) {
        return new Finding(text, c.difference(), c.interval(), true, describe(c));
    }

    private static Finding noise(Comparison.Result c, String text) {
        return new Finding(text, c.difference(), c.interval(), false, describe(c));
    }

    private static Finding note(String text) {
        return new Finding(text, null, null, false, "");
    }

    private static String describe(Comparison.Result c) {
        return String.format(Locale.ROOT, "%s bootstrap, %d resamples over %d replicate(s) and the test images",
                c.paired() ? "paired" : "unpaired (binomial)", Comparison.RESAMPLES, c.replicates());
    }

    /**
     * The comparison of two groups of cells, replicate by replicate (a training seed on a split); empty when no
     * replicate has runs in both groups.
     */
    static Optional<Comparison.Result> compare(List<RunRecord> runs, List<Cell> first, List<Cell> second) {
        Map<String, List<Score>[]> byReplicate = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            Cell cell = new Cell(r.condition(), r.k());
            int side = first.contains(cell) ? 0 : second.contains(cell) ? 1 : -1;
            if (side < 0) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<Score>[] groups = byReplicate.computeIfAbsent(r.splitSeed() + "/" + r.seed(),
                    key -> new List[] {new ArrayList<Score>(), new ArrayList<Score>()});
            boolean[] perImage = r.correctness();
            groups[side].add(perImage != null ? Score.of(perImage)
                    : Score.counts((int) Math.round(r.testAccuracy() * r.testImages()), r.testImages()));
        }
        List<Replicate> replicates = new ArrayList<>();
        for (List<Score>[] groups : byReplicate.values()) {
            if (!groups[0].isEmpty() && !groups[1].isEmpty()) {
                replicates.add(new Replicate(groups[0], groups[1]));
            }
        }
        return replicates.isEmpty() ? Optional.empty() : Optional.of(Comparison.of(replicates));
    }

    /** Mean test accuracy of a cell over its runs, -1 when it has none. */
    static double mean(List<RunRecord> runs, Cell cell) {
        return runs.stream().filter(r -> r.condition() == cell.condition() && r.k() == cell.k())
                .mapToDouble(RunRecord::testAccuracy).average().orElse(-1);
    }

    private static double meanOf(List<RunRecord> runs, List<Cell> cells) {
        return runs.stream().filter(r -> cells.contains(new Cell(r.condition(), r.k())))
                .mapToDouble(RunRecord::testAccuracy).average().orElse(-1);
    }

    private static String label(RunRecord r) {
        return r.condition().label() + (r.k() > 0 ? " k=" + r.k() : "");
    }
}
