package org.transferworkbench.core.sweep;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunKey;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.results.TransferSource;
import org.transferworkbench.core.split.ClassSplit;

/**
 * The paper's protocol: base nets trained on A and B of a split, then the transfer conditions from them. Data, split,
 * how much of B to train on, the architecture, the recipe, and which conditions, cut points and training seeds.
 *
 * @param bPerClass training images per B class (0 = all)
 */
public record PaperPlan(Dataset dataset, ClassSplit split, int bPerClass, Architecture architecture, Recipe recipe,
                        Set<Condition> conditions, List<Integer> cutPoints, List<Long> seeds)
        implements SweepPlan {

    public PaperPlan {
        conditions = conditions.isEmpty() ? EnumSet.noneOf(Condition.class) : EnumSet.copyOf(conditions);
        cutPoints = List.copyOf(cutPoints);
        seeds = List.copyOf(seeds);
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("choose at least one condition");
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("choose at least one seed");
        }
        List<Integer> valid = architecture.cutPoints();
        for (int k : cutPoints) {
            if (!valid.contains(k)) {
                throw new IllegalArgumentException("cut point k=" + k + " is outside 1.." + valid.size()
                        + " for " + architecture.family());
            }
        }
        if (bPerClass < 0) {
            throw new IllegalArgumentException("examples per B class must be >= 0");
        }
    }

    /**
     * The runs in the order they are trained: per seed, the base nets first (everything else starts from them),
     * then cut points in increasing order so the transferability curve fills from left to right. Within a cut point
     * the fine-tuned runs, the longest, go first: with two workers a sweep then ends on short frozen runs rather than
     * on one worker training a fine-tuned run alone (in the default sweep the other worker idled 9 s; the order
     * changes nothing else, as every run is seeded by its key).
     */
    @Override
    public List<RunKey> runs() {
        List<RunKey> runs = new ArrayList<>();
        for (long seed : seeds) {
            for (Condition c : List.of(Condition.BASE_B, Condition.BASE_A)) {
                if (conditions.contains(c)) {
                    runs.add(new RunKey(c, 0, seed));
                }
            }
            for (int k : cutPoints) {
                for (Condition c : List.of(Condition.ANB_PLUS, Condition.BNB_PLUS, Condition.ANB, Condition.BNB)) {
                    if (conditions.contains(c)) {
                        runs.add(new RunKey(c, k, seed));
                    }
                }
            }
        }
        return runs;
    }

    @Override
    public long splitSeed() {
        return split.seed();
    }

    @Override
    public TransferSource transferSource() {
        return new TransferSource.BaseNets(split, bPerClass, architecture);
    }

    @Override
    public String describe() {
        return dataset.name() + ", split " + split.name() + (bPerClass > 0 ? ", " + bPerClass + " per B class" : "")
                + ", " + conditions.size() + " conditions x k " + cutPoints + " x seeds " + seeds;
    }
}
