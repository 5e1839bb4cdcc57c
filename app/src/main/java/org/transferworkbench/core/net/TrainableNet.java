package org.transferworkbench.core.net;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the training loop needs of a net, whether a MultiLayerNetwork (the workbench's own nets, Keras Sequential) or
 * a ComputationGraph (Keras functional models, zoo graphs), with the batch adapted to the net's input on the way in.
 * Batches always arrive as the workbench stores images: NCHW floats in [0,1].
 */
public interface TrainableNet extends AutoCloseable {

    void fit(INDArray features, INDArray labels);

    double score();

    /** Inference output (class probabilities) for a batch. */
    INDArray output(INDArray features);

    /** The weights of the first convolution, [out, in, kh, kw], or null if the net has none. */
    INDArray firstConvWeights();

    /** The DL4J net itself (a MultiLayerNetwork or a ComputationGraph), for inspection. */
    Model model();

    @Override
    void close();

    static TrainableNet of(MultiLayerNetwork net) {
        return of(net, InputAdapter.IDENTITY);
    }

    static TrainableNet of(MultiLayerNetwork net, InputAdapter adapter) {
        LeanLayers.install(net); // copies and loaded nets too
        return new TrainableNet() {
            @Override
            public void fit(INDArray features, INDArray labels) {
                INDArray in = adapter.adapt(features);
                try {
                    LeanLayers.installUpdater(net);
                    net.fit(in, labels);
                } finally {
                    adapter.release(features, in);
                }
            }

            @Override
            public double score() {
                return net.score();
            }

            @Override
            public INDArray output(INDArray features) {
                INDArray in = adapter.adapt(features);
                try {
                    return net.output(in, false);
                } finally {
                    adapter.release(features, in);
                }
            }

            @Override
            public INDArray firstConvWeights() {
                return firstConv(net.getLayers());
            }

            @Override
            public Model model() {
                return net;
            }

            @Override
            public void close() {
                NetMemory.release(net);
                NetMemory.releaseWorkspaces();
            }
        };
    }

    static TrainableNet of(ComputationGraph graph, InputAdapter adapter) {
        return new TrainableNet() {
            @Override
            public void fit(INDArray features, INDArray labels) {
                INDArray in = adapter.adapt(features);
                try {
                    LeanLayers.installUpdater(graph);
                    graph.fit(new INDArray[] {in}, new INDArray[] {labels});
                } finally {
                    adapter.release(features, in);
                }
            }

            @Override
            public double score() {
                return graph.score();
            }

            @Override
            public INDArray output(INDArray features) {
                INDArray in = adapter.adapt(features);
                try {
                    return graph.outputSingle(false, in);
                } finally {
                    adapter.release(features, in);
                }
            }

            @Override
            public INDArray firstConvWeights() {
                return firstConv(graph.getLayers());
            }

            @Override
            public Model model() {
                return graph;
            }

            @Override
            public void close() {
                NetMemory.release(graph);
                NetMemory.releaseWorkspaces();
            }
        };
    }

    private static INDArray firstConv(Layer[] layers) {
        for (Layer layer : layers) {
            INDArray w = layer.numParams() > 0 ? layer.getParam("W") : null;
            if (w != null && w.rank() == 4) {
                return w;
            }
        }
        return null;
    }
}
