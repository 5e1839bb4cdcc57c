package org.transferworkbench.core.train;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferworkbench.core.backend.Backend;
import org.transferworkbench.core.data.TensorSet;
import org.transferworkbench.core.net.LeanLayers;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.net.TrainableNet;

/**
 * The explicit epoch loop every condition uses: shuffle (seeded per epoch), mini-batches (augmented when the recipe
 * says so), a cancellation checkpoint after each, validation accuracy after each epoch, and early stopping on the
 * validation loss with the best weights kept when the recipe has a patience.
 */
public final class Trainer {

    /** Inference batch: larger than the training batch, it only costs memory. */
    public static final int EVAL_BATCH = 256;
    /** How often (in mini-batches) listeners get a look at the net during an epoch. */
    static final int BATCH_REPORT_EVERY = 20;

    private Trainer() {
    }

    public static List<EpochStats> train(MultiLayerNetwork net, TensorSet train, TensorSet validation, Recipe recipe,
                                         long seed, CancellationToken cancel, TrainingListener listener) {
        return train(TrainableNet.of(net), train, validation, recipe, seed, cancel, listener);
    }

    public static List<EpochStats> train(TrainableNet net, TensorSet train, TensorSet validation, Recipe recipe,
                                         long seed, CancellationToken cancel, TrainingListener listener) {
        return train(net, TrainingViews.of(train, recipe), validation, recipe, seed, cancel, listener);
    }

