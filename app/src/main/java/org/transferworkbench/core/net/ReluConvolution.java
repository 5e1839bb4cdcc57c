package org.transferworkbench.core.net;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A convolution with plain ReLU whose activation's backward pass is {@link LeanRelu}'s loop instead of libnd4j's
 * {@code relu_bp}; everything else, oneDNN's convolution included, is DL4J's.
 *
 * <p>How: DL4J's convolution reads its activation from {@link #layerConf()}, which here returns a copy of the layer's
 * configuration with {@link LeanRelu} in place of DL4J's ReLU. The net's own configuration (which the net saves, and
 * which {@code conf()} still returns) is not touched. Installed by {@link LeanLayers} on DL4J's plain convolution
 * layers with plain ReLU in float nets; the first convolution of a net gets {@link FirstConvolution} instead.
 */
final class ReluConvolution extends ConvolutionLayer {

    // qualified: the configuration's class has the same simple name as the layer's.
    private final org.deeplearning4j.nn.conf.layers.ConvolutionLayer leanConf;

    private ReluConvolution(ConvolutionLayer original, DataType dataType) {
        super(original.conf(), dataType);
        LeanLayers.takeOver(original, this);
        var copy = original.layerConf().clone();
        copy.setActivationFn(new LeanRelu());
        leanConf = copy;
    }

    /** This layer in place of {@code layer}, or null where it does not cover its configuration. */
    static ReluConvolution replacing(Layer layer, DataType dataType) {
        if (layer.getClass() != ConvolutionLayer.class || dataType != DataType.FLOAT || layer.params() == null) {
            return null;
        }
        ConvolutionLayer conv = (ConvolutionLayer) layer;
        IActivation fn = conv.layerConf().getActivationFn();
        return fn.getClass() == ActivationReLU.class && FirstConvolution.plainRelu((ActivationReLU) fn)
                ? new ReluConvolution(conv, dataType) : null;
    }

    /** The configuration with {@link LeanRelu}; DL4J's own while the superclass's constructor runs. */
    @Override
    // qualified: as above
    public org.deeplearning4j.nn.conf.layers.ConvolutionLayer layerConf() {
        return leanConf != null ? leanConf : super.layerConf();
    }
}
