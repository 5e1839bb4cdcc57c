package org.transferworkbench.ui.common;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;
import org.transferworkbench.core.data.LoadProgress;

/**
 * Decoding progress from the loader's threads to the window: the decoding threads only store the latest count (one
 * atomic write, no event per image); a timer on the FX thread reads it ten times a second while loading.
 */
public final class LoadProgressPoller implements LoadProgress {

    private final AtomicLong latest = new AtomicLong(-1);
    private final Timeline timer;

    /** @param onFxThread receives (done, total) on the FX thread */
    public LoadProgressPoller(BiConsumer<Integer, Integer> onFxThread) {
        timer = new Timeline(new KeyFrame(Duration.millis(100), e -> {
            long v = latest.get();
            if (v >= 0) {
                onFxThread.accept((int) (v >>> 32), (int) v);
            }
        }));
        timer.setCycleCount(Timeline.INDEFINITE);
    }

    @Override
    public void decoded(int done, int total) {
        latest.set(((long) done << 32) | (total & 0xffffffffL));
    }

    public void start() {
        latest.set(-1);
        timer.play();
    }

    public void stop() {
        timer.stop();
    }
}
