package org.transferworkbench.core.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.transferworkbench.core.experiment.RunRecord;

/**
 * How much of the spread of test accuracy comes from the split (which classes are A and B) and how much from the
 * training seed: per cell (condition, k) with two or more splits, the variance of the split means against the mean
 * variance between seeds within a split (one-way analysis of variance), averaged over cells.
 *
 * @param splitShare the split's share of the variance, 0..1
 * @param seedShare  the training seed's share, 0..1
 * @param cells      how many cells it rests on
 */
public record Spread(double splitShare, double seedShare, int cells) {

    /** Null when no cell has two splits, each with runs. */
    public static Spread of(List<RunRecord> runs) {
        Map<String, Map<Long, List<Double>>> cells = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            if (r.diverged() == null) {
                cells.computeIfAbsent(r.condition().label() + "/" + r.k(), c -> new LinkedHashMap<>())
                        .computeIfAbsent(r.splitSeed(), s -> new ArrayList<>()).add(r.testAccuracy());
            }
        }
        double splitSum = 0;
        double seedSum = 0;
        int used = 0;
        for (Map<Long, List<Double>> bySplit : cells.values()) {
            if (bySplit.size() < 2) {
                continue;
            }
            List<Double> means = new ArrayList<>();
            double within = 0;
            for (List<Double> values : bySplit.values()) {
                means.add(mean(values));
                within += variance(values);
            }
            within /= bySplit.size();
            double between = variance(means);
            if (between + within > 0) {
                splitSum += between / (between + within);
                seedSum += within / (between + within);
                used++;
            }
        }
        return used == 0 ? null : new Spread(splitSum / used, seedSum / used, used);
    }

    static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    /** Sample variance (n - 1); 0 for a single value. */
    static double variance(List<Double> v) {
        if (v.size() < 2) {
            return 0;
        }
        double m = mean(v);
        return v.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / (v.size() - 1);
    }
}
