package org.transferworkbench.core.train;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One forward pass over every row of a source (every view of every training image, or a validation set), keeping the
 * activations a frozen run trains on: several cut points' activations come out of the same pass.
 */
public final class Featurizer {

    /** A forward pass of one batch that hands out its chosen activations, output i to {@code out.accept(i, a)}. */
    public interface Forward {
        void run(INDArray batch, BiConsumer<Integer, INDArray> out);
    }

    /** How far the pass has got, in rows. */
    public interface Progress {
        void rowsDone(int done, int total);

        Progress NONE = (done, total) -> { };
    }

    private Featurizer() {
    }

    /** Rows {@code from..to} of {@code source}, forward in batches of {@code batch}, output i appended to stores[i]. */
    public static void run(TrainingViews source, int from, int to, int batch, Forward forward,
                           List<FeatureStore> stores, CancellationToken cancel, Progress progress) {
        int per = source.rows().valuesPerExample();
        long[] shape = Trainer.batchShape(source.rows(), batch);
        float[] data = new float[Math.min(batch, Math.max(0, to - from)) * per];
        for (int start = from; start < to; start += batch) {
            cancel.checkpoint();
            int count = Math.min(batch, to - start);
            for (int i = 0; i < count; i++) {
                source.copyRow(start + i, data, i * per);
            }
            shape[0] = count;
            INDArray features = HeapFloats.toNative(data, shape);
            try {
                forward.run(features, (i, act) -> {
                    long[] s = act.shape();
                    int[] rowShape = new int[s.length - 1];
                    for (int d = 1; d < s.length; d++) {
                        rowShape[d - 1] = (int) s[d];
                    }
                    stores.get(i).append(HeapFloats.of(act), rowShape);
                });
            } finally {
                features.close();
            }
            progress.rowsDone(start + count - from, to - from);
        }
    }

    /** Values per row of each output, from a forward pass of the first row (to plan memory before the pass). */
    public static long[] valuesPerRow(TrainingViews source, Forward forward, int outputs) {
        long[] per = new long[outputs];
        float[] one = new float[source.rows().valuesPerExample()];
        source.copyRow(0, one, 0);
        long[] shape = Trainer.batchShape(source.rows(), 1);
        INDArray features = HeapFloats.toNative(one, shape);
        try {
            forward.run(features, (i, act) -> per[i] = act.length() / act.size(0));
        } finally {
            features.close();
        }
        if (Arrays.stream(per).anyMatch(p -> p <= 0)) {
            throw new IllegalStateException("a forward pass did not produce every activation");
        }
        return per;
    }
}
