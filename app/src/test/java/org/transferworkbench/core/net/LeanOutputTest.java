package org.transferworkbench.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

class LeanOutputTest {

    private static MultiLayerNetwork net(OutputLayer output, boolean install) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5)
                .dataType(DataType.FLOAT).updater(new Adam(1e-2)).l2(1e-3).list()
                .layer(new DenseLayer.Builder().nOut(7).activation(Activation.TANH).build())
                .layer(output)
                .setInputType(InputType.feedForward(6)).build());
        net.init();
        return install ? LeanLayers.install(net) : net;
    }

    private static OutputLayer softmax(LossFunction loss) {
        return new OutputLayer.Builder(loss).nOut(4).activation(Activation.SOFTMAX).build();
    }

    /** Rows of random features; labels one-hot, or (soft) a distribution over the classes. */
    private static INDArray[] batch(int n, long seed, boolean soft) {
        Random r = new Random(seed);
        float[] x = new float[n * 6];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian() * 3;
        }
        float[] y = new float[n * 4];
        for (int i = 0; i < n; i++) {
            if (soft) {
                y[i * 4] = 0.25f;
                y[i * 4 + 1] = 0.75f;
            } else {
                y[i * 4 + r.nextInt(4)] = 1;
            }
        }
        return new INDArray[] {Nd4j.create(x, new long[] {n, 6}, 'c'), Nd4j.create(y, new long[] {n, 4}, 'c')};
    }

    @Test
    void gradientsAndTrainingAreDl4jsToTheLastDigitAndTheScoreToRounding() {
        for (LossFunction loss : new LossFunction[] {LossFunction.MCXENT, LossFunction.NEGATIVELOGLIKELIHOOD}) {
            for (boolean soft : new boolean[] {false, true}) {
                MultiLayerNetwork net = net(softmax(loss), true);
                MultiLayerNetwork twin = new MultiLayerNetwork(net.getLayerWiseConfigurations().clone());
                twin.init(net.params().dup(), true);
                assertThat(net.getOutputLayer()).isInstanceOf(LeanOutput.class);
                assertThat(twin.getOutputLayer()).isNotInstanceOf(LeanOutput.class);
                for (int step = 0; step < 10; step++) {
                    INDArray[] b = batch(9, 20 + step, soft);
                    for (MultiLayerNetwork m : new MultiLayerNetwork[] {net, twin}) {
                        m.setInput(b[0]);
                        m.setLabels(b[1]);
                        m.computeGradientAndScore();
                    }
                    assertThat(net.gradient().gradient().equalsWithEps(twin.gradient().gradient(), 0)).isTrue();
                    // With l2 in the score: the regularization term is added as DL4J adds it.
                    assertThat(net.score()).isCloseTo(twin.score(), offset(1e-6 * twin.score()));
                    net.fit(b[0], b[1]);
                    twin.fit(b[0], b[1]);
                    assertThat(net.params().equalsWithEps(twin.params(), 0)).isTrue();
                    assertThat(net.score()).isCloseTo(twin.score(), offset(1e-6 * twin.score()));
                }
                assertThat(net.output(batch(3, 1, soft)[0])).isEqualTo(twin.output(batch(3, 1, soft)[0]));
            }
        }
    }

    @Test
    void theScoreComesFromTheBackwardPassOnceAndOtherwiseFromDl4j() {
        MultiLayerNetwork net = net(softmax(LossFunction.MCXENT), true);
        net.initGradientsView();
        LeanOutput out = (LeanOutput) net.getOutputLayer();
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        INDArray[] b = batch(5, 3, false);
        // The output layer's own input: the dense layer's 7 outputs.
        out.setInput(Nd4j.create(new float[][] {{1, -2, 0, 3, 1, 0.5f, -1}, {0, 1, 2, -1, 1, 1, 0},
            {2, 2, -2, 0, 0, 1, 1}, {-1, 0, 0, 1, 3, -2, 1}, {0.5f, 0.5f, 1, 1, -1, 0, 2}}), noWorkspaces);
        out.setLabels(b[1]);
        out.backpropGradient(null, noWorkspaces);
        double fromBackward = out.computeScore(0, true, noWorkspaces);
        // No backward pass since: DL4J's own score, the same to rounding (which path ran shows below).
        double dl4j = out.computeScore(0, true, noWorkspaces);
        assertThat(fromBackward).isCloseTo(dl4j, offset(1e-6 * dl4j));

        // Weights changed after the backward pass: its probabilities count, once; then DL4J's recomputes.
        out.backpropGradient(null, noWorkspaces);
        out.getParam("W").muli(2);
        assertThat(out.computeScore(0, true, noWorkspaces)).isEqualTo(fromBackward);
        assertThat(out.computeScore(0, true, noWorkspaces)).isNotCloseTo(dl4j, offset(1e-3));
        out.getParam("W").divi(2);

        // New labels since the backward pass, or a score for inference: DL4J's.
        out.backpropGradient(null, noWorkspaces);
        INDArray other = batch(5, 4, false)[1];
        out.setLabels(other);
        double newLabels = out.computeScore(0, true, noWorkspaces);
        assertThat(newLabels).isEqualTo(out.computeScore(0, true, noWorkspaces)).isNotCloseTo(dl4j, offset(1e-3));
        out.setLabels(b[1]);
        out.backpropGradient(null, noWorkspaces);
        assertThat(out.computeScore(0, false, noWorkspaces)).isEqualTo(dl4j);
    }

    @Test
    void otherOutputLayersAreLeftToDl4j() {
        var sigmoid = new OutputLayer.Builder(LossFunction.XENT).nOut(4).activation(Activation.SIGMOID).build();
        var squared = new OutputLayer.Builder(LossFunction.MSE).nOut(4).activation(Activation.IDENTITY).build();
        var dropout = new OutputLayer.Builder(LossFunction.MCXENT).nOut(4).activation(Activation.SOFTMAX)
                .dropOut(0.5).build();
        var noBias = new OutputLayer.Builder(LossFunction.MCXENT).nOut(4).activation(Activation.SOFTMAX)
                .hasBias(false).build();
        var weighted = new OutputLayer.Builder(new LossMCXENT(Nd4j.create(new float[] {1, 2, 1, 1})))
                .nOut(4).activation(Activation.SOFTMAX).build();
        for (OutputLayer layer : new OutputLayer[] {sigmoid, squared, dropout, noBias, weighted}) {
            assertThat(net(layer, true).getOutputLayer()).isNotInstanceOf(LeanOutput.class);
        }
        assertThat(net(softmax(LossFunction.MCXENT), true).getOutputLayer()).isInstanceOf(LeanOutput.class);
    }
}
