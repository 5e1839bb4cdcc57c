package org.transferworkbench.ui.common;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Puts the window into a state one step at a time (load the data, then apply the settings, then load the net, ...):
 * each step starts when the work of the one before has finished (the shared {@link Activity} back to idle). A step
 * that fails stops the rest, its one-line error shown: the rest would act on the wrong state. Sessions and lessons
 * restore through it.
 */
public final class StepQueue {

    private final Activity activity;
    private final Deque<Runnable> steps = new ArrayDeque<>();

    public StepQueue(Activity activity) {
        this.activity = activity;
        activity.stateProperty().addListener((o, before, now) -> {
            if (now == RunState.IDLE) {
                advance();
            }
        });
    }

    /** Replaces whatever was still queued with {@code next}, and starts them if the window is idle. */
    public void run(List<Runnable> next) {
        steps.clear();
        steps.addAll(next);
        advance();
    }

    /** Steps queued and not yet started. */
    public int pending() {
        return steps.size();
    }

    private void advance() {
        while (!steps.isEmpty() && activity.state() == RunState.IDLE) {
            if (!activity.errorProperty().get().isEmpty()) {
                steps.clear();
                return;
            }
            steps.poll().run();
        }
    }
}
