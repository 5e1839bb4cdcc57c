package org.transferworkbench.core.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferworkbench.core.data.InputShape;
import org.transferworkbench.core.data.TensorSet;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.LeanLayers;
import org.transferworkbench.core.net.NetFactory;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.net.WeightTransfer;
import org.transferworkbench.core.train.CancellationToken;
import org.transferworkbench.core.train.Trainer;

/**
 * One round of the DL4J side of the speed benchmark, matched to {@code torch_cnn_reference.py}: the reference CNN,
 * Adam 1e-3, mini-batches of 64 prepared up front (the remainder dropped), batch order shuffled each epoch; inference
 * in batches of 256; then the frozen-prefix comparison (frozen convs with a forward pass every step vs. activations
 * computed once and the head trained on them).
 */
public final class JavaBench {

    public record Result(Measurement train, Measurement infer, Measurement frozen, Measurement head,
                         double featurizeImagesPerSecond, double testAccuracy) {
    }

    static final int TRAIN_BATCH = 64;
    static final int INFER_BATCH = 256;
    static final int INFER_WARMUP_PASSES = 5;
    /** Index of the last layer of the reference CNN's conv block (pool2). */
    static final int CONV_BLOCK_END = 3;

    private JavaBench() {
    }

    public static Result run(TensorSet train, TensorSet test, int epochs, int warmup, long seed,
                             Consumer<String> log) {
        Architecture arch = Architecture.referenceCnn(new InputShape(1, train.exampleShape()[1],
                train.exampleShape()[2]), 10);
        Recipe recipe = new Recipe(1, TRAIN_BATCH, 1e-3, 1.0);
        MultiLayerNetwork net = NetFactory.full(arch, recipe, seed);
        LeanLayers.installUpdater(net);
        List<INDArray[]> batches = batches(train, TRAIN_BATCH);
        int nTrain = batches.size() * TRAIN_BATCH;
        Random random = new Random(seed);
        Measurement trainSpeed = new Measurement();
        for (int e = 0; e < warmup + epochs; e++) {
            double s = epoch(net, batches);
            if (e >= warmup) {
                trainSpeed.add(nTrain / s);
            }
            log.accept(String.format(Locale.ROOT, "java_train_%s s=%.3f img_per_s=%.1f loss=%.4f",
                    e < warmup ? "warmup_epoch" : "epoch " + (e - warmup), s, nTrain / s, net.score()));
            Collections.shuffle(batches, random);
        }
        double accuracy = Trainer.accuracy(net, test);
        List<INDArray[]> inferBatches = batches(test, INFER_BATCH);
        int nInfer = inferBatches.size() * INFER_BATCH;
        Measurement inferSpeed = new Measurement();
        // DL4J's inference path reaches its steady speed only after a few passes (measured: ~3.5k img/s on the first
        // passes of a process, ~9-10k later), so it gets more untimed passes than PyTorch's one.
        for (int w = 0; w < INFER_WARMUP_PASSES; w++) {
            inferPass(net, inferBatches);
        }
        for (int r = 0; r < 3; r++) {
            double s = inferPass(net, inferBatches);
            inferSpeed.add(nInfer / s);
            log.accept(String.format(Locale.ROOT, "java_infer_pass %d s=%.3f img_per_s=%.1f", r, s, nInfer / s));
        }

        // (a) Frozen convs the usual DL4J way: FrozenLayer wrappers, a full forward pass every step.
        MultiLayerNetwork frozen = new TransferLearning.Builder(net).setFeatureExtractor(CONV_BLOCK_END).build();
        Measurement frozenSpeed = new Measurement();
        for (int e = 0; e < 1 + epochs; e++) {
            double s = epoch(frozen, batches);
            if (e >= 1) {
                frozenSpeed.add(nTrain / s);
            }
        }
        // (b) What the sweep does: activations of the frozen prefix once, then the head alone on them.
        long t0 = System.nanoTime();
        TensorSet features = Trainer.featurize(net, CONV_BLOCK_END, train, new CancellationToken());
        double featurizeSpeed = train.size() / ((System.nanoTime() - t0) / 1e9);
        MultiLayerNetwork head = NetFactory.head(arch, CONV_BLOCK_END + 1, features.exampleShape(), recipe, seed);
        LeanLayers.installUpdater(head);
        WeightTransfer.copyLayers(net, head, CONV_BLOCK_END + 1, arch.layers().size() - 1, -(CONV_BLOCK_END + 1));
        List<INDArray[]> featureBatches = batches(features, TRAIN_BATCH);
        Measurement headSpeed = new Measurement();
        for (int e = 0; e < 1 + epochs; e++) {
            double s = epoch(head, featureBatches);
            if (e >= 1) {
                headSpeed.add(nTrain / s);
            }
        }
        log.accept(String.format(Locale.ROOT,
                "java_frozen_median_img_per_s=%.1f java_featurize_once img_per_s=%.1f java_head_median_img_per_s=%.1f "
                        + "speedup_vs_frozen=%.2f", frozenSpeed.median(), featurizeSpeed, headSpeed.median(),
                headSpeed.median() / frozenSpeed.median()));
        release(batches);
        release(inferBatches);
        release(featureBatches);
        return new Result(trainSpeed, inferSpeed, frozenSpeed, headSpeed, featurizeSpeed, accuracy);
    }

    private static double epoch(MultiLayerNetwork net, List<INDArray[]> batches) {
        long t = System.nanoTime();
        for (INDArray[] b : batches) {
            net.fit(b[0], b[1]);
        }
        return (System.nanoTime() - t) / 1e9;
    }

    private static double inferPass(MultiLayerNetwork net, List<INDArray[]> batches) {
        long t = System.nanoTime();
        for (INDArray[] b : batches) {
            net.output(b[0], false).close();
        }
        return (System.nanoTime() - t) / 1e9;
    }

    /** Full batches only, like the PyTorch script. */
    static List<INDArray[]> batches(TensorSet set, int size) {
        List<INDArray[]> out = new ArrayList<>();
        int per = set.valuesPerExample();
        long[] shape = new long[set.exampleShape().length + 1];
        shape[0] = size;
        for (int i = 0; i < set.exampleShape().length; i++) {
            shape[i + 1] = set.exampleShape()[i];
        }
        for (int from = 0; from + size <= set.size(); from += size) {
            float[] x = Arrays.copyOfRange(set.data(), from * per, (from + size) * per);
            float[] y = new float[size * set.numClasses()];
            for (int i = 0; i < size; i++) {
                y[i * set.numClasses() + set.labels()[from + i]] = 1f;
            }
            out.add(new INDArray[] {Nd4j.create(x, shape.clone(), 'c'),
                    Nd4j.create(y, new long[] {size, set.numClasses()}, 'c')});
        }
        return out;
    }

    static void release(List<INDArray[]> batches) {
        for (INDArray[] b : batches) {
            b[0].close();
            b[1].close();
        }
    }
}
