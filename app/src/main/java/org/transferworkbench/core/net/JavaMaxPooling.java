package org.transferworkbench.core.net;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2x2 max pooling with stride 2 (the pooling of the workbench's nets) computed by a plain loop over the arrays'
 * memory. DL4J 1.0.0-M2.1 runs it through libnd4j's generic pooling forward and oneDNN's backward, which reorders the
 * NCHW arrays to a blocked layout and back on every call: the two pooling layers took 37% of a training step of the
 * sweep's CNN on one thread (JFR, README: Speed), for arithmetic that is a few comparisons per value.
 * That was an AVX2 machine; on an AVX-512 one DL4J's code was the faster, so each pass runs whichever of the two is
 * faster on the machine it runs on ({@link FasterOf}), except a training forward pass above a paired first
 * convolution ({@link #poolsOutputOf}), which always runs the loop: it records what that convolution's backward needs.
 *
 * <p>Installed by {@link LeanLayers}. Anything this loop does not cover (other kernels, padding, masks, dropout,
 * NHWC, non-float) goes to DL4J's own code. The gradient goes to the first largest value of each window in row-major
 * order (the default sweep's accuracies came out the same as DL4J's to the last digit); ties between distinct
 * positive activations are rare, and ties at zero are cancelled by the ReLU below (its gradient is zero there).
 */
final class JavaMaxPooling extends SubsamplingLayer {

    /**
     * The net's first convolution when this layer pools its output ({@link #poolsOutputOf}), else null: then this
     * layer's backward pass hands the gradient at its own output to that convolution instead of spreading it over
     * the convolution's output (README: Speed).
     */
    private FirstConvolution below;
    /**
     * Per window of the last training forward pass while paired: which of its four values was the largest (0..3,
     * row-major, the first of equals) plus {@link FirstConvolution#POSITIVE} where that value was above zero.
     */
    private byte[] largest = new byte[0];
    /** The input {@link #largest} was recorded for (the convolution's output of that pass), or null. */
    private INDArray recordedInput;
    /** The gradient at this layer's output, copied to the heap for the convolution below. */
    private float[] pooledGradient = new float[0];

    private JavaMaxPooling(SubsamplingLayer original, DataType dataType) {
        super(original.conf(), dataType);
        setIndex(original.getIndex());
        setListeners(original.getListeners());
    }

    /**
     * Pairs this layer with {@code conv}, the layer right below it whose output is its input (no preprocessor in
     * between). Why: the gradient at the convolution's pre-activations is this layer's incoming gradient placed at
     * each window's largest value, kept where that value is positive (ReLU); computing it in one pass from the
     * pooled gradient skips what the two separate backward passes did, writing and reading a gradient four times as
     * large and reading the convolution's output twice more (README: Speed). Training forward passes then always
     * run the loop, which records each window's largest value for the backward pass.
     */
    void poolsOutputOf(FirstConvolution conv) {
        below = conv;
    }

    /** This layer in place of {@code layer}, or null where it does not cover its configuration. */
    static JavaMaxPooling replacing(Layer layer, DataType dataType) {
        return layer.getClass() == SubsamplingLayer.class && covered((SubsamplingLayer) layer)
                ? new JavaMaxPooling((SubsamplingLayer) layer, dataType) : null;
    }

    private static boolean covered(SubsamplingLayer layer) {
        var c = layer.layerConf();
        return c.getPoolingType() == PoolingType.MAX && Arrays.equals(c.getKernelSize(), new int[] {2, 2})
                && Arrays.equals(c.getStride(), new int[] {2, 2}) && Arrays.equals(c.getPadding(), new int[] {0, 0})
                && Arrays.equals(c.getDilation(), new int[] {1, 1}) && c.getCnn2dDataFormat() == CNN2DFormat.NCHW
                && (c.getConvolutionMode() == ConvolutionMode.Truncate
                        || c.getConvolutionMode() == ConvolutionMode.Strict)
                && c.getIDropout() == null;
    }

    private boolean fastPath() {
        return input != null && input.dataType() == DataType.FLOAT && input.rank() == 4 && maskArray == null
                && input.size(2) >= 2 && input.size(3) >= 2 && input.length() < Integer.MAX_VALUE;
    }

    /** Planes (one channel of one image) handled at once: the heap copies stay a few MB even for large images. */
    private static final int CHUNK_VALUES = 1 << 20;

    /** The input's planes and their size; pooled planes are half as high and wide (a last odd row or column drops). */
    record Planes(int count, int h, int w) {
        static Planes of(INDArray input) {
            return new Planes((int) (input.size(0) * input.size(1)), (int) input.size(2), (int) input.size(3));
        }

        int oh() {
            return h / 2;
        }

        int ow() {
            return w / 2;
        }

        /** Values in one input plane, and in one pooled plane. */
        int size() {
            return h * w;
        }

        int pooledSize() {
            return oh() * ow();
        }

        /** Planes per chunk: at least one. */
        int perChunk() {
            return Math.max(1, CHUNK_VALUES / size());
        }

        /** The largest value of each 2x2 window of {@code n} planes of {@code x}, into {@code y}, row-major. */
        void pool(float[] x, float[] y, int n) {
            int oh = oh();
            int ow = ow();
            int k = 0;
            for (int p = 0; p < n; p++) {
                for (int r = 0; r < oh; r++) {
                    int i = p * h * w + 2 * r * w;
                    for (int c = 0; c < ow; c++, i += 2) {
                        y[k++] = Math.max(Math.max(x[i], x[i + 1]), Math.max(x[i + w], x[i + w + 1]));
                    }
                }
            }
        }

        /**
         * As {@link #pool}, and for each window which value was the first largest (0..3, row-major) plus
         * {@link FirstConvolution#POSITIVE} if it is above zero, into {@code where} from {@code at}. The same choice
         * as {@link #route}'s, except for NaN (picked there, not here; a net with NaN activations has diverged). Float
         * comparisons here, as 0-or-1 values the JIT computes without branches: 1.1 ms for a batch's first pooling in
         * a micro-benchmark, against 2.2 ms with {@link #route}'s integer keys.
         */
        void poolRecording(float[] x, float[] y, byte[] where, int at, int n) {
            int oh = oh();
            int ow = ow();
            int k = 0;
            for (int p = 0; p < n; p++) {
                for (int r = 0; r < oh; r++) {
                    int i = p * h * w + 2 * r * w;
                    for (int c = 0; c < ow; c++, i += 2) {
                        float a = x[i];
                        float b = x[i + 1];
                        float c2 = x[i + w];
                        float d2 = x[i + w + 1];
                        int right = a < b ? 1 : 0;
                        int rightBelow = c2 < d2 ? 1 : 0;
                        float top = Math.max(a, b);
                        float bottom = Math.max(c2, d2);
                        int below = top < bottom ? 1 : 0;
                        float largest = Math.max(top, bottom);
                        int positive = largest > 0 ? FirstConvolution.POSITIVE : 0;
                        where[at + k] = (byte) (right + below * (2 + rightBelow - right) + positive);
                        y[k++] = largest;
                    }
                }
            }
        }

        /**
         * As {@link #poolRecording} (which value of each window is recorded only where {@code where} is not null),
         * for {@code images} whole images of {@code x} stored channels-last ([image, row, column, channel]); the
         * pooled planes go into {@code y} as NCHW, and the records from {@code at} in the same order. The channels
         * are the inner loop, so {@code x} is read in order and each image's pooled values (a few KB) are written
         * where they belong in NCHW.
         */
        void poolChannelsLast(float[] x, float[] y, byte[] where, int at, int images, int channels) {
            int oh = oh();
            int ow = ow();
            int rowStride = w * channels;
            int planeSize = pooledSize();
            for (int img = 0; img < images; img++) {
                int plane0 = img * channels * planeSize;
                for (int r = 0; r < oh; r++) {
                    for (int c = 0; c < ow; c++) {
                        int i = (img * h + 2 * r) * rowStride + 2 * c * channels;
                        int k = plane0 + r * ow + c;
                        for (int ch = 0; ch < channels; ch++, i++, k += planeSize) {
                            float a = x[i];
                            float b = x[i + channels];
                            float c2 = x[i + rowStride];
                            float d2 = x[i + rowStride + channels];
                            float top = Math.max(a, b);
                            float bottom = Math.max(c2, d2);
                            float largest = Math.max(top, bottom);
                            y[k] = largest;
                            if (where != null) {
                                int right = a < b ? 1 : 0;
                                int rightBelow = c2 < d2 ? 1 : 0;
                                int below = top < bottom ? 1 : 0;
                                int positive = largest > 0 ? FirstConvolution.POSITIVE : 0;
                                where[at + k] = (byte) (right + below * (2 + rightBelow - right) + positive);
                            }
                        }
                    }
                }
            }
        }

        /**
         * Each window's incoming gradient {@code d} to the first largest value of its window in {@code x}, into
         * {@code out}; every other input value (and a truncated last row or column) gets none.
         */
        void route(float[] x, float[] d, float[] out, int n) {
            int oh = oh();
            int ow = ow();
            Arrays.fill(out, 0, n * size(), 0f);
            int k = 0;
            for (int p = 0; p < n; p++) {
                for (int r = 0; r < oh; r++) {
                    int i = p * h * w + 2 * r * w;
                    for (int c = 0; c < ow; c++, i += 2) {
                        // The first largest in row-major order, without branches: compared as ordered integer
                        // keys, whose comparisons are plain arithmetic (with float comparisons the JIT evidently
                        // branched, mispredicting about half the time, judging by time: 6.4 vs 3.3 ms for the first
                        // pooling of a batch in a micro-benchmark). Equal values keep the first, as before.
                        int a = key(x[i]);
                        int b = key(x[i + 1]);
                        int c2 = key(x[i + w]);
                        int d2 = key(x[i + w + 1]);
                        int right = less(a, b);
                        int rightBelow = less(c2, d2);
                        int below = less(Math.max(a, b), Math.max(c2, d2));
                        int best = i + right + below * (w + rightBelow - right);
                        out[best] = d[k++];
                    }
                }
            }
        }
    }

    /**
     * An integer that orders as the float does: the bits of a non-negative float order as its value, a negative
     * float's bits (sign set) are flipped below them; {@code + 0f} makes -0 into +0, which compare equal as floats.
     * (NaN, which DL4J's comparison never picks, is picked here; a net with NaN activations has diverged.)
     */
    private static int key(float value) {
        int bits = Float.floatToRawIntBits(value + 0f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /** 1 if {@code a < b}, else 0, without a branch (the sign of the difference, which a long cannot overflow). */
    private static int less(int a, int b) {
        return (int) (((long) a - b) >>> 63);
    }

    /**
     * Which of the loop and DL4J's code runs: {@code -Dworkbench.pooling=java} or {@code dl4j} fixes it (to measure
     * one against the other); by default each pass on each shape times both on its first calls and keeps the faster
     * ({@link FasterOf}: they compute the same values; which is faster depends on the machine, README: Speed).
     */
    static final String CHOICE = System.getProperty("workbench.pooling", "faster");
    static final FasterOf FORWARD = new FasterOf("Max pooling, forward,", "Java loop", "DL4J");
    static final FasterOf BACKWARD = new FasterOf("Max pooling, backward,", "Java loop", "DL4J");

    /** A kind of call for {@link FasterOf}: the input's shape. */
    record Kind(long images, long channels, long h, long w) {
        static Kind of(INDArray input) {
            return new Kind(input.size(0), input.size(1), input.size(2), input.size(3));
        }

        @Override
        public String toString() {
            return images + "x" + channels + "x" + h + "x" + w;
        }
    }

    /** This layer's choice: {@link #CHOICE} unless a test fixed it. */
    private String choice = CHOICE;

    /** Runs the loop on every call (tests of the loop itself). */
    JavaMaxPooling loopAlways() {
        choice = "java";
        return this;
    }

    private <T> T choose(FasterOf chooser, Supplier<T> loop, Supplier<T> dl4j) {
        return switch (choice) {
            case "java" -> loop.get();
            case "dl4j" -> dl4j.get();
            default -> chooser.run(Kind.of(input), loop, dl4j);
        };
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        recordedInput = null;
        if (!fastPath()) {
            return super.activate(training, workspaceMgr);
        }
        if (training && below != null) {
            return loop(workspaceMgr, true);
        }
        return choose(FORWARD, () -> loop(workspaceMgr, false), () -> super.activate(training, workspaceMgr));
    }

    /** The loop's forward pass; {@code record}: also each window's largest value, for the paired convolution. */
    private INDArray loop(LayerWorkspaceMgr workspaceMgr, boolean record) {
        assertInputSet(false);
        Planes shape = Planes.of(input);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[] {input.size(0), input.size(1), shape.oh(), shape.ow()}, 'c');
        if (record && largest.length < shape.count() * shape.pooledSize()) {
            largest = new byte[shape.count() * shape.pooledSize()];
        }
        if (ChannelsLast.is(input)) {
            loopChannelsLast(shape, out, record);
        } else {
            loopPlanes(shape, out, record);
        }
        recordedInput = record ? input : null;
        return out;
    }

    /**
     * The forward pass over a channels-last input ({@link ChannelsLast}, as the paired first convolution hands on):
     * whole images, each read in one bulk copy.
     */
    private void loopChannelsLast(Planes shape, INDArray out, boolean record) {
        FloatBuffer in = input.data().asNioFloat();
        FloatBuffer o = out.data().asNioFloat();
        int images = (int) input.size(0);
        int channels = (int) input.size(1);
        int imageValues = channels * shape.size();
        int perChunk = Math.max(1, CHUNK_VALUES / imageValues);
        int pooledValues = channels * shape.pooledSize();
        for (int i0 = 0; i0 < images; i0 += perChunk) {
            int n = Math.min(perChunk, images - i0);
            float[] x = LeanLayers.scratch(0, n * imageValues);
            float[] y = LeanLayers.scratch(1, n * pooledValues);
            in.get((int) input.offset() + i0 * imageValues, x, 0, n * imageValues);
            shape.poolChannelsLast(x, y, record ? largest : null, i0 * pooledValues, n, channels);
            o.put(i0 * pooledValues, y, 0, n * pooledValues);
        }
        Reference.reachabilityFence(input);
    }

    private void loopPlanes(Planes shape, INDArray out, boolean record) {
        FloatBuffer o = out.data().asNioFloat();
        for (int p0 = 0; p0 < shape.count(); p0 += shape.perChunk()) {
            int n = Math.min(shape.perChunk(), shape.count() - p0);
            float[] x = LeanLayers.scratch(0, n * shape.size());
            float[] y = LeanLayers.scratch(1, n * shape.pooledSize());
            LeanLayers.readPlanes(input, p0, n, x);
            if (record) {
                shape.poolRecording(x, y, largest, p0 * shape.pooledSize(), n);
            } else {
                shape.pool(x, y, n);
            }
            o.put(p0 * shape.pooledSize(), y, 0, n * shape.pooledSize());
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!fastPath() || epsilon.dataType() != DataType.FLOAT || epsilon.rank() != 4) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        Planes shape = Planes.of(input);
        if (epsilon.size(0) != input.size(0) || epsilon.size(1) != input.size(1) || epsilon.size(2) != shape.oh()
                || epsilon.size(3) != shape.ow()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        if (below != null && input == recordedInput && below.acceptsPooledGradient(input)) {
            return handDown(epsilon, shape);
        }
        return choose(BACKWARD, () -> route(epsilon, workspaceMgr),
                () -> super.backpropGradient(epsilon, workspaceMgr));
    }

    /**
     * The paired convolution's share of the backward pass: the gradient at this layer's output and each window's
     * largest value go to it, and no gradient for this layer's input comes back (DL4J's network passes the null on
     * to the convolution, as it does for layers that compute none).
     */
    private Pair<Gradient, INDArray> handDown(INDArray epsilon, Planes shape) {
        int n = shape.count() * shape.pooledSize();
        if (pooledGradient.length < n) {
            pooledGradient = new float[n];
        }
        LeanLayers.readPlanes(epsilon, 0, shape.count(), pooledGradient);
        below.takePooledGradient(new FirstConvolution.PooledGradient(pooledGradient, largest, shape.oh(), shape.ow()));
        recordedInput = null;
        return new Pair<>(new DefaultGradient(), null);
    }

    private Pair<Gradient, INDArray> route(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        Planes shape = Planes.of(input);
        INDArray grad = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
        FloatBuffer g = grad.data().asNioFloat();
        for (int p0 = 0; p0 < shape.count(); p0 += shape.perChunk()) {
            int n = Math.min(shape.perChunk(), shape.count() - p0);
            float[] x = LeanLayers.scratch(0, n * shape.size());
            float[] d = LeanLayers.scratch(1, n * shape.pooledSize());
            float[] out = LeanLayers.scratch(2, n * shape.size());
            LeanLayers.readPlanes(input, p0, n, x);
            LeanLayers.readPlanes(epsilon, p0, n, d);
            shape.route(x, d, out, n);
            g.put(p0 * shape.size(), out, 0, n * shape.size());
        }
        return new Pair<>(new DefaultGradient(), grad);
    }
}
