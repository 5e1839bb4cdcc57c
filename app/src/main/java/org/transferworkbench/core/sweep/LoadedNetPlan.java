package org.transferworkbench.core.sweep;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunKey;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.pretrained.NetReport;
import org.transferworkbench.core.pretrained.PretrainedNet;
import org.transferworkbench.core.pretrained.SourceFiles;
import org.transferworkbench.core.results.TransferSource;
import org.transferworkbench.core.split.TaskBuilder;
import org.transferworkbench.core.split.TaskData;

/**
 * The practical question against a net trained elsewhere: for each cut point k, frozen (AnB) versus fine-tuned (AnB+)
 * transfer of its first k weight layers onto the user's classes (task B), with the same architecture trained from
 * scratch (baseB) as the baseline. "A" is whatever the source net was trained on.
 *
 * @param classes   the user's classes the sweep trains on (task B), a subset of the dataset's (empty = all)
 * @param bPerClass training images per class (0 = all), the few-shot question
 */
public record LoadedNetPlan(Dataset dataset, List<String> classes, PretrainedNet source, int bPerClass,
                            Recipe recipe, Set<Condition> conditions, List<Integer> cutPoints,
                            List<Long> seeds) implements SweepPlan {

    /** The conditions that make sense without A's own data: no baseA, no selffer. */
    public static final Set<Condition> ALLOWED = EnumSet.of(Condition.BASE_B, Condition.ANB, Condition.ANB_PLUS);

    public LoadedNetPlan {
        conditions = conditions.isEmpty() ? EnumSet.noneOf(Condition.class) : EnumSet.copyOf(conditions);
        classes = classes.isEmpty() ? dataset.classNames() : List.copyOf(classes);
        if (classes.size() < 2) {
            throw new IllegalArgumentException("task B needs at least two classes");
        }
        if (classes.stream().distinct().count() < classes.size()) {
            throw new IllegalArgumentException("a class is named twice in " + classes + ": each class once");
        }
        for (String c : classes) {
            if (!dataset.classNames().contains(c)) {
                throw new IllegalArgumentException("no class '" + c + "' in " + dataset.name() + " (classes: "
                        + String.join(", ", dataset.classNames()) + ")");
            }
        }
        cutPoints = List.copyOf(cutPoints);
        seeds = List.copyOf(seeds);
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("choose at least one condition");
        }
        for (Condition c : conditions) {
            if (!ALLOWED.contains(c)) {
                throw new IllegalArgumentException(c + " needs the source net's own training data; against a "
                        + "pretrained net the conditions are baseB, AnB and AnB+");
            }
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("choose at least one seed");
        }
        if (source.classifierProblem() != null) {
            throw new IllegalArgumentException(source.classifierProblem());
        }
        for (int k : cutPoints) {
            if (!source.cutPoints().contains(k)) {
                throw new IllegalArgumentException("cut point k=" + k + " is outside 1.." + source.cutPoints().size()
                        + " for " + source.fileName());
            }
        }
        if (bPerClass < 0) {
            throw new IllegalArgumentException("examples per class must be >= 0");
        }
    }

    /** Per seed: the baseline first, then each k with frozen and fine-tuned runs side by side. */
    @Override
    public List<RunKey> runs() {
        List<RunKey> runs = new ArrayList<>();
        for (long seed : seeds) {
            if (conditions.contains(Condition.BASE_B)) {
                runs.add(new RunKey(Condition.BASE_B, 0, seed));
            }
            for (int k : cutPoints) {
                for (Condition c : List.of(Condition.ANB, Condition.ANB_PLUS)) {
                    if (conditions.contains(c)) {
                        runs.add(new RunKey(c, k, seed));
                    }
                }
            }
        }
        return runs;
    }

    /** The user's task: the chosen classes, training images limited per class when asked (fixed seed). */
    public TaskData task() {
        return TaskBuilder.classes(dataset, classes, bPerClass, 7);
    }

    /** The same plan without the from-scratch baseline (when training the net from scratch costs too much). */
    public LoadedNetPlan withoutBaseline() {
        Set<Condition> without = EnumSet.copyOf(conditions);
        without.remove(Condition.BASE_B);
        if (without.isEmpty()) {
            throw new IllegalArgumentException("no conditions left to run without the baseline");
        }
        return new LoadedNetPlan(dataset, classes, source, bPerClass, recipe, without, cutPoints, seeds);
    }

    /** The source's description in the results header: its report and content hash (the file is read once). */
    @Override
    public long splitSeed() {
        return 0;
    }

    @Override
    public TransferSource transferSource() {
        return new TransferSource.NetFile(NetReport.of(source), SourceFiles.sha256(source.file()), classes,
                bPerClass);
    }

    @Override
    public String describe() {
        return dataset.name() + " from pretrained " + source.fileName()
                + (bPerClass > 0 ? ", " + bPerClass + " per class" : "") + ", " + conditions.size()
                + " conditions x k " + cutPoints + " x seeds " + seeds;
    }
}
