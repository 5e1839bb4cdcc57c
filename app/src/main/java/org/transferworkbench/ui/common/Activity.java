package org.transferworkbench.ui.common;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the workbench is doing, shared by every feature: the run state (one job at a time), the status line, the
 * error banner and the progress bar. Touched on the UI thread only.
 */
public final class Activity {

    private final ReadOnlyObjectWrapper<RunState> state = new ReadOnlyObjectWrapper<>(RunState.IDLE);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Ready");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    /** The one busy binding every control that must wait binds its disable state to. */
    private final BooleanBinding busy = Bindings.createBooleanBinding(() -> state.get().busy(), state);

    public ReadOnlyObjectProperty<RunState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public RunState state() {
        return state.get();
    }

    public BooleanBinding busyProperty() {
        return busy;
    }

    public boolean isBusy() {
        return busy.get();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /**
     * Compare-and-set: moves to {@code target} only if the current state allows it ({@link RunState#canGoTo}), so
     * two actions can never both start a job.
     */
    public boolean moveTo(RunState target) {
        if (!state.get().canGoTo(target)) {
            return false;
        }
        state.set(target);
        return true;
    }

    public void status(String text) {
        status.set(text);
    }

    public void progress(double value) {
        progress.set(value);
    }

    /** Shows a message in the banner without changing what runs. */
    public void showError(String message) {
        error.set(message);
    }

    public void clearError() {
        error.set("");
    }

    /** A job ended in failure: the banner says why, and the window is idle and usable again. */
    public void fail(String message) {
        error.set(message);
        status.set("Ready");
        progress.set(0);
        moveTo(RunState.IDLE);
    }

    /** A job ended well. */
    public void done(String statusText) {
        status.set(statusText);
        moveTo(RunState.IDLE);
    }
}
