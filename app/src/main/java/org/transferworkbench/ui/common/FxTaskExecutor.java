package org.transferworkbench.ui.common;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.util.Duration;
import org.transferworkbench.core.experiment.SweepEvent;

/**
 * The window's executor: one daemon "training" thread touches every net and dataset (loading, training, evaluating),
 * so nets never cross threads; outcomes come back with {@code Platform.runLater}, sweep events through a timer-drained
 * queue ({@link FxEventPump}). Daemon, so a closing window never waits for it longer than {@link #shutdown} allows.
 */
public final class FxTaskExecutor implements TaskExecutor {

    private final ExecutorService training = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "training");
        t.setDaemon(true);
        return t;
    });

    @Override
    public <T> void execute(BackgroundTask<T> task) {
        training.execute(() -> task.run(Platform::runLater));
    }

    @Override
    public void runOnUi(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    @Override
    public EventPump events(Consumer<List<SweepEvent>> consumer) {
        return new FxEventPump(consumer, this::ticker);
    }

    @Override
    public Ticker ticker(Runnable action) {
        Timeline timer = new Timeline(new KeyFrame(Duration.millis(100), e -> action.run()));
        timer.setCycleCount(Timeline.INDEFINITE);
        return new Ticker() {
            @Override
            public void start() {
                timer.play();
            }

            @Override
            public void stop() {
                timer.stop();
            }
        };
    }

    @Override
    public void shutdown(long millis) {
        training.shutdown();
        try {
            training.awaitTermination(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
