package org.transferworkbench.core.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferworkbench.core.data.TensorSet;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.NetFiles;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.NetMemory;
import org.transferworkbench.core.results.LearningCheck;
import org.transferworkbench.core.split.Side;
import org.transferworkbench.core.split.TaskBuilder;
import org.transferworkbench.core.split.TaskData;
import org.transferworkbench.core.stats.Transferability;
import org.transferworkbench.core.train.CancellationToken;
import org.transferworkbench.core.train.Trainer;
import org.transferworkbench.core.train.TrainingListener;

/**
 * Predictions before training: for every cut point k, how well base A's first k layers suit B, from one forward pass
 * of B's training images (LogME and H-score on the layer's activations, convolutional maps averaged over their
 * positions to one value per channel, as is usual for these estimators), and LEEP from base A's softmax over its own
 * classes. Base A comes from the base-net cache, or is trained first (and cached, so the sweep reuses it).
 */
public final class Estimates {

    /** One cut point: the estimators on the activations of the layer that k copies last. */
    public record PerCut(int k, String layer, int features, double logMe, double hScore) {
    }

    /** @param seconds time of the estimates themselves, without training base A */
    public record Result(List<PerCut> perCut, double leep, boolean baseAReused, double seconds) {
    }

    private Estimates() {
    }

    public static Result of(PaperPlan plan, long seed, BaseNetCache cache, CancellationToken cancel) {
        Architecture archA = plan.architecture().withClasses(plan.split().classesA().size());
        String key = SingleRuns.cacheKey(plan, Side.A, seed);
        Optional<NetFiles.Loaded> cached = cache == null ? Optional.empty() : cache.find(key);
        NetFiles.Loaded baseA;
        if (cached.isPresent()) {
            baseA = cached.get();
        } else {
            TaskData a = TaskBuilder.task(plan.dataset(), plan.split(), Side.A, 0);
            baseA = PaperTrainer.trainBaseNet(plan, a, archA, seed, cancel, TrainingListener.NONE);
            if (cache != null) {
                cache.store(key, baseA);
            }
        }
        try {
            return from(baseA.net(), plan, cached.isPresent(), cancel);
        } finally {
            NetMemory.release(baseA.net());
        }
    }

    /**
     * The estimates from a base A at hand (the sweep's own, seen by its inspector as soon as it is trained or taken
     * from the cache), for every cut point of the plan's net; the net stays open, its owner closes it.
     */
    public static Result from(MultiLayerNetwork net, PaperPlan plan, boolean baseAReused, CancellationToken cancel) {
        long start = System.nanoTime();
        Architecture archA = plan.architecture().withClasses(plan.split().classesA().size());
        TaskData b = TaskBuilder.task(plan.dataset(), plan.split(), Side.B, plan.bPerClass());
        TensorSet train = b.train();
        int n = train.size();
        List<Integer> ks = plan.architecture().cutPoints();
        double[][][] features = new double[ks.size()][n][];
        double[][] softmax = new double[n][];
        // One forward pass over B's training images: every layer's activations at once, pooled as they come.
        Trainer.forEachBatch(train, Trainer.EVAL_BATCH, (from, batch) -> {
            cancel.checkpoint();
            List<INDArray> acts = net.feedForward(batch, false);
            for (int i = 0; i < ks.size(); i++) {
                pool(acts.get(archA.lastTransferredLayerIndex(ks.get(i)) + 1), features[i], from);
            }
            pool(acts.get(acts.size() - 1), softmax, from);
            for (INDArray a : acts) {
                if (a != batch && !a.isView() && a.closeable()) {
                    a.close();
                }
            }
        });
        int[] labels = train.labels();
        int classes = b.numClasses();
        List<PerCut> perCut = new ArrayList<>();
        for (int i = 0; i < ks.size(); i++) {
            double[][] f = features[i];
            perCut.add(new PerCut(ks.get(i), archA.weightLayerNames().get(ks.get(i) - 1), f[0].length,
                    Transferability.logMe(f, labels, classes), Transferability.hScore(f, labels, classes)));
        }
        double leep = Transferability.leep(softmax, labels, classes);
        return new Result(perCut, leep, baseAReused, (System.nanoTime() - start) / 1e9);
    }

    /**
     * How the predictions rank the cut points against the measured AnB (mean of the runs that learned, per k).
     *
     * @param measured  the measured AnB per cut point of the result, NaN where no run that learned exists yet
     * @param logMeTau  Kendall's tau of LogME against it; NaN until every cut point is measured
     * @param hScoreTau the same for H-score
     */
    public record Agreement(double[] measured, double logMeTau, double hScoreTau) {

        public boolean complete() {
            return !Double.isNaN(logMeTau);
        }
    }

    public static Agreement agreement(Result r, List<RunRecord> runs) {
        int n = r.perCut().size();
        double[] logMe = new double[n];
        double[] hScore = new double[n];
        double[] anb = new double[n];
        boolean all = true;
        for (int i = 0; i < n; i++) {
            PerCut c = r.perCut().get(i);
            logMe[i] = c.logMe();
            hScore[i] = c.hScore();
            anb[i] = runs.stream().filter(x -> x.condition() == Condition.ANB && x.k() == c.k()
                    && x.diverged() == null && LearningCheck.of(x).learned())
                    .mapToDouble(RunRecord::testAccuracy).average().orElse(Double.NaN);
            all &= !Double.isNaN(anb[i]);
        }
        return all && n > 1 ? new Agreement(anb, Transferability.kendallTau(logMe, anb),
                Transferability.kendallTau(hScore, anb)) : new Agreement(anb, Double.NaN, Double.NaN);
    }

    /** Rows {@code from..} of {@code rows}: a [batch, channels, h, w] map averaged over h and w, else as it is. */
    static void pool(INDArray act, double[][] rows, int from) {
        INDArray pooled = act.rank() == 4 ? act.mean(2, 3) : act.reshape(act.size(0), act.length() / act.size(0));
        double[][] values = pooled.castTo(DataType.DOUBLE).toDoubleMatrix();
        System.arraycopy(values, 0, rows, from, values.length);
    }

}
