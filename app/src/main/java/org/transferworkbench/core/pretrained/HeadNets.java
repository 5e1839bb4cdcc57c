package org.transferworkbench.core.pretrained;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferworkbench.core.net.InputAdapter;
import org.transferworkbench.core.net.TrainableNet;

/**
 * The trained part of a frozen run as a net of its own: every layer and vertex above cut point k of a net built by
 * {@link TransferNets}, with the same configuration and starting weights, taking the activation that crosses the cut
 * as its input. Trained on that activation, computed once, it learns what the whole frozen net would, without a
 * forward pass through the frozen layers at every step.
 */
public final class HeadNets {

    private HeadNets() {
    }

    /** The head above clean cut point k of {@code full} (built for {@code source} frozen at k). */
    public static TrainableNet of(PretrainedNet source, int k, TrainableNet full) {
        if (!FrozenCuts.clean(source, k)) {
            throw new IllegalArgumentException("cut point k=" + k + " of " + source.fileName()
                    + " is crossed by more than one activation " + FrozenCuts.crossing(source, k));
        }
        List<String> frozen = source.frozenRegion(k);
        if (full.model() instanceof MultiLayerNetwork net) {
            return TrainableNet.of(multiLayer(net, frozen.size()));
        }
        ComputationGraph graph = graph((ComputationGraph) full.model(), new HashSet<>(frozen),
                FrozenCuts.crossing(source, k).get(0));
        return TrainableNet.of(graph, InputAdapter.IDENTITY);
    }

    private static MultiLayerNetwork multiLayer(MultiLayerNetwork full, int boundary) {
        MultiLayerConfiguration conf = full.getLayerWiseConfigurations();
        NeuralNetConfiguration.ListBuilder list = TransferNets.base(conf.getConf(0).getSeed()).list();
        for (int i = boundary; i < full.getnLayers(); i++) {
            list.layer(i - boundary, conf.getConf(i).getLayer().clone());
        }
        for (Map.Entry<Integer, InputPreProcessor> e : conf.getInputPreProcessors().entrySet()) {
            if (e.getKey() >= boundary) {
                list.inputPreProcessor(e.getKey() - boundary, e.getValue().clone());
            }
        }
        MultiLayerNetwork head = new MultiLayerNetwork(list.build());
        head.init();
        for (int i = boundary; i < full.getnLayers(); i++) {
            copy(full.getLayer(i).paramTable(), head.getLayer(i - boundary).paramTable());
        }
        return head;
    }

    private static ComputationGraph graph(ComputationGraph full, Set<String> frozen, String crossing) {
        ComputationGraphConfiguration conf = full.getConfiguration();
        ComputationGraphConfiguration.GraphBuilder g = TransferNets.base(conf.getDefaultConfiguration().getSeed())
                .graphBuilder();
        g.addInputs(crossing);
        for (int index : full.topologicalSortOrder()) {
            var vertex = full.getVertices()[index];
            String name = vertex.getVertexName();
            if (vertex.isInputVertex() || frozen.contains(name)) {
                continue;
            }
            GraphVertex v = conf.getVertices().get(name);
            String[] inputs = conf.getVertexInputs().get(name).toArray(String[]::new);
            if (v instanceof LayerVertex lv) {
                InputPreProcessor pre = lv.getPreProcessor() == null ? null : lv.getPreProcessor().clone();
                g.addLayer(name, lv.getLayerConf().getLayer().clone(), pre, inputs);
            } else {
                g.addVertex(name, v.clone(), inputs);
            }
        }
        g.setOutputs(conf.getNetworkOutputs().toArray(String[]::new));
        ComputationGraph head = new ComputationGraph(g.build());
        head.init();
        for (var layer : head.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            copy(full.getLayer(name).paramTable(), layer.paramTable());
        }
        return head;
    }

    private static void copy(Map<String, INDArray> from, Map<String, INDArray> to) {
        for (Map.Entry<String, INDArray> e : to.entrySet()) {
            // assign() writes into the net's flat parameter view; setParam would detach it.
            e.getValue().assign(from.get(e.getKey()));
        }
    }
}
