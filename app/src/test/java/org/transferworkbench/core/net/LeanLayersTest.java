package org.transferworkbench.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.Arrays;
import java.util.Random;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.transferworkbench.core.data.InputShape;

class LeanLayersTest {

    /**
     * The same net with DL4J's own layers (same configuration, same starting weights), computed as DL4J computes it
     * in the app (oneDNN's convolutions). Not DL4J's reference code (helpers off): oneDNN's convolution gradients
     * differ from it by up to 0.5% for the 44x44 net below (conv3 on 8x8 inputs; measured), in both nets alike.
     */
    private static MultiLayerNetwork dl4jTwin(MultiLayerNetwork net) {
        MultiLayerNetwork twin = new MultiLayerNetwork(net.getLayerWiseConfigurations().clone());
        twin.init(net.params().dup(), true);
        return twin;
    }

    private static INDArray[] batch(int n, InputShape shape, int classes, long seed) {
        return batch(n, new long[] {shape.channels(), shape.height(), shape.width()}, classes, seed);
    }

    /** {@code n} examples of shape {@code example} (channels, height, width) with random values and classes. */
    private static INDArray[] batch(int n, long[] example, int classes, long seed) {
        Random r = new Random(seed);
        float[] x = new float[(int) (n * example[0] * example[1] * example[2])];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        float[] y = new float[n * classes];
        for (int i = 0; i < n; i++) {
            y[i * classes + r.nextInt(classes)] = 1;
        }
        return new INDArray[] {Nd4j.create(x, new long[] {n, example[0], example[1], example[2]}, 'c'),
                Nd4j.create(y, new long[] {n, classes}, 'c')};
    }

    private static INDArray gradient(MultiLayerNetwork net, INDArray[] b) {
        net.setInput(b[0]);
        net.setLabels(b[1]);
        net.computeGradientAndScore();
        return net.gradient().gradient().dup();
    }

    /** The largest difference between two arrays of one shape, relative to the largest magnitude in {@code b}. */
    private static double relativeDifference(INDArray a, INDArray b) {
        assertThat(a.shape()).isEqualTo(b.shape());
        double scale = Math.max(b.amaxNumber().doubleValue(), 1e-12);
        return a.sub(b).amaxNumber().doubleValue() / scale;
    }

    /** Outputs and gradients equal to rounding, and the weights after ten Adam steps. */
    private static void assertTrainsLikeDl4j(MultiLayerNetwork net, MultiLayerNetwork twin, InputShape shape,
            int classes) {
        INDArray[] b = batch(16, shape, classes, 1);
        // The products sum in another order than DL4J's: equal to rounding.
        assertThat(relativeDifference(net.output(b[0]), twin.output(b[0]))).isLessThan(1e-5);
        assertThat(relativeDifference(gradient(net, b), gradient(twin, b))).isLessThan(1e-5);
        // The lean backward pass ran (it computes no gradient for the input images; DL4J's does).
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        var first = net.getLayer(0);
        first.setInput(b[0], noWorkspaces);
        INDArray out = first.activate(true, noWorkspaces);
        assertThat(first.backpropGradient(Nd4j.onesLike(out), noWorkspaces).getSecond()).isNull();
        for (int step = 0; step < 10; step++) {
            INDArray[] s = batch(16, shape, classes, 100 + step);
            net.fit(s[0], s[1]);
            twin.fit(s[0], s[1]);
        }
        // Adam divides by the gradients' running magnitude, so rounding in a near-zero gradient grows a little.
        assertThat(relativeDifference(net.params(), twin.params())).isLessThan(1e-4);
        assertThat(net.score()).isCloseTo(twin.score(), offset(1e-5));
    }

