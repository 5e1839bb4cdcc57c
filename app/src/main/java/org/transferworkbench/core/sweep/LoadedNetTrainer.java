package org.transferworkbench.core.sweep;

import java.util.List;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.FilterSnapshot;
import org.transferworkbench.core.experiment.RunKey;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.experiment.RunRecords;
import org.transferworkbench.core.experiment.SeedMixer;
import org.transferworkbench.core.net.TrainableNet;
import org.transferworkbench.core.pretrained.FrozenFeatures;
import org.transferworkbench.core.pretrained.HeadNets;
import org.transferworkbench.core.pretrained.TransferNets;
import org.transferworkbench.core.split.TaskData;
import org.transferworkbench.core.train.EpochStats;
import org.transferworkbench.core.train.Trainer;

/**
 * The runs of a sweep against a net trained elsewhere. Frozen runs at clean cut points (one activation crosses the
 * cut: every cut of a chain, the block ends of a residual net) train the layers above the cut on that activation,
 * computed once for the whole sweep ({@link FrozenFeatures}); frozen runs at other cut points keep the transferred
 * layers in DL4J's frozen wrappers and pass every mini-batch through them. Both see the same inputs in the same
 * order, so they train the same head.
 */
final class LoadedNetTrainer implements RunTrainer {

    private final LoadedNetPlan plan;
    private final TaskData task;
    private final FilterSnapshot sourceFilters;
    private final FrozenActivations activations;

    LoadedNetTrainer(LoadedNetPlan plan, FrozenActivations activations) {
        this.plan = plan;
        this.task = plan.task();
        this.sourceFilters = RunContext.firstLayerFilters(plan.source().view());
        this.activations = activations;
    }

    @Override
    public RunRecord train(RunContext run) {
        long start = System.nanoTime();
        RunKey key = run.key();
        Condition c = key.condition();
        boolean cached = c.frozen() && activations.covers(key.k());
        run.started(plan.recipe().epochs(), c.isBase()
                ? "training " + plan.source().fileName() + "'s architecture from scratch"
                : (c.frozen() ? "frozen" : "fine-tuned") + " transfer of " + key.k() + " layer(s) (up to "
                        + plan.source().weightLayers().get(key.k() - 1) + ") from " + plan.source().fileName()
                        + (cached ? ", on cached activations" : ""));
        if (!c.isBase()) {
            run.sourceFilters(sourceFilters);
        }
        long runSeed = SeedMixer.mix(key.seed(), c.ordinal(), key.k(), 0x7E7);
        try (TrainableNet net = TransferNets.build(plan.source(), key.k(), task.numClasses(), c.frozen(),
                plan.recipe(), runSeed)) {
            // The whole net is built even when only its head trains: the head takes its starting weights from it,
            // so a cached run starts exactly where a run through the frozen layers does (same seed, same draws).
            FrozenFeatures features = cached ? activations.get(run, task) : null;
            if (features != null && features.has(key.k())) {
                FrozenFeatures.Cut cut = features.cut(key.k());
                try (TrainableNet head = HeadNets.of(plan.source(), key.k(), net)) {
                    List<EpochStats> history = Trainer.train(head, cut.train(), cut.validation(), plan.recipe(),
                            runSeed, run.cancel(), run.progress(false));
                    // The head on the test images' cached activations computes what the whole frozen net would.
                    return RunRecords.of(key, 0, head, cut.test(), task.numClasses(), history,
                            (System.nanoTime() - start) / 1e9, false);
                }
            }
            boolean firstLayerTrained = c.isBase() || !c.frozen();
            List<EpochStats> history = Trainer.train(net, task.train(), task.validation(), plan.recipe(), runSeed,
                    run.cancel(), run.progress(firstLayerTrained));
            // No split here: the split seed of every record is 0.
            return RunRecords.of(key, 0, net, task.test(), task.numClasses(), history,
                    (System.nanoTime() - start) / 1e9, false);
        }
    }
}
