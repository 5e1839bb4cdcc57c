package org.transferworkbench.core.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunRecord;

/**
 * Sentences about a sweep, each computed from its finished runs (never from the paper's numbers): shown under the
 * transferability curve so what the class reads is what this machine measured.
 */
public final class Findings {

    private Findings() {
    }

    public static List<String> of(List<RunRecord> runs, List<Integer> cutPoints) {
        return of(runs, cutPoints, "A");
    }

    /** @param sourceTask what "A" is, in words: "A", or "the loaded net's task" for a sweep against a loaded net */
    public static List<String> of(List<RunRecord> runs, List<Integer> cutPoints, String sourceTask) {
        List<String> out = new ArrayList<>();
        if (cutPoints.isEmpty()) {
            return out;
        }
        int first = cutPoints.get(0);
        int last = cutPoints.get(cutPoints.size() - 1);
        Summary.Cell anbFirst = Summary.cell(runs, Condition.ANB, first);
        Summary.Cell anbLast = Summary.cell(runs, Condition.ANB, last);
        if (anbFirst != null && anbLast != null && first != last) {
            double d = anbLast.mean() - anbFirst.mean();
            out.add(String.format(Locale.ROOT,
                    "Frozen transfer (AnB) %s from %.3f at k=%d to %.3f at k=%d (%+.1f points)%s.",
                    d < 0 ? "falls" : "rises", anbFirst.mean(), first, anbLast.mean(), last, 100 * d,
                    d < -0.005 ? ": the top layers are specific to " + sourceTask : ""));
        }
        Summary.Cell tunedLast = Summary.cell(runs, Condition.ANB_PLUS, last);
        if (tunedLast != null && anbLast != null) {
            out.add(String.format(Locale.ROOT, "Fine-tuning at k=%d: AnB+ %.3f vs AnB %.3f (%+.1f points).", last,
                    tunedLast.mean(), anbLast.mean(), 100 * (tunedLast.mean() - anbLast.mean())));
        }
        Summary.Cell base = Summary.cell(runs, Condition.BASE_B, 0);
        double bestGap = Double.NaN;
        int bestK = -1;
        for (int k : cutPoints) {
            Summary.Cell plus = Summary.cell(runs, Condition.ANB_PLUS, k);
            Summary.Cell self = Summary.cell(runs, Condition.BNB_PLUS, k);
            if (plus != null && self != null && (Double.isNaN(bestGap) || plus.mean() - self.mean() > bestGap)) {
                bestGap = plus.mean() - self.mean();
                bestK = k;
            }
        }
        if (bestK > 0) {
            out.add(String.format(Locale.ROOT, "Transfer vs. extra training: AnB+ minus BnB+ is at most %+.1f points "
                    + "(k=%d)%s.", 100 * bestGap, bestK, base == null ? ""
                    : String.format(Locale.ROOT, "; baseB is %.3f", base.mean())));
        }
        // The paper's selffer dip is at middle cut points; the ends say little about co-adaptation (k=1 keeps most
        // layers trainable, the last k leaves only the classifier, which a short recipe can underfit).
        Summary.Cell bnbMin = null;
        int dipK = -1;
        for (int k : cutPoints.subList(1, Math.max(1, cutPoints.size() - 1))) {
            Summary.Cell c = Summary.cell(runs, Condition.BNB, k);
            if (c != null && (bnbMin == null || c.mean() < bnbMin.mean())) {
                bnbMin = c;
                dipK = k;
            }
        }
        if (bnbMin != null && base != null) {
            double dip = bnbMin.mean() - base.mean();
            out.add(String.format(Locale.ROOT, "Selffer dip: lowest BnB at middle k is %.3f (k=%d), %+.1f points from "
                    + "baseB%s.", bnbMin.mean(), dipK, 100 * dip, dip < -0.01
                    ? ": frozen middle layers lose accuracy, the paper's sign of fragile co-adaptation"
                    : ": no clear dip at this scale"));
        }
        int seeds = runs.stream().filter(r -> !r.condition().isBase())
                .mapToLong(RunRecord::seed).distinct().toArray().length;
        if (!out.isEmpty() && seeds < 3) {
            out.add(seeds == 1 ? "One training seed per point: differences of a few points can be noise; run more "
                    + "seeds to see the spread." : "Only " + seeds + " training seeds per point: read small "
                    + "differences with care.");
        }
        return out;
    }
}
