package org.transferworkbench.core.sweep;

import org.transferworkbench.core.experiment.RunRecord;

/**
 * Trains and tests one run of a sweep (template method: {@link SweepRunner} owns the loop, resume, events, cancel and
 * failures; a trainer owns only what differs between the kinds of plan). Runs on the training thread; the nets it
 * holds between runs (base nets of the current seed) never leave it.
 */
interface RunTrainer extends AutoCloseable {

    /** Announces the run ({@code RunStarted}), trains it, tests it and returns its record. */
    RunRecord train(RunContext run);

    /** Frees the nets kept between runs. */
    @Override
    default void close() {
    }
}
