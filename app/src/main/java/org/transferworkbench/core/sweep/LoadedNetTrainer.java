package org.transferworkbench.core.sweep;

import java.util.List;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.FilterSnapshot;
import org.transferworkbench.core.experiment.RunKey;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.experiment.RunRecords;
import org.transferworkbench.core.experiment.SeedMixer;
import org.transferworkbench.core.net.TrainableNet;
import org.transferworkbench.core.pretrained.TransferNets;
import org.transferworkbench.core.split.TaskData;
import org.transferworkbench.core.train.EpochStats;
import org.transferworkbench.core.train.Trainer;

/**
 * The runs of a sweep against a net trained elsewhere. Frozen runs keep the transferred layers in DL4J frozen
 * wrappers and train the rest; unlike the paper's sweep, activations are not cached, because a foreign net's layers
 * may branch (graphs) and hold normalisation state.
 */
final class LoadedNetTrainer implements RunTrainer {

    private final LoadedNetPlan plan;
    private final TaskData task;
    private final FilterSnapshot sourceFilters;

    LoadedNetTrainer(LoadedNetPlan plan) {
        this.plan = plan;
        this.task = plan.task();
        this.sourceFilters = RunContext.firstLayerFilters(plan.source().view());
    }

    @Override
    public RunRecord train(RunContext run) {
        long start = System.nanoTime();
        RunKey key = run.key();
        Condition c = key.condition();
        run.started(plan.recipe().epochs(), c.isBase()
                ? "training " + plan.source().fileName() + "'s architecture from scratch"
                : (c.frozen() ? "frozen" : "fine-tuned") + " transfer of " + key.k() + " layer(s) (up to "
                        + plan.source().weightLayers().get(key.k() - 1) + ") from " + plan.source().fileName());
        if (!c.isBase()) {
            run.sourceFilters(sourceFilters);
        }
        long runSeed = SeedMixer.mix(key.seed(), c.ordinal(), key.k(), 0x7E7);
        try (TrainableNet net = TransferNets.build(plan.source(), key.k(), task.numClasses(), c.frozen(),
                plan.recipe(), runSeed)) {
            boolean firstLayerTrained = c.isBase() || !c.frozen();
            List<EpochStats> history = Trainer.train(net, task.train(), task.validation(), plan.recipe(), runSeed,
                    run.cancel(), run.progress(firstLayerTrained));
            // No split here: the split seed of every record is 0.
            return RunRecords.of(key, 0, net, task.test(), task.numClasses(), history,
                    (System.nanoTime() - start) / 1e9, false);
        }
    }
}
