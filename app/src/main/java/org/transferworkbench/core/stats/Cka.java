package org.transferworkbench.core.stats;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Linear centred kernel alignment (Kornblith, Norouzi, Lee and Hinton, ICML 2019): how alike two representations of
 * the same examples are, 1 for the same up to a rotation and a scale, 0 for unrelated. Computed from the examples'
 * centred Gram matrices, so two layers of any widths compare, and a wide layer is reduced to n x n once:
 * CKA(X, Y) = &lt;K, L&gt; / (|K| |L|) with K = Xc Xc^T, L = Yc Yc^T, Xc the columns of X centred.
 */
public final class Cka {

    private Cka() {
    }

    /** The centred Gram matrix (n x n, double) of activations with one row per example (any trailing shape). */
    public static INDArray gram(INDArray activations) {
        long n = activations.size(0);
        INDArray x = activations.reshape('c', n, activations.length() / n).castTo(DataType.DOUBLE);
        INDArray centred = x.subRowVector(x.mean(0));
        return centred.mmul(centred.transpose());
    }

    /** CKA of two representations given by their centred Gram matrices ({@link #gram}) of the same examples. */
    public static double fromGrams(INDArray k, INDArray l) {
        if (!Arrays.equals(k.shape(), l.shape())) {
            throw new IllegalArgumentException("Gram matrices of different example counts");
        }
        double kl = k.mul(l).sumNumber().doubleValue();
        double kk = k.norm2Number().doubleValue();
        double ll = l.norm2Number().doubleValue();
        return kk == 0 || ll == 0 ? 0 : kl / (kk * ll);
    }

    public static double linear(INDArray x, INDArray y) {
        return fromGrams(gram(x), gram(y));
    }
}
