package org.transferworkbench.core.sweep;

import java.util.Locale;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunKey;
import org.transferworkbench.core.net.TrainableNet;
import org.transferworkbench.core.pretrained.FrozenCuts;
import org.transferworkbench.core.pretrained.TransferNets;
import org.transferworkbench.core.split.TaskData;
import org.transferworkbench.core.train.TrainingViews;

/**
 * How long a sweep against a loaded net will take, measured before it starts: a few training steps of the whole net
 * (as the baseline and fine-tuned runs train it) and of the net frozen at the deepest cut point, each timed after a
 * warm-up step, then scaled by the number of batches every run will train (the recipe's step budget: its epochs, or
 * more to reach its minimum of updates; early stopping can only make it shorter) and evaluate. Frozen runs through
 * the frozen layers are interpolated between the two; frozen runs on cached activations cost one forward pass of
 * every training view, validation and test image once (about the frozen step's time per image), then only their
 * head's steps. A guide for the user ("about 12 minutes"), not a promise.
 *
 * @param secondsPerBatchFull   one training step of the whole net
 * @param secondsPerBatchFrozen one training step with everything below the deepest cut frozen
 * @param baselineSeconds       estimated time of one baseline (from-scratch) run
 * @param totalSeconds          estimated time of all runs in the plan not yet done
 */
public record SweepEstimate(double secondsPerBatchFull, double secondsPerBatchFrozen, double baselineSeconds,
                            double totalSeconds, boolean cachedActivations) {

    static final int WARMUP_STEPS = 10;
    static final int TIMED_STEPS = 10;

    public static SweepEstimate measure(LoadedNetPlan plan) {
        return measure(plan, Set.of(), true);
    }

    /**
     * @param alreadyDone       runs finished earlier (a resumed sweep): not counted
     * @param cachedActivations whether frozen runs at clean cut points will train on cached activations
     */
    public static SweepEstimate measure(LoadedNetPlan plan, Set<RunKey> alreadyDone, boolean cachedActivations) {
        TaskData task = plan.task();
        int batch = batchSize(plan, task);
        int kMax = plan.source().cutPoints().get(plan.source().cutPoints().size() - 1);
        double full = stepSeconds(plan, task, 0, false, batch);
        double frozen = stepSeconds(plan, task, kMax, true, batch);
        return scaled(plan, task, full, frozen, alreadyDone, cachedActivations);
    }

    /**
     * The same measured step times applied to another plan for the same net and data (e.g. without the baseline):
     * nothing is timed again.
     */
    public SweepEstimate forPlan(LoadedNetPlan plan, Set<RunKey> alreadyDone) {
        return scaled(plan, plan.task(), secondsPerBatchFull, secondsPerBatchFrozen, alreadyDone,
                cachedActivations);
    }

    private static int batchSize(LoadedNetPlan plan, TaskData task) {
        return Math.min(plan.recipe().batchSize(), Math.max(1, task.train().size()));
    }

    private static SweepEstimate scaled(LoadedNetPlan plan, TaskData task, double full, double frozen,
                                        Set<RunKey> alreadyDone, boolean cachedActivations) {
        int batch = batchSize(plan, task);
        int kMax = plan.source().cutPoints().get(plan.source().cutPoints().size() - 1);
        int trainBatches = (task.train().size() + batch - 1) / batch;
        int epochs = plan.recipe().epochsFor(task.train().size());
        // Evaluation is forward-only: about a third of a training step per example.
        double evalBatches = (task.validation().size() * (double) plan.recipe().epochs() + task.test().size())
                / batch / 3.0;
        double total = 0;
        double baseline = epochs * trainBatches * full + evalBatches * full;
        boolean featurized = false;
        for (RunKey key : plan.runs()) {
            if (alreadyDone.contains(key)) {
                continue;
            }
            double step = full;
            if (key.condition() == Condition.ANB && cachedActivations
                    && FrozenCuts.clean(plan.source(), key.k())) {
                if (!featurized) {
                    int views = TrainingViews.of(task.train(), plan.recipe()).views();
                    double rows = task.train().size() * (double) views + task.validation().size()
                            + task.test().size();
                    total += rows / batch * frozen;
                    featurized = true;
                }
                step = (full - frozen) * (1 - key.k() / (double) kMax);
            } else if (key.condition() == Condition.ANB) {
                step = full + (frozen - full) * key.k() / (double) kMax;
            }
            total += epochs * trainBatches * step + evalBatches * step;
        }
        return new SweepEstimate(full, frozen, baseline, total, cachedActivations);
    }

    private static double stepSeconds(LoadedNetPlan plan, TaskData task, int k, boolean frozen, int batch) {
        var shape = task.train().exampleShape();
        long[] dims = new long[shape.length + 1];
        dims[0] = batch;
        for (int i = 0; i < shape.length; i++) {
            dims[i + 1] = shape[i];
        }
        try (TrainableNet net = TransferNets.build(plan.source(), k, task.numClasses(), frozen, plan.recipe(), 1);
             INDArray x = Nd4j.rand(DataType.FLOAT, dims);
             INDArray y = Nd4j.zeros(DataType.FLOAT, batch, task.numClasses())) {
            for (int i = 0; i < batch; i++) {
                y.putScalar(i, i % task.numClasses(), 1f);
            }
            // Warm-up: the first steps of a process allocate workspaces and run before the JIT has compiled DL4J's
            // Java side; they run several times slower than the steady state the runs will see.
            long warmStart = System.nanoTime();
            for (int i = 0; i < WARMUP_STEPS && System.nanoTime() - warmStart < 1_500_000_000L; i++) {
                net.fit(x, y);
            }
            long start = System.nanoTime();
            int steps = 0;
            do {
                net.fit(x, y);
                steps++;
            } while (steps < TIMED_STEPS && System.nanoTime() - start < 1_500_000_000L);
            return (System.nanoTime() - start) / 1e9 / steps;
        }
    }

    /** Above this estimated time per seed, the from-scratch baseline is left out unless asked for. */
    public static final double BASELINE_AUTO_LIMIT_SECONDS = 15 * 60;

    /** Whether the baseline fits the automatic rule (at most 15 minutes per seed). */
    public boolean baselineAffordable() {
        return baselineSeconds <= BASELINE_AUTO_LIMIT_SECONDS;
    }

    public static String minutes(double seconds) {
        if (seconds < 90) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        return String.format(Locale.ROOT, "%.0f min", seconds / 60);
    }

    public String describe() {
        return String.format(Locale.ROOT, "about %s (measured %.0f ms per training batch, %.0f ms with the deepest "
                + "cut frozen)", minutes(totalSeconds), secondsPerBatchFull * 1000, secondsPerBatchFrozen * 1000);
    }
}
