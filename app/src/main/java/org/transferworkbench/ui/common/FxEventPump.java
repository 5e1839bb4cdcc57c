package org.transferworkbench.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transferworkbench.core.experiment.SweepEvent;

/**
 * Hands sweep events from the training thread to the FX thread: the training thread only enqueues (never blocks,
 * never calls {@code Platform.runLater} per event); a timer on the FX thread drains the queue ten times a second and
 * passes each batch of events to the consumer.
 */
final class FxEventPump implements TaskExecutor.EventPump {

    static final long SLOW_MS = 40;
    private static final Logger LOG = LoggerFactory.getLogger(FxEventPump.class);
    private final ConcurrentLinkedQueue<SweepEvent> queue = new ConcurrentLinkedQueue<>();
    private final TaskExecutor.Ticker timer;

    /** @param ticker a UI-thread ticker ({@link TaskExecutor#ticker}) that the pump's drain is handed to */
    FxEventPump(Consumer<List<SweepEvent>> onFxThread, Function<Runnable, TaskExecutor.Ticker> ticker) {
        timer = ticker.apply(() -> drain(onFxThread));
    }

    @Override
    public void start() {
        timer.start();
    }

    @Override
    public void stop() {
        timer.stop();
    }

    @Override
    public void onEvent(SweepEvent event) {
        queue.add(event);
    }

    private void drain(Consumer<List<SweepEvent>> consumer) {
        if (queue.isEmpty()) {
            return;
        }
        List<SweepEvent> batch = new ArrayList<>();
        SweepEvent e;
        while ((e = queue.poll()) != null) {
            batch.add(e);
        }
        long start = System.nanoTime();
        consumer.accept(batch);
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (ms > SLOW_MS) {
            LOG.info("Applying {} events to the window took {} ms", batch.size(), ms);
        }
    }
}
