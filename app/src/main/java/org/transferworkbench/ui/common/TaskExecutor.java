package org.transferworkbench.ui.common;

import java.util.List;
import java.util.function.Consumer;
import org.transferworkbench.core.experiment.SweepEvent;
import org.transferworkbench.core.experiment.SweepListener;

/**
 * The one path for work off the UI thread (JabRef's {@code TaskExecutor}): the window's {@link FxTaskExecutor} runs
 * tasks on the single training thread and delivers results on the FX thread; {@link SameThreadTaskExecutor} does both
 * on the caller's thread, so feature models are tested without the FX toolkit.
 */
public interface TaskExecutor {

    <T> void execute(BackgroundTask<T> task);

    /** Runs an action on the UI thread (later, when called from elsewhere). */
    void runOnUi(Runnable action);

    /** A sweep listener whose events reach {@code consumer} on the UI thread, in batches. */
    EventPump events(Consumer<List<SweepEvent>> consumer);

    /** Calls {@code action} on the UI thread every tenth of a second between start and stop. */
    Ticker ticker(Runnable action);

    /** Stops taking work and waits up to {@code millis} for the running task (already asked to cancel). */
    void shutdown(long millis);

    /** Sweep events from the training thread to the UI thread. */
    interface EventPump extends SweepListener {
        void start();

        void stop();
    }

    /** A repeating UI-thread action. */
    interface Ticker {
        void start();

        void stop();
    }
}
