package org.transferworkbench.ui.common;

import java.util.EnumSet;
import java.util.Set;

/** What the workbench is doing; only the listed transitions are allowed. */
public enum RunState {
    IDLE, LOADING, RUNNING, CANCELLING;

    private Set<RunState> next() {
        return switch (this) {
            case IDLE -> EnumSet.of(LOADING, RUNNING);
            case LOADING -> EnumSet.of(IDLE);
            case RUNNING -> EnumSet.of(CANCELLING, IDLE);
            case CANCELLING -> EnumSet.of(IDLE);
        };
    }

    public boolean canGoTo(RunState target) {
        return next().contains(target);
    }

    public boolean busy() {
        return this != IDLE;
    }
}
