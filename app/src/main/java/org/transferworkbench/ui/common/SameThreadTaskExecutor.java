package org.transferworkbench.ui.common;

import java.util.List;
import java.util.function.Consumer;
import org.transferworkbench.core.experiment.SweepEvent;

/** Runs every task, event and UI action at once on the calling thread: for tests of feature models without JavaFX. */
public final class SameThreadTaskExecutor implements TaskExecutor {

    @Override
    public <T> void execute(BackgroundTask<T> task) {
        task.run(Runnable::run);
    }

    @Override
    public void runOnUi(Runnable action) {
        action.run();
    }

    @Override
    public EventPump events(Consumer<List<SweepEvent>> consumer) {
        return new EventPump() {
            @Override
            public void onEvent(SweepEvent event) {
                consumer.accept(List.of(event));
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
