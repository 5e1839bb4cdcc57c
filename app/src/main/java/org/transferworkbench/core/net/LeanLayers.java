package org.transferworkbench.core.net;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.transferworkbench.core.backend.Backend;

/**
 * Leaner implementations of layers where DL4J 1.0.0-M2.1 spends a training step of the workbench's CNN on anything
 * but arithmetic (JFR on one thread, README: Speed): 2x2 max pooling ({@link JavaMaxPooling}: 37% of the step),
 * the backward pass of a net's first convolution ({@link FirstConvolution}: then a quarter of the step), the
 * dense layers' backward pass ({@link LeanDense}: it computed the forward pass again), the softmax output layer's
 * step ({@link LeanOutput}: its forward pass ran twice, once for the score), ReLU's derivative in the other
 * convolutions ({@link ReluConvolution}: libnd4j's took about 3 ns a value) and Adam's step ({@link LeanAdam},
 * through {@link #installUpdater}). The first convolution and a pooling right above it are paired,
 * so that the gradient goes from one to the other without being spread over the convolution's output
 * ({@link JavaMaxPooling#poolsOutputOf}).
 *
 * <p>Only the layers' implementation objects are swapped: the net's configuration, and so every saved net, stays
 * plain DL4J; what a swapped layer does not cover goes to DL4J's own code; a test checks the results against DL4J's.
 * The name map of the net ({@code getLayer(String)}) keeps the original objects, which share the parameter arrays.
 */
public final class LeanLayers {

    /** Per-thread heap copies: the loops run on arrays (bounds checks hoisted), filled and emptied in bulk. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[3][0]);
    /** Per-thread native buffers for BLAS products, outside DL4J's workspaces (which are reset between steps). */
    private static final ThreadLocal<INDArray[]> NATIVE = ThreadLocal.withInitial(() -> new INDArray[3]);

    /**
     * {@code -Dworkbench.leanConvolution=false} leaves the first convolution's backward pass to DL4J (oneDNN): to
     * measure one against the other in one session, and a way back should a net meet a case the tests did not.
     */
    static final boolean FIRST_CONVOLUTION = !"false".equals(System.getProperty("workbench.leanConvolution"));
    /**
     * {@code -Dworkbench.pooledGradient=false} leaves the first convolution and the pooling above it unpaired: each
     * computes its own backward pass ({@link JavaMaxPooling#poolsOutputOf}), for the same reasons.
     */
    static final boolean POOLED_GRADIENT = !"false".equals(System.getProperty("workbench.pooledGradient"));
    /**
     * {@code -Dworkbench.channelsLast=false} keeps the paired first convolution's forward pass DL4J's, NCHW
     * ({@link FirstConvolution#feedsPooling}), for the same reasons.
     */
    static final boolean CHANNELS_LAST = !"false".equals(System.getProperty("workbench.channelsLast"));
    /** {@code -Dworkbench.leanRelu=false} leaves the other convolutions' ReLU derivative to DL4J, likewise. */
    static final boolean RELU = !"false".equals(System.getProperty("workbench.leanRelu"));
    /** {@code -Dworkbench.leanDense=false} leaves dense layers to DL4J's code, for the same reasons. */
    static final boolean DENSE = !"false".equals(System.getProperty("workbench.leanDense"));
    /** {@code -Dworkbench.leanOutput=false} leaves softmax output layers to DL4J's code, likewise. */
    static final boolean OUTPUT = !"false".equals(System.getProperty("workbench.leanOutput"));

    /** Per-thread heap copy of channels-last images for {@link #readPlanes}, apart from the callers' scratch. */
    private static final ThreadLocal<float[][]> IMAGES = ThreadLocal.withInitial(() -> new float[1][0]);

    private LeanLayers() {
    }

    /**
     * Swaps the layers of {@code net} these classes cover; returns {@code net}. Idempotent: nets are installed where
     * they start training or inference, since copies made by DL4J (clone, load) come back with its own layers.
     */
    public static MultiLayerNetwork install(MultiLayerNetwork net) {
        Layer[] layers = net.getLayers();
        // CPU only: these loops read and write the arrays' host memory, which on a GPU is not where the values are
        // (and there DL4J's layers run as cuDNN kernels, not through oneDNN).
        if (layers == null || Backend.info().gpu()) {
            return net;
        }
        DataType type = net.getLayerWiseConfigurations().getDataType();
        Layer[] swapped = null;
        boolean inputPreprocessor = net.getLayerWiseConfigurations().getInputPreProcess(0) != null;
        for (int i = 0; i < layers.length; i++) {
            Layer next = i + 1 < layers.length ? layers[i + 1] : null;
            Layer lean = JavaMaxPooling.replacing(layers[i], type);
            if (lean == null && i == 0 && FIRST_CONVOLUTION) {
                lean = FirstConvolution.replacing(layers[0], next, inputPreprocessor, type);
            }
            if (lean == null && RELU) {
                lean = ReluConvolution.replacing(layers[i], next, type);
            }
            if (lean == null && DENSE) {
                lean = LeanDense.replacing(layers[i], next, type);
            }
            if (lean == null && OUTPUT) {
                lean = LeanOutput.replacing(layers[i], type);
            }
            if (lean != null) {
                swapped = swapped != null ? swapped : Arrays.copyOf(layers, layers.length);
                swapped[i] = lean;
            }
        }
        if (swapped != null) {
            if (POOLED_GRADIENT && swapped.length > 1 && swapped[0] instanceof FirstConvolution conv
                    && swapped[1] instanceof JavaMaxPooling pooling
                    && net.getLayerWiseConfigurations().getInputPreProcess(1) == null) {
                pooling.poolsOutputOf(conv);
                if (CHANNELS_LAST) {
                    conv.feedsPooling();
                }
            }
            net.setLayers(swapped);
        }
        return net;
    }

