package org.transferworkbench.ui.common;

import java.util.List;
import java.util.function.Consumer;
import org.transferworkbench.core.experiment.SweepEvent;

/**
 * Runs every task, event and UI action at once on the calling thread (events one at a time): for tests of feature
 * models without JavaFX.
 */
public final class SameThreadTaskExecutor implements TaskExecutor {

    /** Stands for the one UI thread: whatever would run there runs holding this, one thing at a time. */
    private final Object ui = new Object();

    @Override
    public <T> void execute(BackgroundTask<T> task) {
        task.run(Runnable::run);
    }

    @Override
    public void runOnUi(Runnable action) {
        synchronized (ui) {
            action.run();
        }
    }

    @Override
    public EventPump events(Consumer<List<SweepEvent>> consumer) {
        return new EventPump() {
            // A sweep with several workers reports from several threads at once; the window's pump queues their
            // events for the one FX thread, so here they are applied one at a time too (the models' lists are not
            // thread-safe).
            @Override
            public void onEvent(SweepEvent event) {
                synchronized (ui) {
                    consumer.accept(List.of(event));
                }
            }

            @Override
            public void start() {
            }

            @Override
            public void stop() {
            }
        };
    }

    @Override
    public Ticker ticker(Runnable action) {
        // No clock in tests: progress polling is not what they check.
        return new Ticker() {
            @Override
            public void start() {
            }

            @Override
            public void stop() {
            }
        };
    }

    @Override
    public void shutdown(long millis) {
    }
}
