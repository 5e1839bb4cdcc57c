package org.transferworkbench.core.experiment;

/**
 * Receives sweep events on the sweep's threads (one per worker): must be thread-safe and return quickly (queue or
 * print, never block).
 */
@FunctionalInterface
public interface SweepListener {
    void onEvent(SweepEvent event);

    SweepListener NONE = e -> { };
}
