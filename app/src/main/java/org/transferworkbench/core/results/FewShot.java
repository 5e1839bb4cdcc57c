package org.transferworkbench.core.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.stats.Comparison;

/**
 * The seed article's open question, measured: test accuracy on B against B's training images per class, for baseB
 * (from scratch), AnB (A's first k layers frozen) and AnB+ (fine-tuned), and the gain of transfer at each size with
 * the same rule as every finding (a paired bootstrap over seeds and test images; a gain is stated only when its 95%
 * interval excludes zero).
 */
public final class FewShot {

    /**
     * One size of B.
     *
     * @param perClass     training images per B class (0 = all)
     * @param gainFrozen   AnB - baseB, or null without both
     * @param gainFineTuned AnB+ - baseB, or null without both
     */
    public record Row(int perClass, Summary.Cell baseB, Summary.Cell frozen, Summary.Cell fineTuned,
                      Comparison.Result gainFrozen, Comparison.Result gainFineTuned) {
    }

    /** The folder prefix of one size's sweep: per-class-N, per-class-all. */
    public static final String PER_CLASS = "per-class-";

    private FewShot() {
    }

    /** @param bySize each size's runs (baseB, AnB and AnB+ at {@code k}), sizes in any order */
    public static List<Row> rows(Map<Integer, List<RunRecord>> bySize, int k) {
        Map<Integer, List<RunRecord>> sorted = new TreeMap<>((x, y) -> Integer.compare(order(x), order(y)));
        sorted.putAll(bySize);
        List<Row> rows = new ArrayList<>();
        sorted.forEach((size, all) -> {
            List<RunRecord> runs = all.stream().filter(r -> r.diverged() == null).toList();
            Findings.Cell base = new Findings.Cell(Condition.BASE_B, 0);
            rows.add(new Row(size, Summary.cell(runs, Condition.BASE_B, 0), Summary.cell(runs, Condition.ANB, k),
                    Summary.cell(runs, Condition.ANB_PLUS, k),
                    gain(runs, new Findings.Cell(Condition.ANB, k), base),
                    gain(runs, new Findings.Cell(Condition.ANB_PLUS, k), base)));
        });
        return rows;
    }

    private static Comparison.Result gain(List<RunRecord> runs, Findings.Cell transfer, Findings.Cell base) {
        Optional<Comparison.Result> c = Findings.compare(runs, List.of(transfer), List.of(base));
        return c.orElse(null);
    }

    /** A few-examples run read back from its folder: each size's runs and the cut point they were trained at. */
    public record Replay(int k, Map<Integer, List<RunRecord>> bySize) {

        public List<Row> rows() {
            return FewShot.rows(bySize, k);
        }
    }

    /**
     * Reads the folder a few-examples run wrote ({@code per-class-N/results.json} for each size, as {@code fewshot}
     * and the window write them); the cut point is the one its transfer runs used.
     */
    public static Replay read(Path folder) {
        Map<Integer, List<RunRecord>> bySize = new TreeMap<>();
        try (Stream<Path> children = Files.list(folder)) {
            for (Path c : children.sorted().toList()) {
                String name = c.getFileName().toString();
                if (name.startsWith(PER_CLASS) && Files.exists(c.resolve(ResultsStore.JSON_NAME))) {
                    String size = name.substring(PER_CLASS.length());
                    int perClass = size.equals("all") ? 0 : Integer.parseInt(size);
                    bySize.put(perClass, ResultsStore.read(c.resolve(ResultsStore.JSON_NAME)).runs());
                }
            }
        } catch (IOException e) {
            throw new UserError(folder + ": cannot list (" + e.getMessage() + ")", e);
        } catch (NumberFormatException e) {
            throw new UserError(folder + ": a per-class-N folder is not named by a number", e);
        }
        int k = bySize.values().stream().flatMap(List::stream).filter(r -> !r.condition().isBase())
                .mapToInt(RunRecord::k).findFirst().orElse(0);
        if (bySize.isEmpty() || k == 0) {
            throw new UserError(folder + ": no few-examples results here (per-class-N/results.json with transfer "
                    + "runs)");
        }
        return new Replay(k, bySize);
    }

    /** "all" (0) sorts last. */
    private static int order(int perClass) {
        return perClass == 0 ? Integer.MAX_VALUE : perClass;
    }

    public static String table(List<Row> rows, int k) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Test accuracy on B by training images per B class (k=%d; mean [95%% "
                + "interval])%n", k));
        sb.append(String.format(Locale.ROOT, "  %-9s %-22s %-22s %-22s %-24s %s%n", "per class", "baseB", "AnB",
                "AnB+", "AnB - baseB (points)", "AnB+ - baseB (points)"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "  %-9s %-22s %-22s %-22s %-24s %s%n",
                    r.perClass() == 0 ? "all" : Integer.toString(r.perClass()), cell(r.baseB()), cell(r.frozen()),
                    cell(r.fineTuned()), gain(r.gainFrozen()), gain(r.gainFineTuned())));
        }
        sb.append("  ~ = within noise: the gain's 95% interval (paired bootstrap) includes zero").append(
                System.lineSeparator());
        return sb.toString();
    }

    /**
     * Where transfer pays most: the size with the largest fine-tuned gain that the rule supports, or, when none is,
     * that every gain is within noise.
     */
    public static String verdict(List<Row> rows) {
        Row best = null;
        for (Row r : rows) {
            if (r.gainFineTuned() != null && r.gainFineTuned().supported() && r.gainFineTuned().difference() > 0
                    && (best == null || r.gainFineTuned().difference() > best.gainFineTuned().difference())) {
                best = r;
            }
        }
        if (best == null) {
            return "No size shows a gain of fine-tuned transfer (AnB+) over training from scratch (baseB) beyond "
                    + "noise (every 95% interval of AnB+ - baseB includes zero, or the gain is negative).";
        }
        Comparison.Result g = best.gainFineTuned();
        long supported = rows.stream().filter(r -> r.gainFineTuned() != null && r.gainFineTuned().supported()
                && r.gainFineTuned().difference() > 0).count();
        return String.format(Locale.ROOT, "Transfer pays most at %s images per B class: AnB+ beats baseB by %+.1f "
                + "points [%+.1f, %+.1f] (%d of %d sizes show a gain beyond noise).",
                best.perClass() == 0 ? "all" : Integer.toString(best.perClass()), 100 * g.difference(),
                100 * g.interval().low(), 100 * g.interval().high(), supported, rows.size());
    }

    private static String cell(Summary.Cell c) {
        return c == null ? "-" : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", c.mean(), c.interval().low(),
                c.interval().high());
    }

    private static String gain(Comparison.Result g) {
        return g == null ? "-" : String.format(Locale.ROOT, "%+.1f [%+.1f, %+.1f]%s", 100 * g.difference(),
                100 * g.interval().low(), 100 * g.interval().high(), g.supported() ? "" : " ~");
    }
}
