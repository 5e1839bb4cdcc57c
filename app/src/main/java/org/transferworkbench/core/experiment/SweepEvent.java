package org.transferworkbench.core.experiment;

import org.transferworkbench.core.train.EpochStats;

/**
 * What a sweep reports while it runs. Immutable, so the training thread can hand them to any other thread (the CLI
 * prints them; the GUI queues them and drains the queue on the FX thread).
 */
public sealed interface SweepEvent {

    record SweepStarted(int totalRuns, int alreadyDone, String description) implements SweepEvent {
    }

    record RunStarted(int runIndex, int totalRuns, RunKey key, int epochs, String what) implements SweepEvent {
    }

    /** The first-layer filters of a transfer run's source net, once that net is ready (before training starts). */
    record SourceFilters(int runIndex, RunKey key, FilterSnapshot filters) implements SweepEvent {
    }

    record EpochFinished(int runIndex, RunKey key, EpochStats stats) implements SweepEvent {
    }

    /**
     * Progress inside an epoch, every few mini-batches.
     *
     * @param firstLayerFilters copy of the first layer's weights when that layer is being trained, else null
     */
    record BatchProgress(int runIndex, RunKey key, int epoch, int batch, int batchesPerEpoch, double loss,
                         FilterSnapshot firstLayerFilters) implements SweepEvent {
    }

    /**
     * The frozen layers' activations being computed before a frozen run trains on them (once per sweep, for every
     * cut point at once): {@code done} of {@code total} images and views so far.
     */
    record Featurizing(int runIndex, RunKey key, int done, int total) implements SweepEvent {
    }

    record RunFinished(int runIndex, RunRecord record) implements SweepEvent {
    }

    record SweepFinished(int runsCompleted, double seconds) implements SweepEvent {
    }

    /** The sweep stopped on an error; finished runs are already saved. */
    record SweepFailed(String message, Throwable cause) implements SweepEvent {
    }

    /** The user cancelled; finished runs are already saved, the run in progress is dropped. */
    record SweepCancelled(int runsCompleted) implements SweepEvent {
    }
}
