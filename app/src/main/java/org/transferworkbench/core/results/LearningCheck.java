package org.transferworkbench.core.results;

import java.util.Locale;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.stats.Interval;

/**
 * Did a net learn its task? A net that cannot be told from always answering the test set's largest class (its
 * accuracy's 95% interval reaches the majority share), or that answers one class for most test images, did not: the
 * window marks such runs, and no finding rests on them.
 *
 * @param learned false when the run is no evidence about transfer
 * @param reason  why not, in words with its numbers; empty when it learned
 */
public record LearningCheck(boolean learned, String reason) {

    /** A net whose top answer covers this much of the test set (and 1.5x the largest class's share) collapsed. */
    static final double COLLAPSE_SHARE = 0.5;

    public static LearningCheck of(RunRecord r) {
        if (r.diverged() != null) {
            return new LearningCheck(false, r.diverged() + "; lower --learning-rate (or check the source net's value "
                    + "range)");
        }
        int n = r.testImages();
        if (n == 0) {
            return new LearningCheck(true, "");
        }
        Interval ci = r.accuracyInterval();
        double majority = r.majorityShare();
        double top = r.topPredictionShare();
        if (ci.high() >= majority && ci.low() <= majority || ci.high() < majority) {
            return new LearningCheck(false, String.format(Locale.ROOT, "accuracy %.3f %s is within noise of the %.3f "
                    + "that always answering the largest class scores", r.testAccuracy(), ci.asAccuracy(), majority));
        }
        if (top >= Math.max(COLLAPSE_SHARE, 1.5 * majority)) {
            return new LearningCheck(false, String.format(Locale.ROOT, "it answers one class for %d of %d test images",
                    Math.round(top * n), n));
        }
        return new LearningCheck(true, "");
    }
}
