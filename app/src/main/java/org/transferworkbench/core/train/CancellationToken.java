package org.transferworkbench.core.train;

/**
 * Asks a run or sweep to stop. Training checks it between mini-batches (each takes well under a second on a laptop),
 * so a cancel takes effect within a second. Pausing works the same way: the training thread waits between batches.
 */
public final class CancellationToken {

    private volatile boolean cancelled;
    private volatile boolean paused;
    private final Object pauseLock = new Object();

    public void cancel() {
        cancelled = true;
        setPaused(false);
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public void setPaused(boolean pause) {
        synchronized (pauseLock) {
            paused = pause;
            pauseLock.notifyAll();
        }
    }

    public boolean isPaused() {
        return paused;
    }

    /** Throws if cancelled; blocks while paused. Called by the training thread between mini-batches. */
    public void checkpoint() {
        if (paused) {
            synchronized (pauseLock) {
                while (paused && !cancelled) {
                    try {
                        pauseLock.wait(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        cancelled = true;
                    }
                }
            }
        }
        if (cancelled || Thread.currentThread().isInterrupted()) {
            cancelled = true;
            throw new CancelledException();
        }
    }
}
