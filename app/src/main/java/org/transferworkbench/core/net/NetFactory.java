package org.transferworkbench.core.net;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.transferworkbench.core.backend.Backend;

/**
 * Builds DL4J networks from an {@link Architecture}: the whole net, or only the layers above a cut point (the "head"
 * that frozen conditions train on cached activations). Every net is freshly initialised from its seed: nothing is
 * ever re-used by accident, and transferred weights are copied in explicitly by {@link WeightTransfer}.
 */
public final class NetFactory {

    private NetFactory() {
    }

    /** The whole net, all layers at the recipe's learning rate. */
    public static MultiLayerNetwork full(Architecture arch, Recipe recipe, long seed) {
        return build(arch, 0, InputType.convolutional(arch.input().height(), arch.input().width(),
                arch.input().channels()), recipe, seed, -1);
    }

    /**
     * The whole net, for fine-tuning after a transfer: layers up to {@code lastTransferredIndex} learn at the recipe's
     * rate times its transfer scale, the rest at the recipe's rate.
     */
    public static MultiLayerNetwork fineTunable(Architecture arch, Recipe recipe, long seed, int lastTransferredIndex) {
        return build(arch, 0, InputType.convolutional(arch.input().height(), arch.input().width(),
                arch.input().channels()), recipe, seed, lastTransferredIndex);
    }

    /** Layers {@code fromIndex..end} alone, taking activations of shape {@code featureShape} (CHW or flat) as input. */
    public static MultiLayerNetwork head(Architecture arch, int fromIndex, int[] featureShape, Recipe recipe,
            long seed) {
        InputType input = featureShape.length == 3
                ? InputType.convolutional(featureShape[1], featureShape[2], featureShape[0])
                : InputType.feedForward(featureShape[0]);
        return build(arch, fromIndex, input, recipe, seed, -1);
    }

    private static MultiLayerNetwork build(Architecture arch, int fromIndex, InputType input, Recipe recipe, long seed,
                                           int lastScaledIndex) {
        Backend.ensureInitialised();
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                // Keeps the convolutions' intermediate arrays from the forward pass for the backward pass instead of
                // computing them again: 12% faster training steps, the same results (README: Speed).
                .cacheMode(CacheMode.DEVICE)
                .list();
        int out = 0;
        for (int i = fromIndex; i < arch.layers().size(); i++) {
            double lr = recipe.learningRate() * (i <= lastScaledIndex ? recipe.transferLearningRateScale() : 1.0);
            Layer layer = toDl4j(arch.layers().get(i), arch.numClasses(), lr);
            list.layer(out++, layer);
        }
        list.setInputType(input);
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return LeanLayers.install(net);
    }

    private static Layer toDl4j(LayerSpec spec, int numClasses, double learningRate) {
        // A fresh Adam per layer: DL4J would otherwise share one updater config object across layers.
        Adam adam = new Adam(learningRate);
        if (spec instanceof LayerSpec.Conv c) {
            return new ConvolutionLayer.Builder(c.kernel(), c.kernel())
                    .name(c.name()).nOut(c.filters()).stride(c.stride(), c.stride())
                    .convolutionMode(c.same() ? ConvolutionMode.Same : ConvolutionMode.Truncate)
                    .activation(Activation.RELU).updater(adam).build();
        }
        if (spec instanceof LayerSpec.Pool p) {
            return new SubsamplingLayer.Builder(PoolingType.MAX).name(p.name()).kernelSize(2, 2).stride(2, 2).build();
        }
        if (spec instanceof LayerSpec.Dense d) {
            return new DenseLayer.Builder().name(d.name()).nOut(d.units()).activation(Activation.RELU)
                    .updater(adam).build();
        }
        LayerSpec.Output o = (LayerSpec.Output) spec;
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name(o.name()).nOut(numClasses)
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).updater(adam).build();
    }
}
