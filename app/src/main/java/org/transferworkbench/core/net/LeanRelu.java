package org.transferworkbench.core.net;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Plain ReLU whose backward pass is a Java loop over heap copies; the forward pass is DL4J's.
 *
 * <p>Why: DL4J 1.0.0-M2.1 takes ReLU's derivative with libnd4j's {@code relu_bp}, which ran at about 3 ns a value
 * here (0.77-0.85 ms for conv3's 262,144 outputs of a batch of 64, one thread), where reading both arrays, the loop
 * and writing the result take 0.13-0.15 ms: about 1.3 ms of a 21 ms training step for the sweep's second to fourth
 * convolutions (README: Speed). Used only by {@link ReluConvolution}, in the configuration copy that layer reads: a
 * net's own configuration, and so every saved net, keeps DL4J's ReLU.
 */
final class LeanRelu extends ActivationReLU {

    /** 2^127: applied twice, it takes any positive float, down to the smallest (2^-149), to 1 or more. */
    private static final float SCALE = 0x1p127f;

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        if (in.dataType() != DataType.FLOAT || epsilon.dataType() != DataType.FLOAT || in.rank() != 4
                || !Arrays.equals(in.shape(), epsilon.shape()) || in.length() > Integer.MAX_VALUE / 2) {
            return super.backprop(in, epsilon);
        }
        int n = (int) in.length();
        int planes = (int) (in.size(0) * in.size(1));
        float[] z = LeanLayers.scratch(0, n);
        float[] e = LeanLayers.scratch(1, n);
        LeanLayers.readPlanes(in, 0, planes, z);
        LeanLayers.readPlanes(epsilon, 0, planes, e);
        derivative(z, e, n);
        // A new array in the current workspace, as DL4J's own ReLU returns (the input may still be read elsewhere).
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, in.shape(), 'c');
        FloatBuffer b = out.data().asNioFloat();
        b.put((int) out.offset(), e, 0, n);
        return new Pair<>(out, null);
    }

    /**
     * {@code eps} times ReLU's derivative at the pre-activations {@code z}, in place: the incoming gradient where
     * {@code z} is positive, else 0 (0 at 0, as DL4J's). Written as {@code eps * min(max(z, 0) * 2^127 * 2^127, 1)},
     * a factor exactly 1 for every positive float and 0 otherwise, without a branch, so the JIT vectorizes the loop
     * (a branch here mispredicts on about half the values: {@link FirstConvolution#reluDerivative}). A 0 may come
     * out as -0, which no product or sum that follows can tell apart.
     */
    static void derivative(float[] z, float[] eps, int n) {
        for (int p = 0; p < n; p++) {
            eps[p] = eps[p] * Math.min(Math.max(z[p], 0f) * SCALE * SCALE, 1f);
        }
    }
}
