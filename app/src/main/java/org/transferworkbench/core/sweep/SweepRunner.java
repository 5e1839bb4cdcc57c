package org.transferworkbench.core.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transferworkbench.core.backend.Backend;
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
 * run to a {@link RunTrainer}, stores each record as soon as it is finished, and turns cancel, out of memory and any
 * other failure into the sweep's last event.
 *
 * <p>With several workers the runs are independent tasks: each worker thread takes the next run in plan order and
 * trains it with its own trainer (its own nets); base nets are shared through {@link BaseNets}, trained once. Every
 * run is seeded by its key, so a run's result does not depend on which worker trained it or when. Records reach the
 * sink in the order runs finish. With one worker the runs are trained on the calling thread, in plan order.
 */
final class SweepRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);

    private SweepRunner() {
    }

    static SweepOutcome run(SweepPlan plan, Supplier<RunTrainer> trainers, RunSink sink, SweepListener listener,
                            CancellationToken cancel) {
        return run(plan, trainers, 1, sink, listener, cancel);
    }

    /** @param workers how many runs train at once (each on its own thread) */
    static SweepOutcome run(SweepPlan plan, Supplier<RunTrainer> trainers, int workers, RunSink sink,
                            SweepListener listener, CancellationToken cancel) {
        long start = System.nanoTime();
        List<RunKey> runs = plan.runs();
        Set<RunKey> done = sink.done();
        ConcurrentLinkedQueue<Integer> todo = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < runs.size(); i++) {
            if (!done.contains(runs.get(i))) {
                todo.add(i);
            }
        }
        listener.onEvent(new SweepEvent.SweepStarted(runs.size(), runs.size() - todo.size(), plan.describe()));
        AtomicInteger completed = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            Backend.applyLimitHere();
            work(plan, trainers, runs, todo, sink, listener, cancel, completed, failure);
        };
        int threads = Math.max(1, Math.min(workers, todo.size()));
        if (threads == 1) {
            worker.run();
        } else {
            List<Thread> pool = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread thread = new Thread(worker, "sweep-worker-" + (t + 1));
                thread.setDaemon(true);
                pool.add(thread);
                thread.start();
            }
            for (Thread thread : pool) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    cancel.cancel();
                    Thread.currentThread().interrupt();
                }
            }
        }
        Throwable failed = failure.get();
        if (failed instanceof OutOfMemoryError) {
            listener.onEvent(new SweepEvent.SweepFailed("out of memory: use fewer images per class, a smaller image "
                    + "size, a smaller net or fewer workers (finished runs are saved)", failed));
            return SweepOutcome.FAILED;
        }
        if (failed != null) {
            LOG.error("Sweep failed", failed);
            String message = failed.getMessage() == null ? failed.getClass().getSimpleName() : failed.getMessage();
            listener.onEvent(new SweepEvent.SweepFailed(message, failed));
            return SweepOutcome.FAILED;
        }
        if (cancel.isCancelled()) {
            listener.onEvent(new SweepEvent.SweepCancelled(completed.get()));
            return SweepOutcome.CANCELLED;
        }
        listener.onEvent(new SweepEvent.SweepFinished(completed.get(), (System.nanoTime() - start) / 1e9));
        return SweepOutcome.COMPLETED;
    }

    /** One worker: takes runs until none is left, the sweep is cancelled, or a run fails (which stops the others). */
    private static void work(SweepPlan plan, Supplier<RunTrainer> trainers, List<RunKey> runs,
                             ConcurrentLinkedQueue<Integer> todo, RunSink sink, SweepListener listener,
                             CancellationToken cancel, AtomicInteger completed, AtomicReference<Throwable> failure) {
        try (RunTrainer trainer = trainers.get()) {
            Integer i;
            while (failure.get() == null && (i = todo.poll()) != null) {
                cancel.checkpoint();
                RunKey key = runs.get(i);
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
                completed.incrementAndGet();
                listener.onEvent(new SweepEvent.RunFinished(i, record));
            }
        } catch (CancelledException e) {
            // the loop's owner reports the cancel once, after every worker has stopped
        } catch (RuntimeException | OutOfMemoryError e) {
            if (failure.compareAndSet(null, e)) {
                cancel.cancel(); // the other workers stop at their next mini-batch
            }
        }
    }
}
