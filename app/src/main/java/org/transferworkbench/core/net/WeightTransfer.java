package org.transferworkbench.core.net;

import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Copies layer parameters between nets, exactly (element by element into the target's own parameter views). */
public final class WeightTransfer {

    private WeightTransfer() {
    }

    /**
     * Copies layers {@code from..to} (inclusive) of {@code source} into the same-numbered layers of {@code target}
     * shifted by {@code targetOffset} (negative when the target is a head that starts above layer 0).
     */
    public static void copyLayers(MultiLayerNetwork source, MultiLayerNetwork target, int from, int to,
            int targetOffset) {
        for (int i = from; i <= to; i++) {
            Layer src = source.getLayer(i);
            Layer dst = target.getLayer(i + targetOffset);
            Map<String, INDArray> srcParams = src.paramTable();
            Map<String, INDArray> dstParams = dst.paramTable();
            if (!srcParams.keySet().equals(dstParams.keySet())) {
                throw new IllegalArgumentException("layer " + i + " parameters differ: " + srcParams.keySet() + " vs "
                        + dstParams.keySet());
            }
            for (Map.Entry<String, INDArray> e : srcParams.entrySet()) {
                INDArray d = dstParams.get(e.getKey());
                if (!Arrays.equals(d.shape(), e.getValue().shape())) {
                    throw new IllegalArgumentException("layer " + i + " parameter " + e.getKey() + " has shape "
                            + Arrays.toString(e.getValue().shape()) + " in the source but "
                            + Arrays.toString(d.shape()) + " in the target");
                }
                // assign() writes into the view of the target's flat parameter vector; setParam would replace it.
                d.assign(e.getValue());
            }
        }
    }

    /** Copies the whole prefix 0..lastIndex from source to target (same layer numbering). */
    public static void copyPrefix(MultiLayerNetwork source, MultiLayerNetwork target, int lastIndex) {
        copyLayers(source, target, 0, lastIndex, 0);
    }
}
