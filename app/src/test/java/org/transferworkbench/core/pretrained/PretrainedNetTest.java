package org.transferworkbench.core.pretrained;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferworkbench.Synthetic;
import org.transferworkbench.core.Json;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.net.Normalisation;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.net.TrainableNet;
import org.transferworkbench.core.sweep.LoadedNetPlan;
import org.transferworkbench.core.sweep.SweepEstimate;

public class PretrainedNetTest {

    static final Path KERAS = Path.of("..", "assets", "nets", "keras");
    static final Path WORKBENCH_NET = Path.of("..", "assets", "nets", "fashion-mnist-A.zip");

    @TempDir
    Path dir;

    /** The synthetic inputs of make_keras_fixture.py, NCHW in [0,1]. */
    static INDArray fixtureInputs() {
        float[] x = new float[4 * 28 * 28];
        for (int n = 0; n < 4; n++) {
            for (int y = 0; y < 28; y++) {
                for (int c = 0; c < 28; c++) {
                    x[n * 784 + y * 28 + c] = ((n * 131 + y * 29 * (n + 1) + c * 7 * (3 - n)) % 97) / 96f;
                }
            }
        }
        return Nd4j.create(x, new long[] {4, 1, 28, 28}, 'c');
    }

    @Test
    void kerasSequentialAndFunctionalComputeWhatPyTorchComputed() throws IOException {
        JsonNode expected = Json.MAPPER.readTree(KERAS.resolve("expected-outputs.json").toFile()).get("softmax");
        for (String name : new String[] {"fashion-A-sequential.h5", "fashion-A-functional.h5"}) {
            PretrainedNet net = PretrainedNetLoader.load(KERAS.resolve(name));
            assertThat(net.format()).isEqualTo(name.contains("sequential") ? SourceFormat.KERAS_SEQUENTIAL
                    : SourceFormat.KERAS_FUNCTIONAL);
            assertThat(net.input().channels()).isEqualTo(1);
            assertThat(net.input().height()).isEqualTo(28);
            assertThat(net.input().channelsLast()).isTrue();
            assertThat(net.weightLayers()).containsExactly("conv1", "conv2", "fc1", "predictions");
            assertThat(net.cutPoints()).containsExactly(1, 2, 3);
            assertThat(net.transferred(2)).containsExactly("conv1", "conv2");
            INDArray out = net.view().output(fixtureInputs());
            for (int n = 0; n < 4; n++) {
                for (int c = 0; c < 5; c++) {
                    assertThat(out.getDouble(n, c)).as(name + " output %d,%d", n, c)
                            .isCloseTo(expected.get(n).get(c).asDouble(), within(1e-4));
                }
            }
            net.close();
        }
    }

    @Test
    void workbenchZipUsesItsSidecarAndAPlainZipHasItsInputInferred() throws IOException {
        PretrainedNet own = PretrainedNetLoader.load(WORKBENCH_NET);
        assertThat(own.format()).isEqualTo(SourceFormat.WORKBENCH);
        assertThat(own.input().height()).isEqualTo(28);
        assertThat(own.input().sizeSource()).isEqualTo("sidecar");
        assertThat(own.weightLayers()).containsExactly("conv1", "conv2", "conv3", "conv4", "fc5", "fc6");
        own.close();

        Path bare = Files.copy(WORKBENCH_NET, dir.resolve("no sidecar ünïcode.zip"));
        PretrainedNet plain = PretrainedNetLoader.load(bare);
        assertThat(plain.format()).isEqualTo(SourceFormat.DL4J_MULTILAYER);
        assertThat(plain.input().height()).isEqualTo(28);
        assertThat(plain.input().channels()).isEqualTo(1);
        assertThat(plain.input().channelsLast()).isFalse();
        assertThat(plain.notes()).anyMatch(n -> n.contains("[0,1]"));
        plain.close();
    }