    /**
     * Trains on {@code train}'s examples, each epoch showing every example as one of its views; the epochs, batches,
     * shuffles and views depend only on the recipe, the number of examples and the seed, so a frozen run trained on
     * computed rows sees the same examples in the same order as one trained through the frozen layers.
     */
    public static List<EpochStats> train(TrainableNet net, TrainingViews train, TensorSet validation, Recipe recipe,
                                         long seed, CancellationToken cancel, TrainingListener listener) {
        Backend.applyLimitHere();
        List<EpochStats> history = new ArrayList<>();
        int batch = recipe.batchSize();
        int examples = train.examples();
        int batches = (examples + batch - 1) / batch;
        int per = train.rows().valuesPerExample();
        long[] shape = batchShape(train.rows(), batch);
        float[] buffer = new float[batch * per];
        int epochs = recipe.epochsFor(examples);
        boolean earlyStopping = recipe.patience() > 0 && validation.size() > 0;
        // With a minimum of updates a tiny training set runs hundreds of one-batch epochs: the validation pass
        // (hundreds of images) would cost more than the training. So it runs about as often as the recipe's epochs
        // (every stride-th epoch and the last); the paper's recipe validates every epoch, as before. Early stopping
        // needs the validation loss every epoch (its patience counts epochs).
        int stride = earlyStopping ? 1 : Math.max(1, (epochs + recipe.epochs() - 1) / recipe.epochs());
        EarlyStop stop = earlyStopping ? new EarlyStop(recipe.patience()) : null;
        long start = System.nanoTime();
        double lossSum = 0;
        long lossCount = 0;
        try {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                int[] order = TensorSet.permutation(examples, seed * 1_000_003L + epoch);
                for (int b = 0; b < batches; b++) {
                    cancel.checkpoint();
                    int from = b * batch;
                    int count = Math.min(batch, examples - from);
                    train.copyBatch(order, from, count, seed, epoch, buffer);
                    shape[0] = count;
                    INDArray features = HeapFloats.toNative(buffer, shape);
                    INDArray labels = oneHot(train, order, from, count);
                    try {
                        net.fit(features, labels);
                    } finally {
                        features.close();
                        labels.close();
                    }
                    double loss = net.score();
                    if (!Double.isFinite(loss)) {
                        throw new TrainingDivergedException(epoch, b + 1);
                    }
                    lossSum += loss * count;
                    lossCount += count;
                    if ((b + 1) % BATCH_REPORT_EVERY == 0 || b == batches - 1) {
                        listener.batchesFinished(epoch, b + 1, batches, loss, net);
                    }
                }
                if (epoch % stride != 0 && epoch != epochs) {
                    continue;
                }
                cancel.checkpoint();
                double[] val = stop != null ? evaluate(net, validation) : new double[] {accuracy(net, validation), 0};
                EpochStats stats = new EpochStats(epoch, lossSum / lossCount, val[0],
                        (System.nanoTime() - start) / 1e9);
                history.add(stats);
                listener.epochFinished(stats);
                start = System.nanoTime();
                lossSum = 0;
                lossCount = 0;
                if (stop != null && stop.seen(val[1], net)) {
                    break;
                }
            }
            if (stop != null) {
                stop.restoreBest(net);
            }
        } finally {
            if (stop != null) {
                stop.close();
            }
        }
        return history;
    }

    /**
     * Early stopping on the validation loss: the best weights so far are kept (a copy off the training arrays) and
     * put back when training ends, so the net tested is the one that did best on images it never trained on.
     */
    private static final class EarlyStop implements AutoCloseable {
        private final int patience;
        private double bestLoss = Double.POSITIVE_INFINITY;
        private int sinceBest;
        private INDArray best;
        private boolean lastWasBest;

        EarlyStop(int patience) {
            this.patience = patience;
        }

        /** Records one epoch's validation loss; true when training should stop. */
        boolean seen(double loss, TrainableNet net) {
            lastWasBest = loss < bestLoss;
            if (lastWasBest) {
                bestLoss = loss;
                sinceBest = 0;
                if (best != null) {
                    best.close();
                }
                best = net.model().params().dup();
                return false;
            }
            return ++sinceBest >= patience;
        }

        void restoreBest(TrainableNet net) {
            if (best != null && !lastWasBest) {
                net.model().setParams(best);
            }
        }

        @Override
        public void close() {
            if (best != null) {
                best.close();
            }
        }
    }

    /**
     * Every example's predicted label and the net's probability for it, in percent (one byte each: what a confusion
     * cell's images show, "how sure was it").
     */
    public record Predictions(int[] labels, byte[] confidencePercent) {
    }

    public static Predictions predictWithConfidence(TrainableNet net, TensorSet set) {
        int[] labels = new int[set.size()];
        byte[] percent = new byte[set.size()];
        forEachOutput(net, set, (i, probs, row, classes) -> {
            int arg = argMax(probs, row, classes);
            labels[i] = arg;
            percent[i] = (byte) Math.round(Math.max(0, Math.min(1, probs[row + arg])) * 100);
        });
        return new Predictions(labels, percent);
    }

    /** Accuracy and mean cross-entropy loss of {@code net} on {@code set}. */
    public static double[] evaluate(TrainableNet net, TensorSet set) {
        double[] sums = new double[2];
        forEachOutput(net, set, (i, probs, row, classes) -> {
            int label = set.labels()[i];
            sums[0] += argMax(probs, row, classes) == label ? 1 : 0;
            sums[1] -= Math.log(Math.max(1e-7, probs[row + label]));
        });
        int n = Math.max(1, set.size());
        return new double[] {sums[0] / n, sums[1] / n};
    }

    /** One example's class probabilities: {@code probs[row .. row + classes)} belong to example {@code index}. */
    private interface OutputRow {
        void accept(int index, float[] probs, int row, int classes);
    }

    /** The net's softmax output for every example, batch by batch, copied to the heap once per batch. */
    private static void forEachOutput(TrainableNet net, TensorSet set, OutputRow consumer) {
        forEachBatch(set, EVAL_BATCH, (from, features) -> {
            INDArray out = net.output(features);
            float[] probs = HeapFloats.of(out);
            int classes = (int) out.size(1);
            for (int i = 0; i < out.size(0); i++) {
                consumer.accept(from + i, probs, i * classes, classes);
            }
            out.close();
        });
    }

    /** The first class with the highest probability (as ND4J's argMax picks). */
    private static int argMax(float[] probs, int row, int classes) {
        int arg = 0;
        for (int c = 1; c < classes; c++) {
            if (probs[row + c] > probs[row + arg]) {
                arg = c;
            }
        }
        return arg;
    }

    public static double accuracy(MultiLayerNetwork net, TensorSet set) {
        return accuracy(TrainableNet.of(net), set);
    }

    public static double accuracy(TrainableNet net, TensorSet set) {
        int[] predicted = predict(net, set);
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == set.labels()[i]) {
                correct++;
            }
        }
        return set.size() == 0 ? 0 : correct / (double) set.size();
    }

    /** Predicted label of every example, in order. */
    public static int[] predict(MultiLayerNetwork net, TensorSet set) {
        return predict(TrainableNet.of(net), set);
    }

    public static int[] predict(TrainableNet net, TensorSet set) {
        int[] predicted = new int[set.size()];
        forEachBatch(set, EVAL_BATCH, (from, features) -> {
            INDArray out = net.output(features);
            INDArray arg = out.argMax(1);
            for (int i = 0; i < arg.length(); i++) {
                predicted[from + i] = arg.getInt(i);
            }
            arg.close();
            out.close();
        });
        return predicted;
    }

    /**
     * Activations of layer {@code layerIndex} for every example: the cached input of the frozen conditions' head.
     * Copied to the Java heap at once, so the off-heap activations (about 110 KB per image for early layers) are freed
     * batch by batch instead of waiting for the garbage collector.
     */
    public static TensorSet featurize(MultiLayerNetwork net, int layerIndex, TensorSet set, CancellationToken cancel) {
        return featurize(net, layerIndex, TrainingViews.plain(set), cancel);
    }

    /** The same for every row of {@code source} (every view of every image, view-major). */
    public static TensorSet featurize(MultiLayerNetwork net, int layerIndex, TrainingViews source,
                                      CancellationToken cancel) {
        Backend.applyLimitHere();
        LeanLayers.install(net);
        try (FeatureStore store = FeatureStore.inMemory()) {
            Featurizer.run(source, 0, source.rowCount(), EVAL_BATCH, (batch, out) -> {
                List<INDArray> acts = net.feedForwardToLayer(layerIndex, batch, false);
                out.accept(0, acts.get(layerIndex + 1));
                for (INDArray a : acts) {
                    if (a != batch && !a.isView() && a.closeable()) {
                        a.close();
                    }
                }
            }, List.of(store), cancel, Featurizer.Progress.NONE);
            return store.read(source.rowLabels(), source.rows().numClasses());
        }
    }

    public interface BatchConsumer {
        void accept(int from, INDArray features);
    }

    /** Hands {@code set} to {@code consumer} in batches of {@code batch} examples, each as one array (closed after). */
    public static void forEachBatch(TensorSet set, int batch, BatchConsumer consumer) {
        int per = set.valuesPerExample();
        long[] shape = batchShape(set, batch);
        for (int from = 0; from < set.size(); from += batch) {
            int count = Math.min(batch, set.size() - from);
            shape[0] = count;
            INDArray features = HeapFloats.toNative(set.data(), from * per, shape);
            try {
                consumer.accept(from, features);
            } finally {
                features.close();
            }
        }
    }

    /** The shape of {@code batch} examples of {@code set}: [batch, example shape...]. */
    public static long[] batchShape(TensorSet set, int batch) {
        long[] shape = new long[set.exampleShape().length + 1];
        shape[0] = batch;
        for (int i = 0; i < set.exampleShape().length; i++) {
            shape[i + 1] = set.exampleShape()[i];
        }
        return shape;
    }

    private static INDArray oneHot(TrainingViews set, int[] order, int from, int count) {
        int classes = set.rows().numClasses();
        float[] values = new float[count * classes];
        for (int i = 0; i < count; i++) {
            values[i * classes + set.label(order[from + i])] = 1f;
        }
        return HeapFloats.toNative(values, new long[] {count, classes});
    }
}
