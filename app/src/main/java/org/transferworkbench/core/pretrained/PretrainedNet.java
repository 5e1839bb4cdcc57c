package org.transferworkbench.core.pretrained;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.transferworkbench.core.experiment.BaseNetInfo;
import org.transferworkbench.core.net.TrainableNet;

/**
 * A net loaded from a file to serve as the source of transfer: exactly one of {@code multiLayer} and {@code graph} is
 * set. Its layers are listed in the order data flows through them (topological order for a graph); the cut points
 * are derived from its weight layers: k = 1 transfers the first weight layer (and the parameter-free or
 * normalisation layers right after it), k = n-1 everything but the classifier, which is always replaced by a new
 * output layer for the user's classes.
 *
 * @param info  the workbench sidecar when the file has one, else null
 * @param notes what the loader had to assume, in words (shown to the user)
 */
public record PretrainedNet(Path file, SourceFormat format, MultiLayerNetwork multiLayer, ComputationGraph graph,
                            NetInput input, List<Node> nodes, BaseNetInfo info, List<String> notes) {

    /**
     * One layer or vertex.
     *
     * @param weightLayer true for layers that define a cut point (convolutions, dense and output layers);
     *                    batch normalisation has parameters but travels with the layer before it
     */
    public record Node(int order, String name, String type, long nIn, long nOut, long parameters,
                       boolean weightLayer) {
    }

    public PretrainedNet {
        if ((multiLayer == null) == (graph == null)) {
            throw new IllegalArgumentException("exactly one of multiLayer and graph");
        }
        nodes = List.copyOf(nodes);
        notes = List.copyOf(notes);
        if (weightLayerCount(nodes) < 2) {
            throw new IllegalArgumentException("a source net needs at least two weight layers");
        }
    }

    private static long weightLayerCount(List<Node> nodes) {
        return nodes.stream().filter(Node::weightLayer).count();
    }

    public List<String> weightLayers() {
        return nodes.stream().filter(Node::weightLayer).map(Node::name).toList();
    }

    /** k = 1..(weight layers - 1): the classifier is never transferred. */
    public List<Integer> cutPoints() {
        List<Integer> ks = new ArrayList<>();
        for (int k = 1; k < weightLayers().size(); k++) {
            ks.add(k);
        }
        return ks;
    }

    /** The last weight layer: replaced by a new output layer with one unit per user class. */
    public Node classifier() {
        List<Node> w = nodes.stream().filter(Node::weightLayer).toList();
        return w.get(w.size() - 1);
    }

    /** Names of the nodes with parameters that cut point k transfers (0 = none: a net trained from scratch). */
    public List<String> transferred(int k) {
        if (k < 0 || k >= weightLayers().size()) {
            throw new IllegalArgumentException("cut point k=" + k + " is outside 0.." + (weightLayers().size() - 1));
        }
        if (k == 0) {
            return List.of();
        }
        int boundary = nodes.stream().filter(Node::weightLayer).toList().get(k).order();
        return nodes.stream().filter(n -> n.order() < boundary && n.parameters() > 0).map(Node::name).toList();
    }

    /**
     * Names of every node below the (k+1)-th weight layer: what a frozen run freezes. Parameter-free layers and
     * vertices are included so that no gradient is computed through them (a graph would otherwise try to back-prop
     * into frozen layers and fail).
     */
    public List<String> frozenRegion(int k) {
        if (k <= 0) {
            return List.of();
        }
        transferred(k); // range check
        int boundary = nodes.stream().filter(Node::weightLayer).toList().get(k).order();
        return nodes.stream().filter(n -> n.order() < boundary).map(Node::name).toList();
    }

    /**
     * Why this net's classifier cannot be replaced by a dense output layer, or null when it can: a convolutional
     * classifier (SqueezeNet's conv10 before global pooling) has no flat input to attach one to.
     */
    public String classifierProblem() {
        Node c = classifier();
        if (c.type().contains("Convolution") || c.nIn() <= 0) {
            return fileName() + ": its last weight layer " + c.name() + " is a " + c.type()
                    + "; only a dense classifier can be replaced by one for your classes";
        }
        return null;
    }

    public long parameters() {
        return multiLayer != null ? multiLayer.numParams() : graph.numParams();
    }

    public String fileName() {
        return file.getFileName().toString();
    }

    /** The source net as the training loop sees it, for inference and inspection; never close this view. */
    public TrainableNet view() {
        return multiLayer != null ? TrainableNet.of(multiLayer, input.adapter()) : TrainableNet.of(graph,
                input.adapter());
    }

    /** Frees the source net's off-heap memory. */
    public void close() {
        if (multiLayer != null) {
            multiLayer.close();
        } else {
            graph.close();
        }
    }
}
