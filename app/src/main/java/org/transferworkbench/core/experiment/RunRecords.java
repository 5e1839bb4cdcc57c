package org.transferworkbench.core.experiment;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.transferworkbench.core.data.TensorSet;
import org.transferworkbench.core.net.TrainableNet;
import org.transferworkbench.core.stats.Correctness;
import org.transferworkbench.core.train.EpochStats;
import org.transferworkbench.core.train.Trainer;

/** Tests a finished net on its target's test set and writes the run's record (accuracy, confusion, samples). */
public final class RunRecords {

    private RunRecords() {
    }

    public static RunRecord of(RunKey key, long splitSeed, TrainableNet net, TensorSet test, int numClasses,
                               List<EpochStats> history, double seconds, boolean reused) {
        Trainer.Predictions predictions = Trainer.predictWithConfidence(net, test);
        int[] predicted = predictions.labels();
        int[][] confusion = new int[numClasses][numClasses];
        int correct = 0;
        boolean[] right = new boolean[predicted.length];
        for (int i = 0; i < predicted.length; i++) {
            int truth = test.labels()[i];
            confusion[truth][predicted[i]]++;
            if (truth == predicted[i]) {
                correct++;
                right[i] = true;
            }
        }
        double accuracy = predicted.length == 0 ? 0 : correct / (double) predicted.length;
        int kept = Math.min(predicted.length, RunRecord.SAMPLE_PREDICTIONS);
        return new RunRecord(key.condition(), key.k(), splitSeed, key.seed(), accuracy, history, seconds,
                reused, Instant.now().toString(), confusion, Arrays.copyOf(predicted, kept), Correctness.encode(right),
                null, Arrays.copyOf(predictions.confidencePercent(), kept));
    }

    /** The record of a run whose training diverged: no accuracy, the reason kept, so the sweep can go on. */
    public static RunRecord diverged(RunKey key, long splitSeed, double seconds, String why) {
        return new RunRecord(key.condition(), key.k(), splitSeed, key.seed(), 0, List.of(), seconds, false,
                Instant.now().toString(), null, null, null, why);
    }
}