    @Test
    void theSweepsCnnComputesWhatDl4jComputesAndTrainsTheSame() {
        for (InputShape shape : new InputShape[] {new InputShape(1, 28, 28), new InputShape(3, 27, 27),
                new InputShape(1, 44, 44)}) {
            // 27x27: the first pooling's input is 23x23, so its last row and column are dropped (truncate).
            // 44x44: conv1 with stride 2 (inputs above 40 pixels).
            Architecture arch = Architecture.transferCnn(shape, 5);
            MultiLayerNetwork net = NetFactory.full(arch, Recipe.DEFAULT, 7);
            MultiLayerNetwork twin = dl4jTwin(net);
            assertThat(net.getLayer(0)).isInstanceOf(FirstConvolution.class);
            assertThat(net.getLayer(1)).isInstanceOf(JavaMaxPooling.class);
            assertThat(net.getLayer(2)).isInstanceOf(ReluConvolution.class);
            // The swapped ReLU lives in the layer's own copy of its configuration: the net's, which it saves, and
            // what conf() returns keep DL4J's.
            assertThat(((ReluConvolution) net.getLayer(2)).layerConf().getActivationFn()).isInstanceOf(LeanRelu.class);
            assertThat(((ConvolutionLayer) net.getLayer(2).conf().getLayer()).getActivationFn().getClass())
                    .isEqualTo(ActivationReLU.class);
            assertThat(net.getLayerWiseConfigurations().toJson()).doesNotContain("LeanRelu");
            assertThat(net.getLayer(net.getnLayers() - 2)).isInstanceOf(LeanDense.class);
            assertThat(twin.getLayer(0)).isNotInstanceOf(FirstConvolution.class);
            // DL4J's forward cache, which only DL4J's own backward pass reads, stays off for the convolutions even
            // when the net sets a cache mode on all its layers: their backward passes read their outputs instead.
            net.setCacheMode(CacheMode.DEVICE);
            assertThat(((AbstractLayer<?>) net.getLayer(0)).getCacheMode()).isEqualTo(CacheMode.NONE);
            assertThat(((AbstractLayer<?>) net.getLayer(2)).getCacheMode()).isEqualTo(CacheMode.NONE);
            assertThat(((AbstractLayer<?>) net.getOutputLayer()).getCacheMode()).isEqualTo(CacheMode.DEVICE);
            assertThat(twin.getLayer(1)).isNotInstanceOf(JavaMaxPooling.class);
            assertChannelsLastOutputIsDl4js(net, twin, batch(16, shape, 5, 4)[0]);
            assertGradientGoesFromPoolingStraightToTheConvolution(net, twin, batch(16, shape, 5, 3)[0]);
            assertTrainsLikeDl4j(net, twin, shape, 5);
            assertPoolingAloneIsExact(dl4jTwin(twin), dl4jTwin(twin), shape);
        }
    }

    /**
     * The first convolution and the pooling above it, paired: after a training forward pass the pooling's backward
     * pass hands its gradient down and returns none, and the convolution's backward pass, given none, computes from
     * it the same gradients as DL4J's two layers (to rounding).
     */
    private static void assertGradientGoesFromPoolingStraightToTheConvolution(MultiLayerNetwork net,
            MultiLayerNetwork twin, INDArray images) {
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        net.initGradientsView();
        twin.initGradientsView();
        AbstractLayer<?>[][] pairs = {{(AbstractLayer<?>) net.getLayer(0), (AbstractLayer<?>) net.getLayer(1)},
            {(AbstractLayer<?>) twin.getLayer(0), (AbstractLayer<?>) twin.getLayer(1)}};
        INDArray[] gradients = new INDArray[2];
        INDArray incoming = null;
        for (int n = 0; n < 2; n++) {
            var conv = pairs[n][0];
            var pooling = pairs[n][1];
            conv.setInput(images, noWorkspaces);
            pooling.setInput(conv.activate(true, noWorkspaces), noWorkspaces);
            INDArray pooled = pooling.activate(true, noWorkspaces);
            incoming = incoming != null ? incoming : Nd4j.rand(DataType.FLOAT, pooled.shape()).subi(0.5);
            INDArray handed = pooling.backpropGradient(incoming, noWorkspaces).getSecond();
            assertThat(handed == null).isEqualTo(n == 0);
            var gradient = conv.backpropGradient(handed, noWorkspaces).getFirst();
            gradients[n] = Nd4j.concat(0, gradient.getGradientFor("W").reshape(-1),
                    gradient.getGradientFor("b").reshape(-1));
        }
        assertThat(relativeDifference(gradients[0], gradients[1])).isLessThan(1e-5);
        // Without the pooling's hand-over (no training forward pass before), the convolution refuses a null.
        var conv = net.getLayer(0);
        conv.setInput(images, noWorkspaces);
        conv.activate(false, noWorkspaces);
        assertThatThrownBy(() -> conv.backpropGradient(null, noWorkspaces))
                .isInstanceOf(IllegalStateException.class);
    }

