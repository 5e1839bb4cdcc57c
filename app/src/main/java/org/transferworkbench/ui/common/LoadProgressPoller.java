package org.transferworkbench.ui.common;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.transferworkbench.core.data.LoadProgress;

/**
 * Decoding progress from the loader's threads to the window: the decoding threads only store the latest count (one
 * atomic write, no event per image); a ticker on the UI thread reads it ten times a second while loading.
 */
public final class LoadProgressPoller implements LoadProgress {

    private final AtomicLong latest = new AtomicLong(-1);
    private final TaskExecutor.Ticker ticker;

    /** @param onUiThread receives (done, total) on the UI thread */
    public LoadProgressPoller(TaskExecutor executor, BiConsumer<Integer, Integer> onUiThread) {
        ticker = executor.ticker(() -> {
            long v = latest.get();
            if (v >= 0) {
                onUiThread.accept((int) (v >>> 32), (int) v);
            }
        });
    }

    @Override
    public void decoded(int done, int total) {
        latest.set(((long) done << 32) | (total & 0xffffffffL));
    }

    public void start() {
        latest.set(-1);
        ticker.start();
    }

    public void stop() {
        ticker.stop();
    }
}
