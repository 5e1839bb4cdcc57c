package org.transferworkbench.cli;

import java.io.PrintWriter;
import org.transferworkbench.core.experiment.SweepEvent;
import org.transferworkbench.core.experiment.SweepListener;

/**
 * Prints sweep events as they come: one line per run start, epoch and result, each naming its run ([n/N]), since
 * several workers' runs interleave. Called from the sweep's worker threads.
 */
final class ProgressPrinter implements SweepListener {

    private final PrintWriter out;
    private volatile String failure;

    private int featurizedQuarter;

    ProgressPrinter(PrintWriter out) {
        this.out = out;
    }

    String failure() {
        return failure;
    }

    @Override
    public synchronized void onEvent(SweepEvent event) {
        if (event instanceof SweepEvent.SweepStarted e) {
            out.printf("Sweep: %d runs (%d already done): %s%n", e.totalRuns(), e.alreadyDone(), e.description());
        } else if (event instanceof SweepEvent.RunStarted e) {
            out.printf("[%2d/%d] %s: %s%n", e.runIndex() + 1, e.totalRuns(), e.key(), e.what());
        } else if (event instanceof SweepEvent.Featurizing e) {
            // A line at the start and at each quarter: a 224-pixel net takes minutes here.
            int quarter = e.total() == 0 ? 4 : (int) (4L * e.done() / e.total());
            if (quarter > featurizedQuarter || e.done() == e.total()) {
                featurizedQuarter = quarter;
                out.printf("   [%2d] frozen layers' activations: %d of %d images (and views)%n", e.runIndex() + 1,
                        e.done(), e.total());
            }
        } else if (event instanceof SweepEvent.EpochFinished e) {
            out.printf("   [%2d] epoch %d  loss %.4f  validation accuracy %.4f  (%.1f s)%n", e.runIndex() + 1,
                    e.stats().epoch(), e.stats().trainLoss(), e.stats().validationAccuracy(), e.stats().seconds());
        } else if (event instanceof SweepEvent.RunFinished e) {
            if (e.record().diverged() != null) {
                out.printf("   [%2d] -> %s%n", e.runIndex() + 1, e.record().diverged());
            } else {
                out.printf("   [%2d] -> test accuracy %.4f  (%.1f s%s)%n", e.runIndex() + 1, e.record().testAccuracy(),
                        e.record().seconds(), e.record().reused() ? ", cached base net" : "");
            }
        } else if (event instanceof SweepEvent.SweepFinished e) {
            out.printf("Sweep finished: %d runs in %.1f s%n", e.runsCompleted(), e.seconds());
        } else if (event instanceof SweepEvent.SweepCancelled e) {
            out.printf("Sweep cancelled after %d runs; finished runs are saved%n", e.runsCompleted());
        } else if (event instanceof SweepEvent.SweepFailed e) {
            failure = e.message();
            out.printf("Sweep failed: %s (finished runs are saved)%n", e.message());
        }
        out.flush();
    }
}