    /**
     * Swaps the Adam of {@code net}'s updater for {@link LeanAdam} (creating the updater, as the net's first training
     * step would): call where a net is about to train, not where it only infers (an updater holds two arrays the size
     * of the parameters). Idempotent, and cheap enough to call before every step: a net's updater can be replaced
     * (a copy, a loaded net), and then comes back with DL4J's.
     */
    public static void installUpdater(MultiLayerNetwork net) {
        LeanAdam.install(net.getUpdater());
    }

    /** The same for a graph. */
    public static void installUpdater(ComputationGraph graph) {
        LeanAdam.install(graph.getUpdater());
    }

    /**
     * True if {@code next} (the layer above, or null) never writes into its input: the first convolution's and the
     * dense layers' backward passes read their own forward output, which is that input. Dropout may apply its mask
     * in place, and an activation layer its function (a tanh of the output would keep the signs ReLU's derivative
     * reads; a sigmoid would not). A wrapped layer (frozen, as in a loaded net's prefix) is judged by what it wraps.
     */
    static boolean leavesInputAlone(Layer next) {
        Layer layer = next;
        while (layer instanceof BaseWrapperLayer wrapper) {
            layer = wrapper.getUnderlying();
        }
        return layer == null || layer.conf().getLayer().getIDropout() == null && !(layer instanceof ActivationLayer);
    }

    /**
     * Gives {@code lean}, built from {@code original}'s configuration, the original's place in the net: its index,
     * listeners and its parameter and gradient arrays, which are views of the net's flat arrays, so that the net,
     * its updater and its name map (which keeps the original object) all see one set of weights.
     */
    static void takeOver(Layer original, Layer lean) {
        lean.setIndex(original.getIndex());
        lean.setListeners(original.getListeners());
        lean.setParamsViewArray(original.params());
        lean.setParamTable(original.paramTable());
        if (original.getGradientsViewArray() != null) {
            lean.setBackpropGradientsViewArray(original.getGradientsViewArray());
        }
    }

    /**
     * A [rows, columns] row-major float matrix over the start of this thread's native buffer {@code which} (0..2),
     * grown as needed; valid until the next call with the same {@code which} on this thread.
     */
    static INDArray nativeMatrix(int which, long rows, long columns) {
        INDArray[] buffers = NATIVE.get();
        long length = Math.max(1, rows * columns);
        if (buffers[which] == null || buffers[which].length() < length) {
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                buffers[which] = Nd4j.createUninitialized(DataType.FLOAT, length);
            }
        }
        return Nd4j.create(buffers[which].data(), rows, columns);
    }

    /**
     * A per-thread heap array of at least {@code size} floats; {@code which} in 0..2. Layers run one after another
     * on a thread, so each layer's call may use all three; a layer does not keep them across calls.
     */
    static float[] scratch(int which, int size) {
        float[][] s = SCRATCH.get();
        if (s[which].length < size) {
            s[which] = new float[size];
        }
        return s[which];
    }

    /**
     * Copies planes {@code [p0, p0 + n)} (a plane: one channel of one image) of a 4-d float array to {@code dst},
     * row-major: in one bulk copy when the array is dense and row-major, else by its strides (the gradient arriving
     * from oneDNN's convolution is a strided view; copying it with libnd4j cost 10% of a training step).
     * The NIO view does not keep the native memory alive, so {@code a} is held reachable until the copy is done (an
     * array outside a workspace is freed when the garbage collector finds its buffer unreachable).
     */
    static void readPlanes(INDArray a, int p0, int n, float[] dst) {
        FloatBuffer buf = a.data().asNioFloat();
        int h = (int) a.size(2);
        int w = (int) a.size(3);
        if (a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a)) {
            buf.get((int) a.offset() + p0 * h * w, dst, 0, n * h * w);
            Reference.reachabilityFence(a);
            return;
        }
        if (ChannelsLast.is(a)) {
            readChannelsLast(a, buf, p0, n, dst);
            Reference.reachabilityFence(a);
            return;
        }
        long[] st = a.stride();
        int channels = (int) a.size(1);
        int k = 0;
        for (int p = p0; p < p0 + n; p++) {
            long plane = a.offset() + (p / channels) * st[0] + (p % channels) * st[1];
            for (int y = 0; y < h; y++) {
                long row = plane + y * st[2];
                for (int x = 0; x < w; x++) {
                    dst[k++] = buf.get((int) (row + x * st[3]));
                }
            }
        }
        Reference.reachabilityFence(a);
    }

    /**
     * {@link #readPlanes} from a channels-last array ({@link ChannelsLast}): the images holding the planes in one
     * bulk copy, then each plane gathered from them (one value in every {@code channels}; an image is a few tens of
     * KB, so the gather reads from the cache).
     */
    private static void readChannelsLast(INDArray a, FloatBuffer buf, int p0, int n, float[] dst) {
        int channels = (int) a.size(1);
        int hw = (int) (a.size(2) * a.size(3));
        int firstImage = p0 / channels;
        int images = (p0 + n - 1) / channels - firstImage + 1;
        float[][] holder = IMAGES.get();
        if (holder[0].length < images * channels * hw) {
            holder[0] = new float[images * channels * hw];
        }
        float[] t = holder[0];
        buf.get((int) a.offset() + firstImage * channels * hw, t, 0, images * channels * hw);
        for (int p = p0; p < p0 + n; p++) {
            int from = (p / channels - firstImage) * channels * hw + p % channels;
            int k = (p - p0) * hw;
            for (int s = 0; s < hw; s++, from += channels) {
                dst[k + s] = t[from];
            }
        }
    }
}
