package org.transferworkbench.core.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.stats.Comparison;
import org.transferworkbench.core.stats.Comparison.Score;
import org.transferworkbench.core.stats.Interval;

/** Mean test accuracy per condition and cut point, with the spread over seeds: the numbers behind Figure 2. */
public final class Summary {

    private Summary() {
    }

    /**
     * @param interval 95% interval of the mean: one run's Wilson interval, or a bootstrap over the runs (seeds,
     *                 splits) and their test images ({@link Comparison#meanInterval})
     */
    public record Cell(double mean, double min, double max, int n, Interval interval) {
    }

    public static Cell cell(List<RunRecord> runs, Condition condition, int k) {
        return cell(runs, condition, k, Comparison::meanInterval);
    }

    /**
     * The same cell without waiting for a bootstrap: its interval is null unless known already (one run, or the same
     * runs summarised before). For drawing the means at once and the error bars when {@link #cell} has them.
     */
    public static Cell cellSoFar(List<RunRecord> runs, Condition condition, int k) {
        return cell(runs, condition, k, Comparison::knownMeanInterval);
    }

    private static Cell cell(List<RunRecord> runs, Condition condition, int k,
                             Function<List<Score>, Interval> interval) {
        List<Double> values = new ArrayList<>();
        List<Score> scores = new ArrayList<>();
        for (RunRecord r : runs) {
            // A diverged run has no accuracy: it is listed (and named by the findings), not averaged as a zero.
            if (r.condition() == condition && r.k() == k && r.diverged() == null) {
                values.add(r.testAccuracy());
                scores.add(Score.counts((int) Math.round(r.testAccuracy() * r.testImages()), r.testImages()));
            }
        }
        if (values.isEmpty()) {
            return null;
        }
        OptionalDouble mean = values.stream().mapToDouble(Double::doubleValue).average();
        return new Cell(mean.getAsDouble(), values.stream().mapToDouble(Double::doubleValue).min().getAsDouble(),
                values.stream().mapToDouble(Double::doubleValue).max().getAsDouble(), values.size(),
                interval.apply(scores));
    }

    /** A plain-text table: rows are conditions, columns cut points (k = 0 for base nets). */
    public static String table(List<RunRecord> runs, List<Integer> cutPoints) {
        return grid("Test accuracy (mean over seeds; min-max when several)", runs, cutPoints, " %14s",
                Summary::format);
    }

    /**
     * The same cells as means with their 95% intervals (bootstrap over the runs, seeds and splits, and their test
     * images; one run: its Wilson interval), for sweeps with several replicates.
     */
    public static String intervals(List<RunRecord> runs, List<Integer> cutPoints) {
        return grid("Test accuracy, mean [95% interval]", runs, cutPoints, " %-21s", cell -> cell == null ? ""
                : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", cell.mean(), cell.interval().low(),
                cell.interval().high()));
    }

    /** Conditions as rows, k = 0 and the cut points as columns, each cell written by {@code text} in {@code column}. */
    private static String grid(String title, List<RunRecord> runs, List<Integer> cutPoints, String column,
                               Function<Cell, String> text) {
        List<Integer> columns = new ArrayList<>();
        columns.add(0);
        columns.addAll(cutPoints);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-6s", ""));
        columns.forEach(k -> head.append(String.format(Locale.ROOT, column, "k=" + k)));
        StringBuilder sb = new StringBuilder(title).append('\n').append(head.toString().stripTrailing()).append('\n');
        for (Condition c : Condition.values()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-6s", c.label()));
            boolean any = false;
            for (int k : columns) {
                Cell cell = (c.isBase() == (k == 0)) ? cell(runs, c, k) : null;
                row.append(String.format(Locale.ROOT, column, text.apply(cell)));
                any |= cell != null;
            }
            if (any) {
                sb.append(row.toString().stripTrailing()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String format(Cell cell) {
        if (cell == null) {
            return "";
        }
        if (cell.n() == 1) {
            return String.format(Locale.ROOT, "%.4f", cell.mean());
        }
        return String.format(Locale.ROOT, "%.3f(%.2f-%.2f)", cell.mean(), cell.min(), cell.max());
    }
}
