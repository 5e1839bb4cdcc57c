package org.transferworkbench.core.sweep;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transferworkbench.core.experiment.RunKey;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.experiment.RunRecords;
import org.transferworkbench.core.experiment.RunSink;
import org.transferworkbench.core.experiment.SweepEvent;
import org.transferworkbench.core.experiment.SweepListener;
import org.transferworkbench.core.train.CancellationToken;
import org.transferworkbench.core.train.CancelledException;
import org.transferworkbench.core.train.TrainingDivergedException;

/**
 * The one sweep loop, for every kind of plan: skips runs the sink already holds (resume), reports events, hands each
 * run to the plan's {@link RunTrainer}, stores each record before the next run starts, and turns cancel, out of
 * memory and any other failure into the sweep's last event. Runs on the calling thread (the training thread).
 */
final class SweepRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);

    private SweepRunner() {
    }

    static SweepOutcome run(SweepPlan plan, Supplier<RunTrainer> trainers, RunSink sink, SweepListener listener,
                            CancellationToken cancel) {
        long start = System.nanoTime();
        List<RunKey> runs = plan.runs();
        Set<RunKey> done = sink.done();
        int already = (int) runs.stream().filter(done::contains).count();
        int completed = 0;
        listener.onEvent(new SweepEvent.SweepStarted(runs.size(), already, plan.describe()));
        try (RunTrainer trainer = trainers.get()) {
            for (int i = 0; i < runs.size(); i++) {
                RunKey key = runs.get(i);
                if (done.contains(key)) {
                    continue;
                }
                cancel.checkpoint();
                long runStart = System.nanoTime();
                RunRecord record;
                try {
                    record = trainer.train(new RunContext(i, runs.size(), key, listener, cancel));
                } catch (TrainingDivergedException e) {
                    // One run's NaN is a result about that run (recorded, marked, left out of the findings), not the
                    // end of the sweep.
                    LOG.warn("{}: {}", key, e.getMessage());
                    record = RunRecords.diverged(key, plan.splitSeed(), (System.nanoTime() - runStart) / 1e9,
                            e.getMessage());
                }
                sink.add(record);
                completed++;
                listener.onEvent(new SweepEvent.RunFinished(i, record));
            }
            listener.onEvent(new SweepEvent.SweepFinished(completed, (System.nanoTime() - start) / 1e9));
            return SweepOutcome.COMPLETED;
        } catch (CancelledException e) {
            listener.onEvent(new SweepEvent.SweepCancelled(completed));
            return SweepOutcome.CANCELLED;
        } catch (OutOfMemoryError e) {
            listener.onEvent(new SweepEvent.SweepFailed("out of memory: use fewer images per class, a smaller image "
                    + "size or a smaller net (finished runs are saved)", e));
            return SweepOutcome.FAILED;
        } catch (RuntimeException e) {
            LOG.error("Sweep failed", e);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            listener.onEvent(new SweepEvent.SweepFailed(message, e));
            return SweepOutcome.FAILED;
        }
    }
}
