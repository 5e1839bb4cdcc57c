package org.transferworkbench.core.experiment;

/** Receives sweep events on the training thread; must return quickly (queue or print, never block). */
@FunctionalInterface
public interface SweepListener {
    void onEvent(SweepEvent event);

    SweepListener NONE = e -> { };
}