    /**
     * The paired first convolution computes channels-last and hands on an NCHW view of it: the same values as DL4J's
     * layer, and the pooling above gives the same from that view whether its loop or DL4J's code reads it.
     */
    private static void assertChannelsLastOutputIsDl4js(MultiLayerNetwork net, MultiLayerNetwork twin,
            INDArray images) {
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        INDArray[] outputs = new INDArray[2];
        MultiLayerNetwork[] nets = {net, twin};
        for (int n = 0; n < 2; n++) {
            var conv = nets[n].getLayer(0);
            conv.setInput(images, noWorkspaces);
            outputs[n] = conv.activate(true, noWorkspaces);
        }
        assertThat(ChannelsLast.is(outputs[0])).isTrue();
        assertThat(ChannelsLast.is(outputs[1])).isFalse();
        assertThat(relativeDifference(outputs[0], outputs[1])).isLessThan(1e-6);
        if (images.size(1) > 1) {
            // Images that arrive channels-last themselves are used as they are: the same output.
            INDArray lastImages = images.permute(0, 2, 3, 1).dup('c').permute(0, 3, 1, 2);
            assertThat(ChannelsLast.is(lastImages)).isTrue();
            var conv = net.getLayer(0);
            conv.setInput(lastImages, noWorkspaces);
            assertThat(relativeDifference(conv.activate(false, noWorkspaces), outputs[1])).isLessThan(1e-6);
        }
        var dl4jPooling = (AbstractLayer<?>) twin.getLayer(1);
        AbstractLayer<?> loop = JavaMaxPooling.replacing(dl4jPooling, DataType.FLOAT).loopAlways();
        INDArray[] pooled = new INDArray[3];
        AbstractLayer<?>[] poolings = {loop, dl4jPooling, dl4jPooling};
        INDArray[] inputs = {outputs[0], outputs[0], outputs[1]};
        for (int n = 0; n < 3; n++) {
            poolings[n].setInput(inputs[n], noWorkspaces);
            pooled[n] = poolings[n].activate(false, noWorkspaces);
        }
        assertThat(pooled[0].equalsWithEps(pooled[2], 1e-6)).isTrue();
        assertThat(pooled[1].equalsWithEps(pooled[2], 1e-6)).isTrue();
    }

    /**
     * Max pooling is exact (comparisons, no rounding): with only the pooling swapped, the same outputs, gradients
     * and weights after ten steps as DL4J's.
     */
    private static void assertPoolingAloneIsExact(MultiLayerNetwork net, MultiLayerNetwork twin, InputShape shape) {
        var layers = net.getLayers().clone();
        for (int i = 0; i < layers.length; i++) {
            var pooling = JavaMaxPooling.replacing(layers[i], DataType.FLOAT);
            layers[i] = pooling != null ? pooling.loopAlways() : layers[i];
        }
        net.setLayers(layers);
        assertThat(net.getLayer(1)).isInstanceOf(JavaMaxPooling.class);
        INDArray[] b = batch(16, shape, 5, 1);
        assertThat(net.output(b[0]).equalsWithEps(twin.output(b[0]), 1e-6)).isTrue();
        assertThat(gradient(net, b).equalsWithEps(gradient(twin, b), 1e-6)).isTrue();
        for (int step = 0; step < 10; step++) {
            INDArray[] s = batch(16, shape, 5, 100 + step);
            net.fit(s[0], s[1]);
            twin.fit(s[0], s[1]);
        }
        assertThat(net.params().equalsWithEps(twin.params(), 1e-6)).isTrue();
    }

    @Test
    void aFirstConvolutionWithPaddingAndNoActivationTrainsLikeDl4j() {
        for (Activation activation : new Activation[] {Activation.IDENTITY, Activation.RELU}) {
            for (boolean pooled : new boolean[] {false, true}) {
                assertFirstConvolutionTrainsLikeDl4j(new ConvolutionLayer.Builder(3, 3).nOut(4)
                        .convolutionMode(ConvolutionMode.Same).activation(activation).build(), new InputShape(3, 9, 9),
                        pooled);
            }
        }
    }

