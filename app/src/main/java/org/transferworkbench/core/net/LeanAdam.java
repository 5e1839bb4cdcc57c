package org.transferworkbench.core.net;

import java.lang.ref.Reference;
import java.util.List;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.transferworkbench.core.backend.Backend;

/**
 * Adam's step computed in one loop on the Java heap, the moment arrays and the gradient copied in and out in bulk.
 *
 * <p>Why: DL4J 1.0.0-M2.1's Adam runs libnd4j's {@code adam_updater} op, which took 7% of a fine-tuned run of the
 * sweep's CNN in JFR (about 1.8 ms a step for its 330,000 parameters, 5 ns each); this loop, which the JIT compiles
 * to vector instructions, takes a few tenths of a millisecond with the copies (README: Speed). The arithmetic is
 * libnd4j's, step for step; a test checks it against the op to rounding.
 *
 * <p>Only the updater object of each block of a net's updater is swapped ({@link #install}): the state arrays stay
 * the net's (views of its updater state), so a saved or copied net carries the same moments as with DL4J's, and its
 * configuration stays plain DL4J. Anything else (another data type, strided views, very large blocks) runs DL4J's.
 */
final class LeanAdam extends AdamUpdater {

    /**
     * The largest block (values) copied to the heap: 16 MB for each of the three arrays, which a training thread keeps
     * for its next step; beyond it (a big loaded net fine-tuned whole) DL4J's op runs.
     */
    private static final long MAX_VALUES = 1L << 22;

    /**
     * {@code -Dworkbench.leanAdam=false} leaves the update to DL4J's op and blocks: to measure one against the other
     * in one session, and a way back should a net meet a case the tests did not.
     */
    static final boolean ON = !"false".equals(System.getProperty("workbench.leanAdam"));

    LeanAdam(AdamUpdater original) {
        super(original.getConfig());
        setM(original.getM());
        setV(original.getV());
        setGradientReshapeOrder(original.getGradientReshapeOrder());
    }

    /**
     * Swaps DL4J's Adam for this one, and blocks without regularization for {@link UnregularizedBlock}, in every
     * block of {@code updater} (a net's); idempotent.
     */
    static void install(Updater updater) {
        if (!ON || !(updater instanceof BaseMultiLayerUpdater<?> multi) || Backend.info().gpu()) {
            return;
        }
        List<UpdaterBlock> blocks = multi.getUpdaterBlocks();
        for (int i = 0; i < blocks.size(); i++) {
            UpdaterBlock block = blocks.get(i);
            UpdaterBlock lean = UnregularizedBlock.replacing(block);
            if (lean != null) {
                blocks.set(i, lean);
                block = lean;
            }
            GradientUpdater<?> u = block.getGradientUpdater();
            if (u != null && u.getClass() == AdamUpdater.class) {
                block.setGradientUpdater(new LeanAdam((AdamUpdater) u));
            }
        }
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        INDArray m = getM();
        INDArray v = getV();
        if (m == null || v == null || !contiguous(gradient) || !contiguous(m) || !contiguous(v)
                || m.length() != gradient.length() || v.length() != gradient.length()
                || gradient.length() > MAX_VALUES) {
            super.applyUpdater(gradient, iteration, epoch);
            return;
        }
        int n = (int) gradient.length();
        float[] g = LeanLayers.scratch(0, n);
        float[] mm = LeanLayers.scratch(1, n);
        float[] vv = LeanLayers.scratch(2, n);
        read(gradient, g, n);
        read(m, mm, n);
        read(v, vv, n);
        Adam c = getConfig();
        step(g, mm, vv, n, (float) c.getLearningRate(iteration, epoch), (float) c.getBeta1(), (float) c.getBeta2(),
                (float) c.getEpsilon(), iteration);
        write(mm, m, n);
        write(vv, v, n);
        write(g, gradient, n);
    }

    /**
     * One Adam step over {@code n} values, as libnd4j's {@code adam_updater} computes it in float: the moments
     * updated in place and the step written over the gradient; the bias correction folded into the step size.
     */
    static void step(float[] g, float[] m, float[] v, int n, float lr, float beta1, float beta2, float epsilon,
                     int iteration) {
        float beta1T = (float) Math.pow(beta1, iteration + 1);
        float beta2T = (float) Math.pow(beta2, iteration + 1);
        float stepSize = (float) (lr * Math.sqrt(1.0 - beta2T) / (1.0 - beta1T));
        if (Float.isNaN(stepSize) || Float.isInfinite(stepSize) || stepSize == 0f) {
            stepSize = epsilon;
        }
        float keep1 = 1f - beta1;
        float keep2 = 1f - beta2;
        for (int i = 0; i < n; i++) {
            float gi = g[i];
            float mi = beta1 * m[i] + gi * keep1;
            float vi = beta2 * v[i] + gi * gi * keep2;
            m[i] = mi;
            v[i] = vi;
            g[i] = mi * stepSize / ((float) Math.sqrt(vi) + epsilon);
        }
    }

    /** A float array whose values lie one after another in its buffer (a block's views of a net's flat arrays). */
    private static boolean contiguous(INDArray a) {
        return a.dataType() == DataType.FLOAT && (a.isVector() || a.isScalar()) && a.elementWiseStride() == 1;
    }

    // The NIO view does not keep the native memory alive, so the array is held reachable until the copy is done.
    private static void read(INDArray a, float[] dst, int n) {
        a.data().asNioFloat().get((int) a.offset(), dst, 0, n);
        Reference.reachabilityFence(a);
    }

    private static void write(float[] src, INDArray a, int n) {
        a.data().asNioFloat().put((int) a.offset(), src, 0, n);
        Reference.reachabilityFence(a);
    }
}
