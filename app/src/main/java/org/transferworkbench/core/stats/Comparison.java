package org.transferworkbench.core.stats;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The rule behind every difference the workbench states: a bootstrap of the mean difference in accuracy between two
 * groups of runs, over replicates (training seeds and splits) and over test images.
 *
 * <p>Each resample draws the replicates with replacement and, within each drawn replicate, the test images with
 * replacement; both groups are scored on the same drawn images (a paired comparison: the images that are easy for
 * one condition are easy for the other, so only the images the two disagree on move the difference). The 95%
 * interval is the 2.5th to 97.5th percentile of 2,000 resampled differences; a difference is called only when that
 * interval excludes zero. Runs stored without per-image results (files of version 0.1) are resampled as binomial
 * counts, unpaired, which gives wider intervals. With one replicate the interval covers the test images only.
 */
public final class Comparison {

    public static final int RESAMPLES = 2000;
    /** Fixed, so the same runs always give the same interval (and the same sentence on screen). */
    static final long SEED = 2014;

    /**
     * Cell intervals already computed, by what {@link #meanInterval} reads (each run's correct and total, in order),
     * so the result is the same: a figure redraws every cell when one run arrives or a lesson step changes the
     * emphasis, and the 21 cells of a 132-run replay took 1.5 s to bootstrap on two cores. At most a few thousand.
     */
    private static final Map<List<Long>, Interval> MEAN_INTERVALS = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<Long>, Interval> eldest) {
                    return size() > 4096;
                }
            });

    /** One run's test result: per image (in test-set order) when known, else only the counts. */
    public record Score(boolean[] perImage, int correct, int n) {

        public static Score of(boolean[] perImage) {
            int correct = 0;
            for (boolean b : perImage) {
                correct += b ? 1 : 0;
            }
            return new Score(perImage, correct, perImage.length);
        }

        public static Score counts(int correct, int n) {
            return new Score(null, correct, n);
        }

        double accuracy() {
            return n == 0 ? 0 : correct / (double) n;
        }
    }

    /** One replicate (a training seed on a split): the runs of each group, all tested on that split's test images. */
    public record Replicate(List<Score> first, List<Score> second) {
        public Replicate {
            first = List.copyOf(first);
            second = List.copyOf(second);
            if (first.isEmpty() || second.isEmpty()) {
                throw new IllegalArgumentException("a replicate needs runs on both sides of the comparison");
            }
        }

        double difference() {
            return mean(first) - mean(second);
        }

        boolean paired() {
            int n = first.get(0).n();
            return first.stream().allMatch(s -> s.perImage() != null && s.n() == n)
                    && second.stream().allMatch(s -> s.perImage() != null && s.n() == n);
        }

        private static double mean(List<Score> scores) {
            return scores.stream().mapToDouble(Score::accuracy).average().orElse(0);
        }
    }

    /**
     * @param difference  mean over replicates of (first group's mean accuracy - second group's)
     * @param interval    the bootstrap 95% interval of that difference
     * @param replicates  how many replicates (seeds x splits) it rests on
     * @param paired      whether every replicate was compared image by image
     */
    public record Result(double difference, Interval interval, int replicates, boolean paired) {

        /** The rule: a difference is stated only when its interval excludes zero. */
        public boolean supported() {
            return interval.excludesZero();
        }
    }

    private Comparison() {
    }

    public static Result of(List<Replicate> replicates) {
        if (replicates.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare");
        }
        int r = replicates.size();
        double observed = replicates.stream().mapToDouble(Replicate::difference).average().orElse(0);
        boolean allPaired = replicates.stream().allMatch(Replicate::paired);
        Resampler[] resamplers = replicates.stream().map(Resampler::new).toArray(Resampler[]::new);
        SplittableRandom random = new SplittableRandom(SEED);
        double[] diffs = new double[RESAMPLES];
        for (int b = 0; b < RESAMPLES; b++) {
            double sum = 0;
            for (int i = 0; i < r; i++) {
                sum += resamplers[r == 1 ? 0 : random.nextInt(r)].difference(random);
            }
            diffs[b] = sum / r;
        }
        Arrays.sort(diffs);
        Interval interval = new Interval(diffs[(int) Math.floor(0.025 * (RESAMPLES - 1))],
                diffs[(int) Math.ceil(0.975 * (RESAMPLES - 1))]);
        return new Result(observed, interval, r, allPaired);
    }

    /**
     * The 95% interval of the mean accuracy of several runs of one cell (seeds, splits): runs drawn with replacement,
     * then each drawn run's test images; with one run, its Wilson interval.
     */
    public static Interval meanInterval(List<Score> runs) {
        if (runs.size() == 1) {
            return Wilson.interval(runs.get(0).correct(), runs.get(0).n());
        }
        List<Long> key = key(runs);
        Interval known = MEAN_INTERVALS.get(key);
        if (known == null) {
            known = bootstrapMean(runs);
            MEAN_INTERVALS.put(key, known);
        }
        return known;
    }

    /** What {@link #meanInterval} would return if it needs no bootstrap (one run, or computed before); else null. */
    public static Interval knownMeanInterval(List<Score> runs) {
        return runs.size() == 1 ? meanInterval(runs) : MEAN_INTERVALS.get(key(runs));
    }

    private static List<Long> key(List<Score> runs) {
        return runs.stream().map(s -> (long) s.correct() << 32 | s.n()).toList();
    }

    private static Interval bootstrapMean(List<Score> runs) {
        SplittableRandom random = new SplittableRandom(SEED);
        double[] means = new double[RESAMPLES];
        for (int b = 0; b < RESAMPLES; b++) {
            double sum = 0;
            for (int i = 0; i < runs.size(); i++) {
                Score s = runs.get(random.nextInt(runs.size()));
                sum += Resampler.binomialMean(List.of(s), random);
            }
            means[b] = sum / runs.size();
        }
        Arrays.sort(means);
        return new Interval(means[(int) Math.floor(0.025 * (RESAMPLES - 1))],
                means[(int) Math.ceil(0.975 * (RESAMPLES - 1))]);
    }

    /** Draws one bootstrap difference for a replicate. */
    private static final class Resampler {
        private final Replicate replicate;
        private final boolean paired;
        private final int n;
        /** Paired: per image, (first group's correct share) - (second group's correct share). */
        private final double[] imageDifference;

        Resampler(Replicate replicate) {
            this.replicate = replicate;
            this.paired = replicate.paired();
            this.n = replicate.first().get(0).n();
            this.imageDifference = paired ? perImage(replicate) : null;
        }

        private static double[] perImage(Replicate r) {
            int n = r.first().get(0).n();
            double[] d = new double[n];
            for (Score s : r.first()) {
                for (int i = 0; i < n; i++) {
                    d[i] += s.perImage()[i] ? 1.0 / r.first().size() : 0;
                }
            }
            for (Score s : r.second()) {
                for (int i = 0; i < n; i++) {
                    d[i] -= s.perImage()[i] ? 1.0 / r.second().size() : 0;
                }
            }
            return d;
        }

        double difference(SplittableRandom random) {
            if (paired) {
                if (n == 0) {
                    return 0;
                }
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += imageDifference[random.nextInt(n)];
                }
                return sum / n;
            }
            return binomialMean(replicate.first(), random) - binomialMean(replicate.second(), random);
        }

        private static double binomialMean(List<Score> scores, SplittableRandom random) {
            double sum = 0;
            for (Score s : scores) {
                int hits = 0;
                double p = s.accuracy();
                for (int i = 0; i < s.n(); i++) {
                    hits += random.nextDouble() < p ? 1 : 0;
                }
                sum += s.n() == 0 ? 0 : hits / (double) s.n();
            }
            return sum / scores.size();
        }
    }
}
