package org.transferworkbench.core.experiment;

import java.util.List;
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
 * @param samplePredictions predicted labels of the first test examples (up to {@link #SAMPLE_PREDICTIONS}), for
 *                     showing a few test images with their predictions
 */
public record RunRecord(Condition condition, int k, long splitSeed, long seed, double testAccuracy,
                        List<EpochStats> epochs, double seconds, boolean reused, String finishedAt,
                        int[][] confusion, int[] samplePredictions) {

    public static final int SAMPLE_PREDICTIONS = 32;

    public RunRecord {
        epochs = List.copyOf(epochs);
        if (condition == null) {
            throw new IllegalArgumentException("a run needs its condition");
        }
        if (!(testAccuracy >= 0 && testAccuracy <= 1)) {
            throw new IllegalArgumentException("test accuracy must be in [0,1], not " + testAccuracy);
        }
    }

    public RunKey key() {
        return new RunKey(condition, k, seed);
    }

    public double finalValidationAccuracy() {
        return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).validationAccuracy();
    }

    public double finalTrainLoss() {
        return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).trainLoss();
    }
}
