package org.transferworkbench.core.net;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A convolution with plain ReLU whose activation's backward pass is {@link LeanRelu}'s loop instead of libnd4j's
 * {@code relu_bp}; everything else, oneDNN's convolution included, is DL4J's.
 *
 * <p>How: DL4J's convolution reads its activation from {@link #layerConf()}, which here returns a copy of the layer's
 * configuration with {@link LeanRelu} in place of DL4J's ReLU. The net's own configuration (which the net saves, and
 * which {@code conf()} still returns) is not touched. Installed by {@link LeanLayers} on DL4J's plain convolution
 * layers with plain ReLU in float nets whose next layer leaves its input alone; the first convolution of a net gets
 * {@link FirstConvolution} instead.
 *
 * <p>The backward pass takes ReLU's derivative at the forward pass's output instead of its pre-activations (positive
 * exactly where they are), as {@link LeanDense} does: so DL4J's forward cache (a copy of the pre-activations each
 * training forward pass, {@link CacheMode}) is off for this layer, and no backward pass computes the forward
 * convolution again. {@link LeanRelu} writes its result into a new array, so the output, which is the next layer's
 * input, stays as it was.
 */
final class ReluConvolution extends ConvolutionLayer {

    // qualified: the configuration's class has the same simple name as the layer's.
    private final org.deeplearning4j.nn.conf.layers.ConvolutionLayer leanConf;

    /** The output of the last training forward pass, and the input it came from. */
    private INDArray output;
    private INDArray outputOf;

    private ReluConvolution(ConvolutionLayer original, DataType dataType) {
        super(original.conf(), dataType);
        LeanLayers.takeOver(original, this);
        var copy = original.layerConf().clone();
        copy.setActivationFn(new LeanRelu());
        leanConf = copy;
        setCacheMode(CacheMode.NONE);
    }

    /** Always {@link CacheMode#NONE}: the backward pass reads the output, not DL4J's copy of the pre-activations. */
    @Override
    public void setCacheMode(CacheMode mode) {
        super.setCacheMode(CacheMode.NONE);
    }

    /**
     * This layer in place of {@code layer} ({@code next} the layer above it, or null), or null where it does not
     * cover its configuration.
     */
    static ReluConvolution replacing(Layer layer, Layer next, DataType dataType) {
        if (layer.getClass() != ConvolutionLayer.class || dataType != DataType.FLOAT || layer.params() == null
                || !LeanLayers.leavesInputAlone(next)) {
            return null;
        }
        ConvolutionLayer conv = (ConvolutionLayer) layer;
        IActivation fn = conv.layerConf().getActivationFn();
        return fn.getClass() == ActivationReLU.class && FirstConvolution.plainRelu((ActivationReLU) fn)
                ? new ReluConvolution(conv, dataType) : null;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray out = super.activate(training, workspaceMgr);
        output = training && maskArray == null && out.dataType() == DataType.FLOAT ? out : null;
        outputOf = output == null ? null : input;
        return out;
    }

    /**
     * For the backward pass after a training forward pass on the same input: the output in place of the
     * pre-activations (the derivative's factor is the same, and nothing else reads them); else DL4J's.
     */
    @Override
    protected Pair<INDArray, INDArray> preOutput4d(boolean training, boolean forBackprop,
                                                   LayerWorkspaceMgr workspaceMgr) {
        if (!forBackprop || output == null || input != outputOf) {
            return super.preOutput4d(training, forBackprop, workspaceMgr);
        }
        INDArray z = output;
        output = null;
        outputOf = null;
        return new Pair<>(z, null);
    }

    /** The configuration with {@link LeanRelu}; DL4J's own while the superclass's constructor runs. */
    @Override
    // qualified: as above
    public org.deeplearning4j.nn.conf.layers.ConvolutionLayer layerConf() {
        return leanConf != null ? leanConf : super.layerConf();
    }
}
