package org.transferworkbench.ui.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that touches networks: loading data, training, evaluating. Daemon, so a closing window never waits
 * for it longer than {@link #shutdown(long)} allows.
 */
public final class TrainingThread {

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "training");
        t.setDaemon(true);
        return t;
    });

    public void submit(Runnable job) {
        executor.execute(job);
    }

    /** Stops accepting work and waits up to {@code millis} for the running job (already asked to cancel) to end. */
    public boolean shutdown(long millis) {
        executor.shutdown();
        try {
            return executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
