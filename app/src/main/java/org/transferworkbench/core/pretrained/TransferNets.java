package org.transferworkbench.core.pretrained;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.FrozenVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.transferworkbench.core.net.InputAdapter;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.net.TrainableNet;

/**
 * Builds the net of one run against a pretrained source: the source's layers up to its classifier, freshly
 * initialised from the run's seed, then the first k weight layers (with the normalisation and parameter-free layers
 * that follow them) copied in exactly, frozen or not; the classifier replaced by a new softmax output layer with one
 * unit per user class. k = 0 is the from-scratch baseline with the same architecture.
 *
 * <p>The new classifier starts at zero (uniform predictions, loss ln(classes)). A foreign net's features can be large
 * and unnormalised (a Keras net's dense layer: up to about 12 here); a random classifier on them starts with a loss
 * near 5 and, with Adam at 1e-3 and the deeper layers frozen, took several epochs to recover (validation accuracy
 * 0.39 after 2 epochs, against 0.79 for the fine-tuned net, which could rescale its features). Zero is the usual
 * start of a linear probe and leaves the gradient non-zero, since the features are.
 *
 * <p>The configuration is rebuilt layer by layer rather than through DL4J's TransferLearning builder: that builder
 * keeps the layers above k as they were trained (no call re-initialises them), and shares one updater object across
 * layers, which breaks per-layer learning rates.
 */
public final class TransferNets {

    private TransferNets() {
    }

    public static TrainableNet build(PretrainedNet source, int k, int numClasses, boolean frozen, Recipe recipe,
                                     long seed) {
        Set<String> transferred = new HashSet<>(source.transferred(k));
        Set<String> frozenRegion = frozen ? new HashSet<>(source.frozenRegion(k)) : Set.of();
        if (source.multiLayer() != null) {
            MultiLayerNetwork net = multiLayer(source, transferred, numClasses, frozenRegion, recipe, seed);
            return TrainableNet.of(net, adapter(source));
        }
        ComputationGraph net = graph(source, transferred, numClasses, frozenRegion, recipe, seed);
        return TrainableNet.of(net, adapter(source));
    }

