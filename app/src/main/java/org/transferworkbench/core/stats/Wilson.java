package org.transferworkbench.core.stats;

/**
 * The Wilson score interval for a proportion (an accuracy: correct out of n test images). Unlike the normal
 * approximation it stays inside [0, 1] and is honest for small n and accuracies near 0 or 1.
 */
public final class Wilson {

    /** z for a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    private Wilson() {
    }

    public static Interval interval(int correct, int n) {
        if (n <= 0) {
            return new Interval(0, 1);
        }
        if (correct < 0 || correct > n) {
            throw new IllegalArgumentException(correct + " correct out of " + n);
        }
        double p = correct / (double) n;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
