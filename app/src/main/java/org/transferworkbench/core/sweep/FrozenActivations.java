package org.transferworkbench.core.sweep;

import java.nio.file.Path;
import java.util.List;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.pretrained.FrozenCuts;
import org.transferworkbench.core.pretrained.FrozenFeatures;
import org.transferworkbench.core.split.TaskData;

/**
 * A loaded-net sweep's cached activations: computed by the first frozen run that needs them, for every clean cut
 * point of the plan at once, and freed (spilled files deleted) when the sweep ends.
 */
final class FrozenActivations implements AutoCloseable {

    private final LoadedNetPlan plan;
    private final List<Integer> candidates;
    private final Path spillParent;
    private FrozenFeatures features;

    /** @param on false to train every frozen run through the frozen layers (the uncached path, for comparison) */
    FrozenActivations(LoadedNetPlan plan, boolean on) {
        this.plan = plan;
        this.candidates = on && plan.conditions().contains(Condition.ANB)
                ? plan.cutPoints().stream().filter(k -> FrozenCuts.clean(plan.source(), k)).toList() : List.of();
        this.spillParent = BaseNetCache.defaultFolder().resolve("activations");
    }

    /** True when a frozen run at k may train on cached activations (if they fit in memory once computed). */
    boolean covers(int k) {
        return candidates.contains(k);
    }

    /** The activations of {@code task}'s images, computed now (progress under {@code run}) unless a run did. */
    synchronized FrozenFeatures get(RunContext run, TaskData task) {
        if (features == null) {
            features = FrozenFeatures.compute(plan.source(), candidates, task.train(), task.validation(), task.test(),
                    plan.recipe(), spillParent, Runtime.getRuntime().maxMemory() / 3, run.cancel(),
                    run.featurizing());
        }
        return features;
    }

    @Override
    public synchronized void close() {
        if (features != null) {
            features.close();
            features = null;
        }
    }
}
