package org.transferworkbench.ui.common;

import javafx.application.Platform;

/** The one door to the FX thread's queue outside the executor (scripts that must act after the current event). */
public final class FxThread {

    private FxThread() {
    }

    /** Runs {@code action} on the FX thread after the events already queued. */
    public static void later(Runnable action) {
        Platform.runLater(action);
    }
}
