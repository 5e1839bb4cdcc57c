package org.transferworkbench.core.pretrained;

import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.FilterSnapshot;
import org.transferworkbench.core.experiment.RunKey;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.experiment.RunRecords;
import org.transferworkbench.core.experiment.RunSink;
import org.transferworkbench.core.experiment.SeedMixer;
import org.transferworkbench.core.experiment.SweepEvent;
import org.transferworkbench.core.experiment.SweepListener;
import org.transferworkbench.core.experiment.SweepRunner;
import org.transferworkbench.core.net.TrainableNet;
import org.transferworkbench.core.split.TaskData;
import org.transferworkbench.core.train.CancellationToken;
import org.transferworkbench.core.train.CancelledException;
import org.transferworkbench.core.train.EpochStats;
import org.transferworkbench.core.train.Trainer;
import org.transferworkbench.core.train.TrainingListener;

/**
 * Runs a {@link PretrainedSweepPlan} on the calling thread (the one training thread), with the same events and
 * results records as the paper's sweep, so the CLI, the GUI and results files treat both alike.
 *
 * <p>Frozen runs keep the transferred layers in DL4J frozen wrappers and train the rest; unlike the workbench's own
 * sweep, activations are not cached, because a foreign net's layers may branch (graphs) and hold normalisation state.
 */
public final class PretrainedSweepRunner {

    private static final Logger LOG = LoggerFactory.getLogger(PretrainedSweepRunner.class);

    public SweepRunner.Outcome run(PretrainedSweepPlan plan, RunSink sink, SweepListener listener,
                                   CancellationToken cancel) {
        long start = System.nanoTime();
        List<RunKey> runs = plan.runs();
        Set<RunKey> done = sink.done();
        int already = (int) runs.stream().filter(done::contains).count();
        int completed = 0;
        listener.onEvent(new SweepEvent.SweepStarted(runs.size(), already, plan.describe()));
        TaskData task = plan.task();
        FilterSnapshot sourceFilters = SweepRunner.firstLayerFilters(plan.source().view());
        try {
            for (int i = 0; i < runs.size(); i++) {
                RunKey key = runs.get(i);
                if (done.contains(key)) {
                    continue;
                }
                cancel.checkpoint();
                RunRecord record = runOne(plan, task, i, runs.size(), key, sourceFilters, listener, cancel);
                sink.add(record);
                completed++;
                listener.onEvent(new SweepEvent.RunFinished(i, record));
            }
            listener.onEvent(new SweepEvent.SweepFinished(completed, (System.nanoTime() - start) / 1e9));
            return SweepRunner.Outcome.COMPLETED;
        } catch (CancelledException e) {
            listener.onEvent(new SweepEvent.SweepCancelled(completed));
            return SweepRunner.Outcome.CANCELLED;
        } catch (OutOfMemoryError e) {
            listener.onEvent(new SweepEvent.SweepFailed("out of memory: use fewer images per class or a smaller "
                    + "net (finished runs are saved)", e));
            return SweepRunner.Outcome.FAILED;
        } catch (RuntimeException e) {
            LOG.error("Pretrained sweep failed", e);
            listener.onEvent(new SweepEvent.SweepFailed(e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage(), e));
            return SweepRunner.Outcome.FAILED;
        }
    }

    private RunRecord runOne(PretrainedSweepPlan plan, TaskData task, int index, int total, RunKey key,
                             FilterSnapshot sourceFilters, SweepListener listener, CancellationToken cancel) {
        long start = System.nanoTime();
        Condition c = key.condition();
        String what = c.isBase() ? "training " + plan.source().fileName() + "'s architecture from scratch"
                : (c.frozen() ? "frozen" : "fine-tuned") + " transfer of " + key.k() + " layer(s) (up to "
                        + plan.source().weightLayers().get(key.k() - 1) + ") from " + plan.source().fileName();
        listener.onEvent(new SweepEvent.RunStarted(index, total, key, plan.recipe().epochs(), what));
        if (!c.isBase() && sourceFilters != null) {
            listener.onEvent(new SweepEvent.SourceFilters(index, key, sourceFilters));
        }
        long runSeed = SeedMixer.mix(key.seed(), c.ordinal(), key.k(), 0x7E7);
        try (TrainableNet net = TransferNets.build(plan.source(), key.k(), task.numClasses(), c.frozen(),
                plan.recipe(), runSeed)) {
            boolean firstLayerTrained = c.isBase() || !c.frozen();
            List<EpochStats> history = Trainer.train(net, task.train(), task.validation(), plan.recipe(), runSeed,
                    cancel, progress(listener, index, key, firstLayerTrained));
            // No split here: the split seed of every record is 0.
            return RunRecords.of(key, 0, net, task.test(), task.numClasses(), history,
                    (System.nanoTime() - start) / 1e9, false);
        }
    }

    private static TrainingListener progress(SweepListener listener, int index, RunKey key, boolean filters) {
        return new TrainingListener() {
            @Override
            public void epochFinished(EpochStats stats) {
                listener.onEvent(new SweepEvent.EpochFinished(index, key, stats));
            }

            @Override
            public void batchesFinished(int epoch, int batch, int batchesPerEpoch, double loss, TrainableNet net) {
                listener.onEvent(new SweepEvent.BatchProgress(index, key, epoch, batch, batchesPerEpoch, loss,
                        filters ? SweepRunner.firstLayerFilters(net) : null));
            }
        };
    }
}