    private static MultiLayerNetwork multiLayer(PretrainedNet source, Set<String> transferred, int numClasses,
                                                Set<String> frozen, Recipe recipe, long seed) {
        MultiLayerNetwork src = source.multiLayer();
        MultiLayerConfiguration conf = src.getLayerWiseConfigurations();
        int classifier = source.classifier().order();
        NeuralNetConfiguration.ListBuilder list = base(seed).list();
        for (int i = 0; i < classifier; i++) {
            String name = source.nodes().get(i).name();
            list.layer(i, prepare(conf.getConf(i).getLayer(), transferred.contains(name), frozen.contains(name),
                    recipe));
        }
        list.layer(classifier, newClassifier(source, conf.getConf(classifier).getLayer(), numClasses, recipe));
        for (Map.Entry<Integer, InputPreProcessor> e : conf.getInputPreProcessors().entrySet()) {
            if (e.getKey() <= classifier) {
                list.inputPreProcessor(e.getKey(), ChannelsFirst.convert(e.getValue()));
            }
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        for (int i = 0; i < classifier; i++) {
            if (transferred.contains(source.nodes().get(i).name())) {
                copy(src.getLayer(i).paramTable(), net.getLayer(i).paramTable(), source.nodes().get(i).name(),
                        ChannelsFirst.channelsLastFlatten(conf.getInputPreProcess(i)));
            }
        }
        return net;
    }

    private static ComputationGraph graph(PretrainedNet source, Set<String> transferred, int numClasses,
                                          Set<String> frozen, Recipe recipe, long seed) {
        ComputationGraph src = source.graph();
        ComputationGraphConfiguration conf = src.getConfiguration();
        String classifier = source.classifier().name();
        Set<String> dropped = downstreamOf(conf, classifier);
        ComputationGraphConfiguration.GraphBuilder g = base(seed).graphBuilder();
        g.addInputs(conf.getNetworkInputs());
        for (PretrainedNet.Node node : source.nodes()) {
            String name = node.name();
            if (dropped.contains(name)) {
                continue;
            }
            GraphVertex v = conf.getVertices().get(name);
            String[] inputs = conf.getVertexInputs().get(name).toArray(String[]::new);
            if (v instanceof LayerVertex lv) {
                InputPreProcessor pre = ChannelsFirst.convert(lv.getPreProcessor());
                Layer layer = name.equals(classifier)
                        ? newClassifier(source, lv.getLayerConf().getLayer(), numClasses, recipe)
                        : prepare(lv.getLayerConf().getLayer(), transferred.contains(name), frozen.contains(name),
                                recipe);
                g.addLayer(name, layer, pre, inputs);
            } else {
                GraphVertex copy = v instanceof PreprocessorVertex pv
                        ? new PreprocessorVertex(ChannelsFirst.convert(pv.getPreProcessor())) : v.clone();
                // A vertex below frozen layers must be frozen too, or the graph back-props into them and fails.
                g.addVertex(name, frozen.contains(name) ? new FrozenVertex(copy) : copy, inputs);
            }
        }
        g.setOutputs(classifier);
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        for (String name : transferred) {
            copy(src.getLayer(name).paramTable(), net.getLayer(name).paramTable(), name, flattenFeeding(conf, name));
        }
        return net;
    }

    /** Built nets are always channels-first (see {@link ChannelsFirst}); only the value range is adapted. */
    static InputAdapter adapter(PretrainedNet source) {
        return new InputAdapter(source.input().normalisation(), false);
    }

    static NeuralNetConfiguration.Builder base(long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
    }

    /** A copy of a source layer, channels-first, with the recipe's optimiser; wrapped when in the frozen region. */
    private static Layer prepare(Layer original, boolean isTransferred, boolean frozen, Recipe recipe) {
        Layer layer = NetNodes.unwrap(original).clone();
        ChannelsFirst.convert(layer);
        if (layer instanceof BaseLayer b) {
            double scale = isTransferred ? recipe.transferLearningRateScale() : 1.0;
            // One Adam per layer: a shared updater object would tie the layers' learning rates together.
            b.setIUpdater(new Adam(recipe.learningRate() * scale));
            b.setBiasUpdater(null);
        }
        if (frozen) {
            FrozenLayer wrapped = new FrozenLayer(layer);
            wrapped.setLayerName(layer.getLayerName());
            return wrapped;
        }
        return layer;
    }

    private static Layer newClassifier(PretrainedNet source, Layer old, int numClasses, Recipe recipe) {
        Layer inner = NetNodes.unwrap(old);
        if (!(inner instanceof FeedForwardLayer f) || inner instanceof ConvolutionLayer) {
            throw new IllegalArgumentException(source.fileName() + ": its last weight layer "
                    + source.classifier().name()
                    + " is a " + inner.getClass().getSimpleName() + "; only a dense classifier can be replaced");
        }
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .name(source.classifier().name())
                .nIn(f.getNIn()).nOut(numClasses)
                .activation(Activation.SOFTMAX).weightInit(WeightInit.ZERO)
                .updater(new Adam(recipe.learningRate()))
                .build();
    }

    /** The classifier's successors (activation, loss layers): they go with the classifier. */
    private static Set<String> downstreamOf(ComputationGraphConfiguration conf, String classifier) {
        Set<String> out = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
                if (!out.contains(e.getKey())
                        && e.getValue().stream().anyMatch(i -> i.equals(classifier) || out.contains(i))) {
                    out.add(e.getKey());
                    grew = true;
                }
            }
        }
        return out;
    }

    /** The channels-last flatten in front of a graph layer: its own preprocessor or a preprocessor vertex. */
    private static CnnToFeedForwardPreProcessor flattenFeeding(
            ComputationGraphConfiguration conf, String name) {
        GraphVertex v = conf.getVertices().get(name);
        var own = v instanceof LayerVertex lv ? ChannelsFirst.channelsLastFlatten(lv.getPreProcessor()) : null;
        if (own != null) {
            return own;
        }
        List<String> inputs = conf.getVertexInputs().get(name);
        if (inputs != null && inputs.size() == 1
                && conf.getVertices().get(inputs.get(0)) instanceof PreprocessorVertex p) {
            return ChannelsFirst.channelsLastFlatten(p.getPreProcessor());
        }
        return null;
    }

    private static void copy(Map<String, INDArray> from, Map<String, INDArray> to, String layer,
                             CnnToFeedForwardPreProcessor channelsLastFlatten) {
        if (!from.keySet().equals(to.keySet())) {
            throw new IllegalStateException("layer " + layer + ": parameters " + from.keySet() + " vs " + to.keySet());
        }
        for (Map.Entry<String, INDArray> e : from.entrySet()) {
            INDArray d = to.get(e.getKey());
            if (!Arrays.equals(d.shape(), e.getValue().shape())) {
                throw new IllegalStateException("layer " + layer + " parameter " + e.getKey() + ": shape "
                        + Arrays.toString(e.getValue().shape()) + " vs " + Arrays.toString(d.shape()));
            }
            INDArray value = e.getValue();
            if (channelsLastFlatten != null && e.getKey().equals("W")) {
                value = ChannelsFirst.denseRowsToChannelsFirst(value, channelsLastFlatten);
            }
            // assign() writes into the target's flat parameter view; setParam would detach it.
            d.assign(value);
        }
    }
}
