package org.transferworkbench.core.net;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * What a saved net is made of, read from the net itself: its layers, its input, and the cut points a transfer
 * experiment can use (k = 1..n-1 over the layers that have weights, the output layer never transferred).
 *
 * @param inputShape   input as the net's configuration states it (e.g. "convolutional 28x28x1"), or "unknown"
 * @param cutPoints    for each k, the name of the last transferred weight layer
 */
public record NetDescription(String inputShape, List<LayerRow> layers, List<CutPoint> cutPoints, long parameters) {

    /** One layer: its index, name, DL4J type, sizes and parameter count. */
    public record LayerRow(int index, String name, String type, long nIn, long nOut, long parameters) {
    }

    public record CutPoint(int k, String lastTransferredLayer) {
    }

    public static NetDescription of(MultiLayerNetwork net) {
        List<LayerRow> rows = new ArrayList<>();
        List<String> weightLayers = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer layer = net.getLayer(i);
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            String name = conf.getLayerName() != null ? conf.getLayerName() : "layer" + i;
            long nIn = conf instanceof FeedForwardLayer f ? f.getNIn() : 0;
            long nOut = conf instanceof FeedForwardLayer f ? f.getNOut() : 0;
            long params = layer.numParams();
            rows.add(new LayerRow(i, name, conf.getClass().getSimpleName(), nIn, nOut, params));
            if (params > 0) {
                weightLayers.add(name);
            }
        }
        List<CutPoint> cuts = new ArrayList<>();
        for (int k = 1; k < weightLayers.size(); k++) {
            cuts.add(new CutPoint(k, weightLayers.get(k - 1)));
        }
        String shape = describeInput(net);
        return new NetDescription(shape, rows, cuts, net.numParams());
    }

    private static String describeInput(MultiLayerNetwork net) {
        org.deeplearning4j.nn.conf.layers.Layer first = net.getLayer(0).conf().getLayer();
        if (first instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer c) {
            return "convolutional, " + c.getNIn() + " channel(s)";
        }
        if (first instanceof FeedForwardLayer f) {
            return "feed-forward, " + f.getNIn() + " values";
        }
        return "unknown";
    }
}
