package org.transferworkbench.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class LeanAdamTest {

    /** The largest difference between two arrays, relative to the largest magnitude in {@code b}. */
    private static double relativeDifference(INDArray a, INDArray b) {
        double scale = Math.max(b.amaxNumber().doubleValue(), 1e-30);
        return a.sub(b).amaxNumber().doubleValue() / scale;
    }

    @Test
    void aStepIsLibnd4jsAdamToRoundingFromTheFirstIterationOn() {
        int n = 1001;
        Adam config = new Adam(1e-3);
        INDArray dl4jState = Nd4j.zeros(DataType.FLOAT, 1, 2 * n);
        INDArray leanState = Nd4j.zeros(DataType.FLOAT, 1, 2 * n);
        GradientUpdater<?> dl4j = config.instantiate(dl4jState, true);
        LeanAdam lean = new LeanAdam((AdamUpdater) config.instantiate(leanState, true));
        Random r = new Random(3);
        int[] iterations = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50, 500, 5000, 50_000};
        for (int iteration : iterations) {
            float[] g = new float[n];
            for (int i = 0; i < n; i++) {
                // Gradients over many magnitudes, and some exact zeros (a ReLU that was off for the whole batch).
                g[i] = i % 17 == 0 ? 0f : (float) (r.nextGaussian() * Math.pow(10, -r.nextInt(8)));
            }
            INDArray viaDl4j = Nd4j.create(g, new long[] {1, n}, 'c');
            INDArray viaLean = viaDl4j.dup();
            dl4j.applyUpdater(viaDl4j, iteration, 0);
            lean.applyUpdater(viaLean, iteration, 0);
            assertThat(relativeDifference(viaLean, viaDl4j)).as("step at iteration %d", iteration).isLessThan(1e-6);
        }
        assertThat(relativeDifference(leanState, dl4jState)).isLessThan(1e-6);
        assertThat(leanState.sumNumber().doubleValue()).isPositive(); // the moments were written back
    }

    @Test
    void everyAdamBlockOfANetIsSwappedOthersAreLeftAndTheNetTrainsAsWithDl4jsAdam() {
        // Two Adam blocks (two learning rates) and an SGD one with L2: three updater blocks.
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(4)
                .dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(8).activation(Activation.RELU).updater(new Adam(1e-2))
                        .build())
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.TANH).updater(new Sgd(0.1)).l2(0.01)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).updater(new Adam(1e-3)).build())
                .setInputType(InputType.feedForward(6)).build());
        net.init();
        MultiLayerNetwork twin = new MultiLayerNetwork(net.getLayerWiseConfigurations().clone());
        twin.init(net.params().dup(), true);

        LeanLayers.installUpdater(net);
        LeanLayers.installUpdater(net); // idempotent
        var blocks = ((BaseMultiLayerUpdater<?>) net.getUpdater()).getUpdaterBlocks();
        assertThat(blocks).extracting(UpdaterBlock::getGradientUpdater)
                .extracting(u -> u.getClass().getSimpleName())
                .containsExactly("LeanAdam", "SgdUpdater", "LeanAdam");
        // The regularized block keeps DL4J's regularization pass; the others skip it.
        assertThat(blocks).extracting(b -> b.getClass().getSimpleName())
                .containsExactly("UnregularizedBlock", "UpdaterBlock", "UnregularizedBlock");

        Random r = new Random(9);
        for (int step = 0; step < 20; step++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 16, 6).subi(0.5);
            INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 3);
            for (int i = 0; i < 16; i++) {
                y.putScalar(i, r.nextInt(3), 1f);
            }
            net.fit(x, y);
            twin.fit(x, y);
        }
        assertThat(relativeDifference(net.params(), twin.params())).isLessThan(1e-5);
        assertThat(relativeDifference(net.getUpdater().getStateViewArray(), twin.getUpdater().getStateViewArray()))
                .isLessThan(1e-5);
    }
}