    public static ComputationGraph smallGraph() {
        var conf = new NeuralNetConfiguration.Builder().seed(3).graphBuilder()
                .addInputs("in")
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(), "in")
                .addLayer("p1", new SubsamplingLayer.Builder().kernelSize(2, 2).stride(2, 2).build(), "c1")
                .addLayer("c2", new ConvolutionLayer.Builder(3, 3).nOut(6).activation(Activation.RELU).build(), "p1")
                .addLayer("d1", new DenseLayer.Builder().nOut(10).activation(Activation.RELU).build(), "c2")
                .addLayer("out", new OutputLayer.Builder().nOut(3).activation(Activation.SOFTMAX).build(), "d1")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(20, 20, 3))
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    @Test
    void computationGraphZipLoadsWithInferredInputAndBuildsTransferNets() throws IOException {
        Path zip = dir.resolve("graph.zip");
        ModelSerializer.writeModel(smallGraph(), zip.toFile(), false);
        PretrainedNet net = PretrainedNetLoader.load(zip);
        assertThat(net.format()).isEqualTo(SourceFormat.DL4J_GRAPH);
        assertThat(net.input().height()).isEqualTo(20);
        assertThat(net.input().channels()).isEqualTo(3);
        assertThat(net.weightLayers()).containsExactly("c1", "c2", "d1", "out");

        try (TrainableNet t = TransferNets.build(net, 2, 5, true, Recipe.DEFAULT, 9)) {
            INDArray out = t.output(Nd4j.rand(new long[] {2, 3, 20, 20}));
            assertThat(out.shape()).containsExactly(2, 5);
        }
        net.close();
    }

    @Test
    void transferCopiesExactlyTheFirstKLayersAndReinitialisesTheRest() {
        PretrainedNet net = PretrainedNetLoader.load(KERAS.resolve("fashion-A-sequential.h5"));
        MultiLayerNetwork src = net.multiLayer();
        for (boolean frozen : new boolean[] {true, false}) {
            TrainableNet built = TransferNets.build(net, 2, 7, frozen, Recipe.DEFAULT, 5);
            // Read the built net's parameters through its own layers (index order = source order).
            MultiLayerNetwork m = unwrap(built);
            assertThat(m.getLayer(0).getParam("W")).isEqualTo(src.getLayer(0).getParam("W"));
            assertThat(m.getLayer(2).getParam("W")).isEqualTo(src.getLayer(2).getParam("W"));
            assertThat(m.getLayer(4).getParam("W")).isNotEqualTo(src.getLayer(4).getParam("W"));
            assertThat(m.getOutputLayer().getParam("W").shape()).containsExactly(32, 7);
            assertThat(m.getLayer(0).getClass().getSimpleName()).isEqualTo(frozen ? "FrozenLayer" : "ConvolutionLayer");
            built.close();
        }
        // Up to fc1 the transferred net computes exactly what the source computes, although the source is
        // channels-last (Keras) and the transferred net channels-first, with fc1's rows permuted to match.
        MultiLayerNetwork k3 = unwrap(TransferNets.build(net, 3, 7, true, Recipe.DEFAULT, 5));
        INDArray nchw = fixtureInputs();
        INDArray fromSource = src.feedForwardToLayer(4, nchw.permute(0, 2, 3, 1).dup('c'), false).get(5);
        INDArray fromTransfer = k3.feedForwardToLayer(4, nchw, false).get(5);
        assertThat(fromTransfer.equalsWithEps(fromSource, 1e-5)).isTrue();
        MultiLayerNetwork scratch = unwrap(TransferNets.build(net, 0, 7, false, Recipe.DEFAULT, 5));
        assertThat(scratch.getLayer(0).getParam("W")).isNotEqualTo(src.getLayer(0).getParam("W"));
        net.close();
    }

    @Test
    void functionalKerasTransferKeepsWhatTheSourceComputesUpToTheCut() {
        PretrainedNet net = PretrainedNetLoader.load(KERAS.resolve("fashion-A-functional.h5"));
        try (TrainableNet t = TransferNets.build(net, 3, 4, false, Recipe.DEFAULT, 5)) {
            ComputationGraph g = (ComputationGraph) t.model();
            INDArray nchw = fixtureInputs();
            INDArray fromSource = net.graph().feedForward(nchw.permute(0, 2, 3, 1).dup('c'), false).get("fc1");
            INDArray fromTransfer = g.feedForward(nchw, false).get("fc1");
            assertThat(fromTransfer.equalsWithEps(fromSource, 1e-5)).isTrue();
            assertThat(g.outputSingle(nchw).shape()).containsExactly(4, 4);
        }
        net.close();
    }

    @Test
    void kerasBatchNormAndGlobalPoolingAreRebuiltChannelsFirstAndTrain() {
        PretrainedNet net = PretrainedNetLoader.load(KERAS.resolve("bn-gap-sequential.h5"));
        assertThat(net.weightLayers()).containsExactly("conv1", "conv2", "fc1", "predictions");
        assertThat(net.transferred(1)).containsExactly("conv1", "bn1");
        INDArray nchw = fixtureInputs();
        try (TrainableNet frozen = TransferNets.build(net, 3, 4, true, Recipe.DEFAULT, 5)) {
            // Keras pools over dimensions 1 and 2 of [batch, h, w, c]; rebuilt channels-first that must become 2, 3.
            INDArray fromSource = net.multiLayer().feedForwardToLayer(4, nchw.permute(0, 2, 3, 1).dup('c'), false)
                    .get(5);
            INDArray fromTransfer = ((MultiLayerNetwork) frozen.model()).feedForwardToLayer(4, nchw, false).get(5);
            assertThat(fromTransfer.equalsWithEps(fromSource, 1e-4)).isTrue();
        }
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 4, 4);
        for (int i = 0; i < 4; i++) {
            labels.putScalar(i, i, 1f);
        }
        for (int k : new int[] {0, 2}) {
            try (TrainableNet tuned = TransferNets.build(net, k, 4, false, Recipe.DEFAULT, 6)) {
                for (int step = 0; step < 3; step++) {
                    tuned.fit(nchw, labels);
                }
                assertThat(tuned.score()).isFinite();
            }
        }
        net.close();
    }

    @Test
    void theEstimateTimesStepsOnceAndRescalesForAPlanWithoutTheBaseline() {
        PretrainedNet net = PretrainedNetLoader.load(KERAS.resolve("fashion-A-sequential.h5"));
        var data = Synthetic.dataset(3, 40, 28, 2);
        LoadedNetPlan plan = new LoadedNetPlan(data, List.of(), net, 0, Recipe.DEFAULT,
                LoadedNetPlan.ALLOWED, net.cutPoints(), List.of(1L));
        SweepEstimate all = SweepEstimate.measure(plan);
        assertThat(all.secondsPerBatchFull()).isPositive();
        assertThat(all.totalSeconds()).isGreaterThan(all.baselineSeconds());
        SweepEstimate without = all.forPlan(plan.withoutBaseline(), Set.of());
        assertThat(without.secondsPerBatchFull()).isEqualTo(all.secondsPerBatchFull());
        assertThat(without.totalSeconds()).isCloseTo(all.totalSeconds() - all.baselineSeconds(), within(1e-9));
        net.close();
    }

    private static MultiLayerNetwork unwrap(TrainableNet t) {
        return (MultiLayerNetwork) t.model();
    }

    @Test
    void normalisationCanBeStated() {
        PretrainedNet net = PretrainedNetLoader.load(KERAS.resolve("fashion-A-sequential.h5"), Normalisation.SIGNED);
        assertThat(net.input().normalisation()).isEqualTo(Normalisation.SIGNED);
        net.close();
    }

    @Test
    void everyBadFileGetsOneLineNamingItAndTheReason() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.zip"), "just some text");
        assertFails(text, "not a net file");
        Path empty = Files.createFile(dir.resolve("empty.h5"));
        assertFails(empty, "empty file");
        byte[] zip = Files.readAllBytes(WORKBENCH_NET);
        Path truncated = Files.write(dir.resolve("truncated.zip"), Arrays.copyOf(zip, zip.length / 2));
        assertFails(truncated, "truncated or damaged zip");
        Path other = dir.resolve("photos.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(other))) {
            out.putNextEntry(new ZipEntry("cat.png"));
            out.write(new byte[] {1, 2, 3});
        }
        assertFails(other, "not a DL4J net");
        byte[] h5 = Files.readAllBytes(KERAS.resolve("fashion-A-sequential.h5"));
        Path cut = Files.write(dir.resolve("cut.h5"), Arrays.copyOf(h5, h5.length / 3));
        assertFails(cut, "HDF5");
        assertFails(KERAS.resolve("weights-only.h5"), "weights only");

        MultiLayerNetwork mlp = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(16).build())
                .layer(new OutputLayer.Builder().nIn(16).nOut(10).activation(Activation.SOFTMAX).build())
                .build());
        mlp.init();
        Path mlpZip = dir.resolve("mlp.zip");
        ModelSerializer.writeModel(mlp, mlpZip.toFile(), false);
        assertFails(mlpZip, "input cannot be adapted");
    }

    @Test
    void netsWhoseInputOrClassifierCannotBeAdaptedAreRefusedClearly() throws IOException {
        MultiLayerNetwork fourChannels = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nIn(4).nOut(4).build())
                .layer(new DenseLayer.Builder().nOut(8).build())
                .layer(new OutputLayer.Builder().nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(10, 10, 4)).build());
        fourChannels.init();
        Path rgba = dir.resolve("rgba.zip");
        ModelSerializer.writeModel(fourChannels, rgba.toFile(), false);
        assertFails(rgba, "takes 4 channels");

        var twoInputs = new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("image", "meta")
                .addLayer("c", new ConvolutionLayer.Builder(3, 3).nOut(4).build(), "image")
                .addLayer("d", new DenseLayer.Builder().nOut(4).build(), "c")
                .addVertex("m", new MergeVertex(), "d", "meta")
                .addLayer("out", new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build(), "m")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(10, 10, 1), InputType.feedForward(3)).build();
        ComputationGraph g = new ComputationGraph(twoInputs);
        g.init();
        Path multi = dir.resolve("two-inputs.zip");
        ModelSerializer.writeModel(g, multi.toFile(), false);
        assertFails(multi, "2 inputs");

        // SqueezeNet-style: the classifier is a convolution followed by global pooling.
        MultiLayerNetwork convClassifier = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).build())
                .layer(new ConvolutionLayer.Builder(1, 1).nOut(3).build())
                .layer(new GlobalPoolingLayer.Builder().build())
                .layer(new LossLayer.Builder().activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(12, 12, 3)).build());
        convClassifier.init();
        Path squeeze = dir.resolve("squeeze.zip");
        ModelSerializer.writeModel(convClassifier, squeeze.toFile(), false);
        PretrainedNet net = PretrainedNetLoader.load(squeeze); // inspect-net can still show it
        assertThat(net.input().anySize()).isTrue();
        assertThat(net.classifierProblem()).contains("squeeze.zip").contains("only a dense classifier");
        var data = Synthetic.dataset(3, 20, 12, 1);
        assertThatThrownBy(() -> new LoadedNetPlan(data, List.of(), net, 0, Recipe.DEFAULT,
                LoadedNetPlan.ALLOWED, net.cutPoints(), List.of(1L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only a dense classifier");
        net.close();
    }

    private static void assertFails(Path file, String reason) {
        assertThatThrownBy(() -> PretrainedNetLoader.load(file))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith(file.toString() + ":")
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
