package org.transferworkbench.core.pretrained;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Lists a net's layers in data-flow order and marks the weight layers that define cut points. */
final class NetNodes {

    private NetNodes() {
    }

    static List<PretrainedNet.Node> of(MultiLayerNetwork net) {
        List<PretrainedNet.Node> nodes = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer layer = net.getLayer(i);
            String name = layer.conf().getLayer().getLayerName();
            nodes.add(node(i, name != null ? name : "layer" + i, layer.conf().getLayer(), layer.numParams()));
        }
        return nodes;
    }

    static List<PretrainedNet.Node> of(ComputationGraph graph) {
        List<PretrainedNet.Node> nodes = new ArrayList<>();
        GraphVertex[] vertices = graph.getVertices();
        int order = 0;
        for (int index : graph.topologicalSortOrder()) {
            GraphVertex v = vertices[index];
            if (v.isInputVertex()) {
                continue;
            }
            if (v.hasLayer()) {
                nodes.add(node(order++, v.getVertexName(), v.getLayer().conf().getLayer(), v.getLayer().numParams()));
            } else {
                String type = v.getClass().getSimpleName();
                nodes.add(new PretrainedNet.Node(order++, v.getVertexName(), type, 0, 0, 0, false));
            }
        }
        return nodes;
    }

    /** The layer inside frozen wrappers (a net saved after a transfer experiment has them). */
    // qualified: a layer's configuration (conf.layers.Layer), not the runtime layer (api.Layer) imported here
    static org.deeplearning4j.nn.conf.layers.Layer unwrap(org.deeplearning4j.nn.conf.layers.Layer layer) {
        // qualified: as above
        org.deeplearning4j.nn.conf.layers.Layer l = layer;
        while (true) {
            if (l instanceof FrozenLayer f) {
                l = f.getLayer();
            } else if (l instanceof FrozenLayerWithBackprop f) {
                l = f.getUnderlying();
            } else {
                return l;
            }
        }
    }

    private static PretrainedNet.Node node(int order, String name,
                                           // qualified: a layer's configuration, as above
                                           org.deeplearning4j.nn.conf.layers.Layer conf, long params) {
        // qualified: as above
        org.deeplearning4j.nn.conf.layers.Layer l = unwrap(conf);
        long nIn = l instanceof FeedForwardLayer f ? f.getNIn() : 0;
        long nOut = l instanceof FeedForwardLayer f ? f.getNOut() : 0;
        boolean weight = params > 0 && l instanceof BaseLayer && !(l instanceof BatchNormalization);
        return new PretrainedNet.Node(order, name, l.getClass().getSimpleName(), nIn, nOut, params, weight);
    }
}
