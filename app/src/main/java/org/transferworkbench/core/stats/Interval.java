package org.transferworkbench.core.stats;

import java.util.Locale;

/** A 95% interval [low, high] around an estimate. */
public record Interval(double low, double high) {

    public Interval {
        if (!(low <= high)) {
            throw new IllegalArgumentException("interval low " + low + " > high " + high);
        }
    }

    public boolean contains(double value) {
        return low <= value && value <= high;
    }

    public boolean excludesZero() {
        return low > 0 || high < 0;
    }

    /** Half the width: the "plus or minus" a reader sees. */
    public double halfWidth() {
        return (high - low) / 2;
    }

    /** As accuracies, e.g. "[0.412, 0.530]". */
    public String asAccuracy() {
        return String.format(Locale.ROOT, "[%.3f, %.3f]", low, high);
    }

    /** As differences in points, e.g. "[-3.1, +0.4]". */
    public String asPoints() {
        return String.format(Locale.ROOT, "[%+.1f, %+.1f]", 100 * low, 100 * high);
    }
}
