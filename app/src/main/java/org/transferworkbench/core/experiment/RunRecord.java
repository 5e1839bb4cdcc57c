package org.transferworkbench.core.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.transferworkbench.core.stats.Correctness;
import org.transferworkbench.core.stats.Interval;
import org.transferworkbench.core.stats.Wilson;
import org.transferworkbench.core.train.EpochStats;

/**
 * The result of one run, as stored in results.json.
 *
 * @param condition    the condition, stored by its paper name: baseA, baseB, BnB, BnB+, AnB, AnB+
 * @param k            cut point (number of transferred weight layers); 0 for base nets
 * @param splitSeed    seed of the class split
 * @param seed         training seed (initialisation and shuffling derive from it)
 * @param testAccuracy accuracy on the target task's test set (A's for baseA, B's otherwise)
 * @param epochs       per-epoch training loss and validation accuracy
 * @param seconds      wall time of the run, featurizing included
 * @param reused       true when a base net came from the cache instead of being trained in this sweep
 * @param finishedAt   ISO-8601 time the run finished
 * @param confusion    test confusion matrix, [true label][predicted label], in the target task's class order
 * @param samplePredictions predicted labels of the test examples in test-set order (up to
 *                     {@link #SAMPLE_PREDICTIONS}; older files kept only the first 32), for showing test images
 *                     with their predictions and the images behind a confusion-matrix cell
 * @param correct      which test images it got right, in test-set order ({@link Correctness}), so two runs on the
 *                     same images can be compared image by image; null in files of version 0.1
 * @param diverged     why training stopped when the loss became NaN or infinite (the run has no accuracy then);
 *                     null for every run that finished training
 * @param sampleConfidence for each of {@code samplePredictions}, the net's probability for the class it predicted,
 *                     in percent (0..100, one byte each: base64 in results.json); null in files before 0.4
 */
public record RunRecord(Condition condition, int k, long splitSeed, long seed, double testAccuracy,
                        List<EpochStats> epochs, double seconds, boolean reused, String finishedAt,
                        int[][] confusion, int[] samplePredictions, String correct, String diverged,
                        byte[] sampleConfidence) {

    /** Every prediction of a test set of this size or smaller is kept: a few kilobytes per run in results.json. */
    public static final int SAMPLE_PREDICTIONS = 10_000;

    public RunRecord {
        epochs = List.copyOf(epochs);
        if (condition == null) {
            throw new IllegalArgumentException("a run needs its condition");
        }
        if (!(testAccuracy >= 0 && testAccuracy <= 1)) {
            throw new IllegalArgumentException("test accuracy must be in [0,1], not " + testAccuracy);
        }
    }

    /** A run without per-image confidence (files before 0.4, tests). */
    public RunRecord(Condition condition, int k, long splitSeed, long seed, double testAccuracy,
                     List<EpochStats> epochs, double seconds, boolean reused, String finishedAt, int[][] confusion,
                     int[] samplePredictions, String correct, String diverged) {
        this(condition, k, splitSeed, seed, testAccuracy, epochs, seconds, reused, finishedAt, confusion,
                samplePredictions, correct, diverged, null);
    }

    /** The net's confidence in its answer for test image {@code i}, in percent; -1 when the file did not keep it. */
    public int confidence(int i) {
        return sampleConfidence == null || i >= sampleConfidence.length ? -1 : sampleConfidence[i];
    }

    public RunKey key() {
        return new RunKey(condition, k, seed);
    }

    /** How many test images the accuracy is measured on. */
    @JsonProperty("testImages")
    public int testImages() {
        int n = 0;
        if (confusion != null) {
            for (int[] row : confusion) {
                for (int v : row) {
                    n += v;
                }
            }
        }
        return n;
    }

    /** The Wilson 95% interval of the test accuracy (from {@link #testImages()}). */
    @JsonProperty("accuracyInterval")
    public Interval accuracyInterval() {
        int n = testImages();
        return Wilson.interval((int) Math.round(testAccuracy * n), n);
    }

    /** The share of the test set's largest class: what always answering that class would score. */
    @JsonProperty("majorityShare")
    public double majorityShare() {
        int n = testImages();
        int max = 0;
        if (confusion != null) {
            for (int[] row : confusion) {
                int sum = 0;
                for (int v : row) {
                    sum += v;
                }
                max = Math.max(max, sum);
            }
        }
        return n == 0 ? 0 : max / (double) n;
    }

    /** The share of test images given the net's most frequent answer (1.0: it answers one class for all). */
    @JsonProperty("topPredictionShare")
    public double topPredictionShare() {
        int n = testImages();
        int max = 0;
        if (confusion != null && confusion.length > 0) {
            for (int j = 0; j < confusion[0].length; j++) {
                int sum = 0;
                for (int[] row : confusion) {
                    sum += row[j];
                }
                max = Math.max(max, sum);
            }
        }
        return n == 0 ? 0 : max / (double) n;
    }

    /** Per test image right or wrong, or null when the file did not store it. */
    public boolean[] correctness() {
        return correct == null ? null : Correctness.decode(correct, testImages());
    }

    public double finalValidationAccuracy() {
        return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).validationAccuracy();
    }

    public double finalTrainLoss() {
        return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).trainLoss();
    }
}
