package org.transferworkbench.core.net;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The first convolution of a net, whose backward pass computes the gradient of its weights and bias alone, as one
 * BLAS product of the gradient at its outputs with the matrix of the input images' windows; the forward pass stays
 * DL4J's (oneDNN), computed channels-last where a {@link JavaMaxPooling} reads the output ({@link #feedsPooling}).
 *
 * <p>Why: DL4J 1.0.0-M2.1 runs a convolution's backward pass through oneDNN, which also computes the gradient for
 * the layer's input, and for the first layer of the workbench's CNN (one input channel, 5x5) took 24 ms of a batch
 * of 64 on one thread, about 8x its arithmetic; with this, a training step is about 22% faster, one run or two at
 * once (README: Speed). The gradient for the input images is not computed: a net's first layer has nothing below it
 * to pass it to, and DL4J's network accepts its absence (a caller asking the network for the input's gradient would
 * get none; the workbench never asks).
 *
 * <p>Paired with a 2x2 max pooling right above it ({@link JavaMaxPooling#poolsOutputOf}), the backward pass starts
 * from the gradient at the pooling's output instead ({@link PooledWeightGradient}).
 *
 * <p>Installed by {@link LeanLayers} on layer 0 only, over images ({@link #MAX_CHANNELS}), where the network has no
 * input preprocessor and the next layer leaves its input alone ({@link LeanLayers#leavesInputAlone}: this layer's
 * output is what the backward pass reads for the activation's derivative). Anything else (other activations,
 * dilation, Same mode with strides, masks, NHWC, non-float, batches too large for the heap copies) runs DL4J's code.
 * A test checks outputs, gradients and ten Adam steps against DL4J's to 1e-5 (weights after the steps: 1e-4).
 */
final class FirstConvolution extends ConvolutionLayer {

    /** The largest windows matrix or output (values) this path copies to the heap: 64 MB; beyond it DL4J's runs. */
    private static final long MAX_VALUES = 1L << 24;

    /**
     * The most input channels covered: images (gray or RGB). The first layer of a frozen run's head, which trains on
     * a prefix's activations (32 channels in the sweep's CNN), ran about 7% slower this way than with oneDNN's
     * backward pass (BnB k=1: 10.8-10.9 s a run against 9.9-10.4 s, side by side): its windows matrix (288 values a
     * window) costs more to build than the input gradient it saves.
     */
    static final int MAX_CHANNELS = 3;

    /** Added to a window's code in {@link PooledGradient#largest} when its largest value is above zero. */
    static final int POSITIVE = 4;

    /**
     * The gradient at the output of the max pooling above this layer, one value per window (NCHW planes of {@code h}
     * x {@code w} windows; the pooling drops an odd last row or column of this layer's output), and per window which
     * of its four values was the largest (0..3, row-major) plus {@link #POSITIVE} where that value was above zero.
     */
    record PooledGradient(float[] gradient, byte[] largest, int h, int w) {
    }

    private final boolean relu;
    /** Set by {@link #feedsPooling}: the forward pass writes its output channels-last. */
    private boolean channelsLast;
    /** The output of the last training forward pass, read by the backward pass that follows it. */
    private INDArray output;
    /** Handed over by the paired pooling's backward pass for the backward pass that follows it, else null. */
    private PooledGradient pooled;

    private FirstConvolution(ConvolutionLayer original, DataType dataType, boolean relu) {
        super(original.conf(), dataType);
        LeanLayers.takeOver(original, this);
        this.relu = relu;
        setCacheMode(CacheMode.NONE);
    }

    /**
     * Always {@link CacheMode#NONE}: with a cache mode, DL4J's convolution copies its pre-activations (twice per
     * forward pass) for its own backward pass, which this layer does not run (it reads the output instead).
     */
    @Override
    public void setCacheMode(CacheMode mode) {
        super.setCacheMode(CacheMode.NONE);
    }

    /**
     * This layer in place of {@code layer}, the first of its net ({@code next} the second, or null), or null where
     * it does not cover the configuration.
     */
    static FirstConvolution replacing(Layer layer, Layer next, boolean inputPreprocessor, DataType dataType) {
        if (layer.getClass() != ConvolutionLayer.class || layer.getIndex() != 0 || inputPreprocessor
                || dataType != DataType.FLOAT || !LeanLayers.leavesInputAlone(next)) {
            return null;
        }
        ConvolutionLayer conv = (ConvolutionLayer) layer;
        var c = conv.layerConf();
        if (c.getNIn() > MAX_CHANNELS) {
            return null;
        }
        IActivation fn = c.getActivationFn();
        boolean relu = fn.getClass() == ActivationReLU.class && plainRelu((ActivationReLU) fn);
        boolean covered = (relu || fn.getClass() == ActivationIdentity.class)
                && Arrays.equals(c.getDilation(), new int[] {1, 1}) && c.getCnn2dDataFormat() == CNN2DFormat.NCHW
                && (c.getConvolutionMode() == ConvolutionMode.Truncate
                        || c.getConvolutionMode() == ConvolutionMode.Same
                                && Arrays.equals(c.getStride(), new int[] {1, 1})
                                && c.getKernelSize()[0] % 2 == 1 && c.getKernelSize()[1] % 2 == 1)
                && c.getIDropout() == null && c.getWeightNoise() == null && conv.params() != null;
        return covered ? new FirstConvolution(conv, dataType, relu) : null;
    }

    static boolean plainRelu(ActivationReLU fn) {
        return fn.getMax() == null && (fn.getThreshold() == null || fn.getThreshold() == 0.0)
                && (fn.getNegativeSlope() == null || fn.getNegativeSlope() == 0.0);
    }

    /**
     * Has the forward pass write its output channels-last (NHWC) and hand it on as an NCHW view of that memory: the
     * layer above is a {@link JavaMaxPooling}, which reads that layout in one bulk copy as it reads NCHW. Why:
     * oneDNN's convolution for this layer (brgconv, AVX-512) computes NHWC, and DL4J asks it for NCHW, so each call
     * reordered the output array into NHWC before the convolution (its old contents, which the convolution then
     * overwrites) and the result back after it: 1.4-2.1 ms against 0.5-0.7 ms channels-last, for a batch of 64 of
     * the sweep's CNN on one thread, with the same values to the last bit (README: Speed; {@link ChannelsLast}).
     */
    void feedsPooling() {
        channelsLast = true;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        ConvGeometry g = channelsLast ? ChannelsLast.geometry(this, input, MAX_VALUES) : null;
        INDArray out;
        if (g != null) {
            assertInputSet(false);
            out = ChannelsLast.convolve(this, input, g, training, workspaceMgr);
        } else {
            out = super.activate(training, workspaceMgr);
        }
        output = training ? out : null;
        return out;
    }

    /**
     * True if the max pooling above may hand this layer the gradient at its own output ({@link #takePooledGradient})
     * for the next backward pass: {@code poolInput} is this layer's output of the training forward pass before, and
     * this layer's path covers it.
     */
    boolean acceptsPooledGradient(INDArray poolInput) {
        ConvGeometry g = poolInput == output && output != null ? geometry(output.shape()) : null;
        return g != null && new PooledWeightGradient(g, (int) output.size(0), (int) output.size(1), g.oh() / 2,
                g.ow() / 2).sampledValues() <= MAX_VALUES;
    }

    /** The gradient the next backward pass starts from instead of its epsilon (which DL4J then passes as null). */
    void takePooledGradient(PooledGradient gradient) {
        pooled = gradient;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        PooledGradient fromPooling = pooled;
        pooled = null;
        if (epsilon == null) {
            if (fromPooling == null) {
                throw new IllegalStateException("No gradient reached the first convolution's backward pass");
            }
            return fromPooled(fromPooling);
        }
        ConvGeometry g = epsilon.dataType() == DataType.FLOAT ? geometry(epsilon.shape()) : null;
        if (g == null) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        int images = (int) input.size(0);
        int outChannels = (int) epsilon.size(1);
        int width = images * g.positions();
        // Heap slot 0 holds the images, then the outputs; slot 1 the windows, then the incoming gradient.
        float[] x = LeanLayers.scratch(0, images * g.imageSize());
        LeanLayers.readPlanes(input, 0, images * g.channels(), x);
        float[] patches = LeanLayers.scratch(1, g.rows() * width);
        g.patches(x, patches, images);
        INDArray patchMatrix = LeanLayers.nativeMatrix(0, width, g.rows());
        patchMatrix.data().asNioFloat().put(0, patches, 0, g.rows() * width);

        float[] out = LeanLayers.scratch(0, outChannels * width);
        LeanLayers.readPlanes(output, 0, images * outChannels, out);
        float[] delta = LeanLayers.scratch(1, outChannels * width);
        LeanLayers.readPlanes(epsilon, 0, images * outChannels, delta);
        if (relu) {
            reluDerivative(out, delta, outChannels * width);
        }
        // The gradient's rows go into the product's matrix channel-major ([channel][image, position]), one bulk copy
        // each; the bias's gradient sums a channel's rows.
        INDArray deltaMatrix = LeanLayers.nativeMatrix(1, outChannels, width);
        FloatBuffer deltaBuffer = deltaMatrix.data().asNioFloat();
        float[] biasGradient = new float[outChannels];
        for (int co = 0; co < outChannels; co++) {
            double sum = 0;
            for (int i = 0; i < images; i++) {
                int src = (i * outChannels + co) * g.positions();
                deltaBuffer.put(co * width + i * g.positions(), delta, src, g.positions());
                sum += sum(delta, src, g.positions());
            }
            biasGradient[co] = (float) sum;
        }
        INDArray dw = LeanLayers.nativeMatrix(2, outChannels, g.rows());
        Nd4j.gemm(deltaMatrix, patchMatrix, dw, false, false, 1.0, 0.0);
        INDArray weightGradient = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        weightGradient.assign(dw.reshape(weightGradient.shape()));
        return gradients(weightGradient, biasGradient);
    }

    /**
     * The backward pass from the gradient at the paired pooling's output ({@link PooledWeightGradient}): the
     * gradient at this layer's output, four times as large and three quarters zeros, is never formed.
     */
    private Pair<Gradient, INDArray> fromPooled(PooledGradient p) {
        assertInputSet(true);
        ConvGeometry g = geometry(output.shape());
        int images = (int) output.size(0);
        int outChannels = (int) output.size(1);
        float[] x = LeanLayers.scratch(0, images * g.imageSize());
        LeanLayers.readPlanes(input, 0, images * g.channels(), x);
        float[] weights = new float[outChannels * g.rows()];
        float[] biasGradient = new float[outChannels];
        new PooledWeightGradient(g, images, outChannels, p.h(), p.w()).compute(x, p, relu, weights, biasGradient);
        INDArray weightGradient = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        write(weightGradient, weights);
        return gradients(weightGradient, biasGradient);
    }

    /** The backward pass's result: the weights' gradient (in its view), the bias's written into its view. */
    private Pair<Gradient, INDArray> gradients(INDArray weightGradient, float[] biasGradient) {
        output = null;
        Gradient gradient = new DefaultGradient();
        if (layerConf().hasBias()) {
            INDArray biasView = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
            write(biasView, biasGradient);
            gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasView);
        }
        gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGradient, 'c');
        return new Pair<>(gradient, null);
    }

    /**
     * The geometry of a backward pass from a gradient of shape {@code gradientShape} (the output's), or null where
     * DL4J's code must run.
     */
    private ConvGeometry geometry(long[] gradientShape) {
        if (input == null || output == null || input.dataType() != DataType.FLOAT || input.rank() != 4
                || maskArray != null || input.size(1) != layerConf().getNIn()
                || !Arrays.equals(gradientShape, output.shape())) {
            return null;
        }
        ConvGeometry g = ConvGeometry.of(layerConf(), (int) input.size(1), (int) input.size(2), (int) input.size(3));
        long width = input.size(0) * (g == null ? 0 : g.positions());
        boolean fits = g != null && gradientShape[2] == g.oh() && gradientShape[3] == g.ow()
                && g.rows() * width <= MAX_VALUES && gradientShape[1] * width <= MAX_VALUES
                && input.length() <= MAX_VALUES;
        return fits ? g : null;
    }

    /** 2^127: applied twice, it takes any positive ReLU output, down to the smallest float (2^-149), to 1 or more. */
    private static final float SCALE = 0x1p127f;

    /**
     * The gradient at the layer's pre-activations, in place: the incoming gradient where the ReLU output is positive,
     * else 0 (ReLU's derivative, 0 at 0 as DL4J's). Written as {@code eps * min(out * 2^127 * 2^127, 1)}, where the
     * factor is exactly 1 for every positive float and 0 at 0, because with one index for both arrays and no branch
     * or bit conversion the JIT compiles it to vector instructions: 0.14 ms for a batch's 1.2 million values here,
     * against 0.7-1.0 ms for the branch-free bit mask it replaced (README: Speed). A 0 may come out as -0, which
     * neither the product nor the sums below can tell apart.
     */
    static void reluDerivative(float[] out, float[] eps, int n) {
        for (int p = 0; p < n; p++) {
            eps[p] = eps[p] * Math.min(out[p] * SCALE * SCALE, 1f);
        }
    }

    /** The sum of {@code n} values from {@code from}, in four partial sums (one running sum is a chain of adds). */
    private static float sum(float[] a, int from, int n) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int p = from;
        int end = from + n;
        for (; p + 3 < end; p += 4) {
            s0 += a[p];
            s1 += a[p + 1];
            s2 += a[p + 2];
            s3 += a[p + 3];
        }
        for (; p < end; p++) {
            s0 += a[p];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Writes {@code values} into a dense row-major view (a gradient view of the net's flat array). */
    private static void write(INDArray view, float[] values) {
        if (view.ordering() == 'c' && Shape.hasDefaultStridesForShape(view)) {
            FloatBuffer b = view.data().asNioFloat();
            b.put((int) view.offset(), values, 0, values.length);
        } else {
            view.assign(Nd4j.createFromArray(values).reshape(view.shape()));
        }
    }
}
