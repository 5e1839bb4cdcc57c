package org.transferworkbench.core.pretrained;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Works out the input of a DL4J net from the net alone: a DL4J zip does not record its input size. Channels and
 * layout come from the first convolution; the size is the smallest square whose activations, flattened, give exactly
 * the number of inputs of the first dense layer. A net with no dense layer after its convolutions (global pooling)
 * takes any size.
 */
final class InputInference {

    static final int MIN_SIZE = 8;
    static final int MAX_SIZE = 512;

    /** Thrown with a user-facing reason when the net's input is not an image the workbench can feed. */
    static final class NotAnImageNet extends RuntimeException {
        NotAnImageNet(String message) {
            super(message);
        }
    }

    private InputInference() {
    }

    record Found(int channels, int size, boolean channelsLast, boolean anySize) {
    }

    static Found of(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        Layer first = NetNodes.unwrap(conf.getConf(0).getLayer());
        ConvolutionLayer conv = firstConv(conf.getConfs().stream().map(c -> NetNodes.unwrap(c.getLayer())).toList());
        requireImageInput(first, conv);
        int channels = (int) conv.getNIn();
        boolean last = conv.getCnn2dDataFormat() == CNN2DFormat.NHWC;
        int dense = firstDenseAfterConv(conf.getConfs().stream().map(c -> NetNodes.unwrap(c.getLayer())).toList());
        if (dense < 0) {
            return new Found(channels, 0, last, true);
        }
        long nIn = ((FeedForwardLayer) NetNodes.unwrap(conf.getConf(dense).getLayer())).getNIn();
        for (int s = MIN_SIZE; s <= MAX_SIZE; s++) {
            try {
                List<InputType> types = conf.getLayerActivationTypes(InputType.convolutional(s, s, channels,
                        last ? CNN2DFormat.NHWC : CNN2DFormat.NCHW));
                if (types.get(dense - 1).arrayElementsPerExample() == nIn) {
                    return new Found(channels, s, last, false);
                }
            } catch (RuntimeException tooSmallOrInvalid) {
                // Sizes below the net's receptive field make DL4J throw; keep looking.
            }
        }
        throw new NotAnImageNet("no square input size from " + MIN_SIZE + " to " + MAX_SIZE
                + " fits its first dense layer (" + nIn + " inputs)");
    }

    static Found of(ComputationGraph graph) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
            throw new NotAnImageNet("it has " + conf.getNetworkInputs().size() + " inputs and "
                    + conf.getNetworkOutputs().size() + " outputs; only nets with one image input and one output "
                    + "can be adapted");
        }
        List<NamedLayer> layers = graphLayers(graph);
        ConvolutionLayer conv = firstConv(layers.stream().map(NamedLayer::layer).toList());
        requireImageInput(layers.isEmpty() ? null : layers.get(0).layer(), conv);
        int channels = (int) conv.getNIn();
        boolean last = conv.getCnn2dDataFormat() == CNN2DFormat.NHWC;
        int dense = firstDenseAfterConv(layers.stream().map(NamedLayer::layer).toList());
        if (dense < 0) {
            return new Found(channels, 0, last, true);
        }
        String denseName = layers.get(dense).name();
        long nIn = ((FeedForwardLayer) layers.get(dense).layer()).getNIn();
        String feeding = conf.getVertexInputs().get(denseName).get(0);
        for (int s = MIN_SIZE; s <= MAX_SIZE; s++) {
            try {
                // On a copy: this variant applies the vertices' preprocessors, and may add some to the configuration.
                Map<String, InputType> types = conf.clone().getLayerActivationTypes(InputType.convolutional(s, s,
                        channels, last ? CNN2DFormat.NHWC : CNN2DFormat.NCHW));
                InputType in = types.get(feeding);
                if (in != null && in.arrayElementsPerExample() == nIn) {
                    return new Found(channels, s, last, false);
                }
            } catch (RuntimeException tooSmallOrInvalid) {
                // as above
            }
        }
        throw new NotAnImageNet("no square input size from " + MIN_SIZE + " to " + MAX_SIZE
                + " fits its first dense layer " + denseName + " (" + nIn + " inputs)");
    }

    record NamedLayer(String name, Layer layer) {
    }

    /** The graph's layers in topological order. */
    static List<NamedLayer> graphLayers(ComputationGraph graph) {
        Map<String, GraphVertex> vertices = graph.getConfiguration().getVertices();
        var runtime = graph.getVertices();
        return Arrays.stream(graph.topologicalSortOrder())
                .mapToObj(i -> runtime[i].getVertexName())
                .filter(n -> vertices.get(n) instanceof LayerVertex)
                .map(n -> new NamedLayer(n, NetNodes.unwrap(((LayerVertex) vertices.get(n)).getLayerConf().getLayer())))
                .toList();
    }

    private static void requireImageInput(Layer first, ConvolutionLayer conv) {
        if (conv == null) {
            throw new NotAnImageNet("it has no convolution layer; the workbench feeds images to convolutional nets"
                    + (first instanceof FeedForwardLayer f ? " (its first layer takes " + f.getNIn() + " flat values)"
                            : ""));
        }
        if (conv.getNIn() != 1 && conv.getNIn() != 3) {
            throw new NotAnImageNet("its first convolution takes " + conv.getNIn()
                    + " channels; images can be adapted to 1 (gray) or 3 (RGB) channels only");
        }
    }

    private static ConvolutionLayer firstConv(List<Layer> layers) {
        for (Layer l : layers) {
            if (l instanceof ConvolutionLayer c) {
                return c;
            }
        }
        return null;
    }

    /** Index of the first dense-type layer (not a convolution) that comes after a convolution, or -1. */
    private static int firstDenseAfterConv(List<Layer> layers) {
        boolean seenConv = false;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (l instanceof ConvolutionLayer) {
                seenConv = true;
            } else if (seenConv && l instanceof GlobalPoolingLayer) {
                return -1; // global pooling makes the classifier independent of the input size
            } else if (seenConv && l instanceof FeedForwardLayer f && !(l instanceof BatchNormalization)
                    && f.getNIn() > 0) {
                return i;
            }
        }
        return -1;
    }
}
