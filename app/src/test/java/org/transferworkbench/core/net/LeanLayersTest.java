package org.transferworkbench.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Arrays;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.transferworkbench.core.data.InputShape;

class LeanLayersTest {

    /** The same net with DL4J's own pooling layers: same configuration, same starting weights. */
    private static MultiLayerNetwork dl4jTwin(MultiLayerNetwork net) {
        MultiLayerNetwork twin = new MultiLayerNetwork(net.getLayerWiseConfigurations().clone());
        twin.init(net.params().dup(), true);
        return twin;
    }

    private static INDArray[] batch(int n, InputShape shape, int classes, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * shape.channels() * shape.height() * shape.width()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        float[] y = new float[n * classes];
        for (int i = 0; i < n; i++) {
            y[i * classes + r.nextInt(classes)] = 1;
        }
        return new INDArray[] {Nd4j.create(x, new long[] {n, shape.channels(), shape.height(), shape.width()}, 'c'),
                Nd4j.create(y, new long[] {n, classes}, 'c')};
    }

    private static INDArray gradient(MultiLayerNetwork net, INDArray[] b) {
        net.setInput(b[0]);
        net.setLabels(b[1]);
        net.computeGradientAndScore();
        return net.gradient().gradient().dup();
    }

    @Test
    void theSweepsCnnComputesWhatDl4jComputesAndTrainsTheSame() {
        for (InputShape shape : new InputShape[] {new InputShape(1, 28, 28), new InputShape(3, 27, 27)}) {
            // 27x27: the first pooling's input is 23x23, so its last row and column are dropped (truncate).
            Architecture arch = Architecture.transferCnn(shape, 5);
            MultiLayerNetwork net = NetFactory.full(arch, Recipe.DEFAULT, 7);
            MultiLayerNetwork twin = dl4jTwin(net);
            assertThat(net.getLayer(1)).isInstanceOf(JavaMaxPooling.class);
            assertThat(net.getLayer(4)).isInstanceOf(JavaMaxPooling.class);
            assertThat(twin.getLayer(1)).isNotInstanceOf(JavaMaxPooling.class);
            INDArray[] b = batch(16, shape, 5, 1);
            assertThat(net.output(b[0]).equalsWithEps(twin.output(b[0]), 1e-6)).isTrue();
            // Max pooling is exact (comparisons, no rounding): the same gradients and weights as DL4J (the default
            // sweep gave the same 22 accuracies to the last digit).
            assertThat(gradient(net, b).equalsWithEps(gradient(twin, b), 1e-6)).isTrue();
            for (int step = 0; step < 10; step++) {
                INDArray[] s = batch(16, shape, 5, 100 + step);
                net.fit(s[0], s[1]);
                twin.fit(s[0], s[1]);
            }
            assertThat(net.params().equalsWithEps(twin.params(), 1e-6)).isTrue();
            assertThat(net.score()).isCloseTo(twin.score(), offset(1e-5));
        }
    }

    @Test
    void planesAreReadFromDenseArraysStridedViewsAndViewsWithAnOffset() {
        INDArray whole = Nd4j.rand(DataType.FLOAT, 3, 4, 5, 6);
        INDArray[] arrays = {whole, whole.permute(0, 1, 3, 2), whole.get(NDArrayIndex.interval(1, 3),
                NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()), whole.permute(1, 0, 2, 3)};
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
    void otherPoolingIsLeftToDl4j() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(2, 2).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(9, 9, 1)).build());
        net.init();
        LeanLayers.install(net);
        assertThat(net.getLayer(0)).isNotInstanceOf(JavaMaxPooling.class);
        assertThat(net.getLayer(1)).isNotInstanceOf(JavaMaxPooling.class);
    }
}