    @Test
    void aStridedFirstConvolutionWithExplicitPaddingTrainsLikeDl4j() {
        // Windows that start in the padding on both sides and skip input columns: every branch of the windows matrix
        // and, pooled (output 5x3: the last row and column are not pooled), of the pooled planes' sampling.
        for (boolean pooled : new boolean[] {false, true}) {
            assertFirstConvolutionTrainsLikeDl4j(new ConvolutionLayer.Builder(3, 4).stride(2, 3).padding(1, 2).nOut(3)
                            .convolutionMode(ConvolutionMode.Truncate).activation(Activation.RELU).build(),
                    new InputShape(3, 9, 8), pooled);
        }
    }

    /**
     * {@code conv} (and a 2x2 max pooling above it if {@code pooled}) under a 3-way output layer, with the lean layers
     * installed, trains as DL4J's own net does.
     */
    private static void assertFirstConvolutionTrainsLikeDl4j(ConvolutionLayer conv, InputShape shape,
            boolean pooled) {
        var layers = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).updater(new Adam(1e-3))
                .list().layer(conv.clone());
        if (pooled) {
            layers.layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build());
        }
        MultiLayerNetwork net = new MultiLayerNetwork(layers.layer(new OutputLayer.Builder(
                LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(shape.height(), shape.width(), shape.channels())).build());
        net.init();
        MultiLayerNetwork twin = dl4jTwin(net);
        LeanLayers.install(net);
        assertThat(net.getLayer(0)).isInstanceOf(FirstConvolution.class);
        if (pooled) {
            assertThat(net.getLayer(1)).isInstanceOf(JavaMaxPooling.class);
            assertGradientGoesFromPoolingStraightToTheConvolution(net, twin, batch(4, shape, 3, 9)[0]);
        }
        assertTrainsLikeDl4j(net, twin, shape, 3);
    }

    @Test
    void leanReluBackpropIsDl4jsForNegativesZerosTheSmallestPositivesAndStridedGradients() {
        float[] values = {-3f, -Float.MIN_VALUE, -0f, 0f, Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, 0.5f, 7f};
        Random r = new Random(13);
        float[] z = new float[2 * 3 * 4 * 5];
        for (int i = 0; i < z.length; i++) {
            z[i] = values[r.nextInt(values.length)];
        }
        INDArray in = Nd4j.create(z, new long[] {2, 3, 4, 5}, 'c');
        // The gradient arriving from oneDNN's convolution above may be a strided view.
        INDArray epsilon = Nd4j.rand(DataType.FLOAT, 2, 3, 5, 4).subi(0.5).permute(0, 1, 3, 2);
        INDArray lean = new LeanRelu().backprop(in.dup(), epsilon.dup()).getFirst();
        INDArray dl4j = new ActivationReLU().backprop(in.dup(), epsilon.dup()).getFirst();
        assertThat(lean.equalsWithEps(dl4j, 0)).isTrue();
        assertThat(lean.neq(0).castTo(DataType.FLOAT).sumNumber().intValue())
                .isEqualTo(in.gt(0).castTo(DataType.FLOAT).sumNumber().intValue());
    }

    @Test
    void reluDerivativePassesTheGradientWhereTheOutputIsPositiveEvenTheSmallest() {
        float[] out = {0f, -0f, Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, 1f, Float.MAX_VALUE, 0f};
        float[] eps = {2f, 3f, 4f, 5f, -6f, 7f, 8f, -9f};
        FirstConvolution.reluDerivative(out, eps, out.length);
        assertThat(eps).containsExactly(0f, -0f, 4f, 5f, -6f, 7f, 8f, -0f);
    }

    /** A two-layer net on 9x9 gray images, initialised, with the lean layers installed where they cover it. */
    private static MultiLayerNetwork installed(Layer first, Layer second) {
        return installed(first, second, InputType.convolutional(9, 9, 1));
    }

    private static MultiLayerNetwork installed(Layer first, Layer second, InputType input) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(first).layer(second).setInputType(input).build());
        net.init();
        return LeanLayers.install(net);
    }

    private static OutputLayer output(double dropOut) {
        OutputLayer.Builder out = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                .activation(Activation.SOFTMAX);
        return (dropOut > 0 ? out.dropOut(dropOut) : out).build();
    }

    @Test
    void convolutionsItDoesNotCoverAreLeftToDl4j() {
        var dilated = new ConvolutionLayer.Builder(3, 3).nOut(2).dilation(2, 2).activation(Activation.RELU).build();
        var tanh = new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.TANH).build();
        var strided = new ConvolutionLayer.Builder(3, 3).nOut(2).stride(2, 2).convolutionMode(ConvolutionMode.Same)
                .activation(Activation.RELU).build();
        for (var first : new ConvolutionLayer[] {dilated, tanh, strided}) {
            assertThat(installed(first, output(0)).getLayer(0)).isNotInstanceOf(FirstConvolution.class);
        }
        // Dropout in the next layer may overwrite the first layer's output, which its backward pass reads.
        var relu = new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.RELU).build();
        assertThat(installed(relu, output(0.5)).getLayer(0)).isNotInstanceOf(FirstConvolution.class);
        var sigmoid = new ActivationLayer.Builder().activation(Activation.SIGMOID).build();
        assertThat(installed(relu.clone(), sigmoid).getLayer(0)).isNotInstanceOf(FirstConvolution.class);
        assertThat(installed(relu.clone(), output(0)).getLayer(0)).isInstanceOf(FirstConvolution.class);
        // A frozen run's head starts on activations, not images: oneDNN's backward pass is faster there.
        assertThat(installed(relu.clone(), output(0), InputType.convolutional(9, 9, 3)).getLayer(0))
                .isInstanceOf(FirstConvolution.class);
        assertThat(installed(relu.clone(), output(0), InputType.convolutional(9, 9, 4)).getLayer(0))
                .isNotInstanceOf(FirstConvolution.class).isInstanceOf(ReluConvolution.class);
        // Other convolutions keep DL4J's code but for ReLU's derivative, so only the activation decides.
        assertThat(installed(tanh.clone(), output(0), InputType.convolutional(9, 9, 4)).getLayer(0))
                .isNotInstanceOf(ReluConvolution.class);
        // Its backward pass reads its output too.
        assertThat(installed(relu.clone(), output(0.5), InputType.convolutional(9, 9, 4)).getLayer(0))
                .isNotInstanceOf(ReluConvolution.class);
    }

    /** The sweep's frozen head at k=4 (fc5, fc6 on cached conv4 activations) and a stack of dense layers. */
    @Test
    void denseLayersComputeExactlyWhatDl4jComputes() {
        Architecture arch = Architecture.transferCnn(new InputShape(1, 28, 28), 5);
        MultiLayerNetwork head = NetFactory.head(arch, arch.lastTransferredLayerIndex(4) + 1, new int[] {64, 4, 4},
                Recipe.DEFAULT, 7);
        MultiLayerNetwork stack = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.FLOAT).updater(new Adam(1e-2)).list()
                .layer(new DenseLayer.Builder().nOut(12).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.IDENTITY).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(4, 4, 2)).build());
        stack.init();
        for (MultiLayerNetwork net : new MultiLayerNetwork[] {head, stack}) {
            MultiLayerNetwork twin = dl4jTwin(net);
            LeanLayers.install(net);
            assertThat(net.getLayer(0)).isInstanceOf(LeanDense.class);
            assertThat(twin.getLayer(0)).isNotInstanceOf(LeanDense.class);
            long[] shape = {net == head ? 64 : 2, 4, 4};
            int classes = (int) net.getLayer(net.getnLayers() - 1).getParam("b").length();
            INDArray[] b = batch(16, shape, classes, 1);
            // Arithmetic in the same order on the same values: equal to the last digit.
            assertThat(net.output(b[0]).equalsWithEps(twin.output(b[0]), 0)).isTrue();
            assertThat(gradient(net, b).equalsWithEps(gradient(twin, b), 0)).isTrue();
            for (int step = 0; step < 10; step++) {
                INDArray[] s = batch(16, shape, classes, 100 + step);
                net.fit(s[0], s[1]);
                twin.fit(s[0], s[1]);
            }
            assertThat(net.params().equalsWithEps(twin.params(), 0)).isTrue();
            assertThat(net.getOutputLayer()).isInstanceOf(LeanOutput.class);
            // The score is the same sum in double rather than libnd4j's float reduction (LeanOutput).
            assertThat(net.score()).isCloseTo(twin.score(), offset(1e-6 * twin.score()));
        }
    }

    @Test
    void aDenseLayersBackwardPassStartsFromItsForwardPassInsteadOfComputingItAgain() {
        MultiLayerNetwork net = installed(new DenseLayer.Builder().nOut(5).activation(Activation.RELU).build(),
                output(0), InputType.feedForward(4));
        LeanDense dense = (LeanDense) net.getLayer(0);
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        dense.setInput(Nd4j.rand(DataType.FLOAT, 3, 4), noWorkspaces);
        INDArray out = dense.activate(true, noWorkspaces).dup();
        // Weights changed after the forward pass: a recomputation would see them; the lean path does not.
        dense.getParam("W").addi(1);
        assertThat(dense.preOutputWithPreNorm(true, true, noWorkspaces).getFirst()).isEqualTo(out);
        // Used once: a second backward pass (or one after an inference pass) computes it again, as DL4J does.
        assertThat(dense.preOutputWithPreNorm(true, true, noWorkspaces).getFirst()).isNotEqualTo(out);
        dense.activate(false, noWorkspaces);
        assertThat(dense.preOutputWithPreNorm(true, true, noWorkspaces).getFirst()).isNotEqualTo(out);
    }

    @Test
    void denseLayersItDoesNotCoverAreLeftToDl4j() {
        InputType input = InputType.feedForward(4);
        var tanh = new DenseLayer.Builder().nOut(3).activation(Activation.TANH).build();
        var dropout = new DenseLayer.Builder().nOut(3).activation(Activation.RELU).dropOut(0.5).build();
        var relu = new DenseLayer.Builder().nOut(3).activation(Activation.RELU).build();
        assertThat(installed(tanh, output(0), input).getLayer(0)).isNotInstanceOf(LeanDense.class);
        assertThat(installed(dropout, output(0), input).getLayer(0)).isNotInstanceOf(LeanDense.class);
        // Dropout in the next layer may overwrite this layer's output, which its backward pass reads.
        assertThat(installed(relu, output(0.5), input).getLayer(0)).isNotInstanceOf(LeanDense.class);
        // So may an activation layer (a sigmoid of the output would lose the signs ReLU's derivative reads).
        var sigmoid = new ActivationLayer.Builder().activation(Activation.SIGMOID).build();
        assertThat(installed(relu.clone(), sigmoid, input).getLayer(0)).isNotInstanceOf(LeanDense.class);
        // Also when that layer is wrapped (frozen): the wrapper passes its input on to the layer inside.
        var frozenSigmoid = new FrozenLayer(new ActivationLayer.Builder().activation(Activation.SIGMOID).build());
        assertThat(installed(relu.clone(), frozenSigmoid, input).getLayer(0)).isNotInstanceOf(LeanDense.class);
        assertThat(installed(relu.clone(), output(0), input).getLayer(0)).isInstanceOf(LeanDense.class);
    }

    @Test
    void planesAreReadFromDenseArraysStridedViewsViewsWithAnOffsetAndChannelsLastViews() {
        INDArray whole = Nd4j.rand(DataType.FLOAT, 3, 4, 5, 6);
        INDArray channelsLast = Nd4j.rand(DataType.FLOAT, 3, 5, 6, 4).permute(0, 3, 1, 2);
        assertThat(ChannelsLast.is(channelsLast)).isTrue();
        INDArray[] arrays = {whole, whole.permute(0, 1, 3, 2), whole.get(NDArrayIndex.interval(1, 3),
                NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()), whole.permute(1, 0, 2, 3), channelsLast};
        for (INDArray a : arrays) {
            int planes = (int) (a.size(0) * a.size(1));
            int per = (int) (a.size(2) * a.size(3));
            float[] read = new float[planes * per];
            LeanLayers.readPlanes(a, 0, planes, read);
            assertThat(read).containsExactly(a.dup('c').data().asFloat());
            float[] tail = new float[per * 2];
            LeanLayers.readPlanes(a, planes - 2, 2, tail);
            assertThat(tail).containsExactly(Arrays.copyOfRange(read, (planes - 2) * per, planes * per));
        }
    }

    @Test
    void poolingRoutesTheGradientAsDl4jDoesForNegativeValuesSignedZerosAndTies() {
        // Values a ReLU never gives (the pooling compares them as integer keys): negatives, -0 beside +0, equal pairs.
        float[] values = {-3f, -1f, -0f, 0f, 0f, -0f, 2f, 2f, -5f, -5f, 1.5f, -2.5f, 7f, 7f, -1f, 0.25f};
        Random r = new Random(5);
        float[] x = new float[2 * 2 * 8 * 8];
        for (int i = 0; i < x.length; i++) {
            x[i] = values[r.nextInt(values.length)];
        }
        INDArray features = Nd4j.create(x, new long[] {2, 2, 8, 8}, 'c');
        INDArray labels = Nd4j.create(new float[] {1, 0, 0, 1}, new long[] {2, 2}, 'c');
        MultiLayerNetwork net = installed(
                new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), output(0),
                InputType.convolutional(8, 8, 2));
        MultiLayerNetwork twin = dl4jTwin(net);
        assertThat(net.getLayer(0)).isInstanceOf(JavaMaxPooling.class);
        assertThat(twin.getLayer(0)).isNotInstanceOf(JavaMaxPooling.class);
        ((JavaMaxPooling) net.getLayer(0)).loopAlways();
        INDArray lean = net.calculateGradients(features, labels, null, null).getSecond();
        INDArray dl4j = twin.calculateGradients(features, labels, null, null).getSecond();
        assertThat(lean.equalsWithEps(dl4j, 0)).isTrue();
        assertThat(lean.neq(0).castTo(DataType.FLOAT).sumNumber().intValue()).isEqualTo(2 * 2 * 4 * 4);
    }

    @Test
    void theForwardPassRecordsEachWindowsFirstLargestValueAndWhetherItIsPositive() {
        float[] values = {-3f, -1f, -0f, 0f, 0f, -0f, 2f, 2f, -5f, 1.5f, 7f, 7f, 0.25f, Float.MIN_VALUE};
        Random r = new Random(11);
        var planes = new JavaMaxPooling.Planes(3, 6, 7);
        float[] x = new float[3 * 6 * 7];
        for (int i = 0; i < x.length; i++) {
            x[i] = values[r.nextInt(values.length)];
        }
        float[] pooled = new float[3 * 3 * 3];
        float[] plain = new float[pooled.length];
        byte[] largest = new byte[pooled.length + 2];
        planes.poolRecording(x, pooled, largest, 2, 3);
        planes.pool(x, plain, 3);
        assertThat(pooled).containsExactly(plain);
        // The same three planes as one image's channels stored channels-last: the same values and records.
        float[] last = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            last[(i % 42) * 3 + i / 42] = x[i];
        }
        float[] pooledLast = new float[pooled.length];
        byte[] largestLast = new byte[largest.length];
        planes.poolChannelsLast(last, pooledLast, largestLast, 2, 1, 3);
        assertThat(pooledLast).containsExactly(pooled);
        assertThat(largestLast).containsExactly(largest);
        planes.poolChannelsLast(last, pooledLast, null, 0, 1, 3);
        assertThat(pooledLast).containsExactly(pooled);
        int k = 0;
        for (int p = 0; p < 3; p++) {
            for (int row = 0; row < 3; row++) {
                for (int col = 0; col < 3; col++, k++) {
                    int at = p * 42 + 2 * row * 7 + 2 * col;
                    float[] window = {x[at], x[at + 1], x[at + 7], x[at + 8]};
                    int code = largest[2 + k];
                    int first = 0;
                    while (!(window[first] >= pooled[k])) {
                        first++;
                    }
                    assertThat(code & 3).as("window %d", k).isEqualTo(first);
                    assertThat((code & FirstConvolution.POSITIVE) != 0).isEqualTo(pooled[k] > 0);
                }
            }
        }
    }

    @Test
    void otherPoolingIsLeftToDl4j() {
        MultiLayerNetwork net = installed(
                new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(2, 2).build(),
                new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2).build());
        assertThat(net.getLayer(0)).isNotInstanceOf(JavaMaxPooling.class);
        assertThat(net.getLayer(1)).isNotInstanceOf(JavaMaxPooling.class);
    }
}
