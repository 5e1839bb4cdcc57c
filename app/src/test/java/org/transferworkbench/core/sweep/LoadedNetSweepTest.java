package org.transferworkbench.core.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.transferworkbench.MemorySink;
import org.transferworkbench.Synthetic;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.data.DatasetLoader;
import org.transferworkbench.core.data.LoadOptions;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.experiment.SweepEvent;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.pretrained.InputFit;
import org.transferworkbench.core.pretrained.PretrainedNet;
import org.transferworkbench.core.pretrained.PretrainedNetLoader;
import org.transferworkbench.core.pretrained.PretrainedNetTest;
import org.transferworkbench.core.train.CancellationToken;

/** A DL4J ComputationGraph zip and a plain MultiLayerNetwork zip, each swept end to end onto synthetic classes. */
class LoadedNetSweepTest {

    @TempDir
    Path tmp;

    List<RunRecord> sweep(Path netFile, int channels, int size) throws Exception {
        Path data = tmp.resolve("data");
        if (!Files.exists(data)) {
            Synthetic.writeIdx(data, 4, 60, 20, 20, 9);
        }
        PretrainedNet net = PretrainedNetLoader.load(netFile);
        Dataset d = DatasetLoader.load(data, InputFit.optionsFor(net, LoadOptions.defaults()));
        assertThat(d.inputShape().channels()).isEqualTo(channels);
        assertThat(d.inputShape().height()).isEqualTo(size);
        LoadedNetPlan plan = new LoadedNetPlan(d, List.of(), net, 0, new Recipe(3, 16, 2e-3, 1.0),
                LoadedNetPlan.ALLOWED, net.cutPoints(), List.of(1L));
        MemorySink sink = new MemorySink();
        List<SweepEvent> events = new ArrayList<>();
        SweepOutcome outcome = Sweep.into(plan, sink, null).run(events::add, new CancellationToken());
        assertThat(outcome).as(events.toString()).isEqualTo(SweepOutcome.COMPLETED);
        assertThat(events).anyMatch(e -> e instanceof SweepEvent.SourceFilters);
        net.close();
        return sink.records;
    }

    @Test
    void computationGraphZipSweepsEveryCutPoint() throws Exception {
        Path zip = tmp.resolve("graph.zip");
        ModelSerializer.writeModel(PretrainedNetTest.smallGraph(), zip.toFile(), false);
        List<RunRecord> runs = sweep(zip, 3, 20);
        assertThat(runs).extracting(RunRecord::condition)
                .containsExactly(Condition.BASE_B, Condition.ANB, Condition.ANB_PLUS, Condition.ANB,
                        Condition.ANB_PLUS, Condition.ANB, Condition.ANB_PLUS);
        // Four synthetic classes (chance 0.25): the from-scratch baseline and fine-tuning must learn them.
        assertThat(runs.get(0).testAccuracy()).isGreaterThan(0.5);
        assertThat(runs.get(2).testAccuracy()).isGreaterThan(0.5);
    }

    @Test
    void plainMultiLayerNetworkZipSweepsAtItsInferredInput() throws Exception {
        Path bare = Files.copy(Path.of("..", "assets", "nets", "fashion-mnist-A.zip"), tmp.resolve("bare.zip"));
        List<RunRecord> runs = sweep(bare, 1, 28);
        assertThat(runs).hasSize(11); // baseB + 5 cut points x (AnB, AnB+)
        assertThat(runs).allMatch(r -> r.testAccuracy() >= 0 && r.testAccuracy() <= 1);
        assertThat(runs.get(0).testAccuracy()).isGreaterThan(0.5);
    }

    /** A small ResNet-like graph: batch normalisation, a residual addition, global pooling before the classifier. */
    static ComputationGraph residualGraph() {
        var conf = new NeuralNetConfiguration.Builder().seed(4).graphBuilder()
                .addInputs("image")
                .addLayer("stem", new ConvolutionLayer.Builder(3, 3).nOut(8)
                        .convolutionMode(ConvolutionMode.Same).build(), "image")
                .addLayer("stem_bn", new BatchNormalization.Builder().build(), "stem")
                .addLayer("block_a", new ConvolutionLayer.Builder(3, 3).nOut(8)
                        .convolutionMode(ConvolutionMode.Same).build(), "stem_bn")
                .addLayer("block_b", new ConvolutionLayer.Builder(3, 3).nOut(8)
                        .convolutionMode(ConvolutionMode.Same).build(), "block_a")
                .addVertex("residual", new ElementWiseVertex(
                        ElementWiseVertex.Op.Add), "block_b", "stem_bn")
                .addLayer("pool", new GlobalPoolingLayer.Builder(
                        PoolingType.AVG).build(), "residual")
                .addLayer("fc", new DenseLayer.Builder().nOut(16).build(), "pool")
                .addLayer("logits", new OutputLayer.Builder().nOut(7)
                        .activation(Activation.SOFTMAX).build(), "fc")
                .setOutputs("logits")
                .setInputTypes(InputType.convolutional(24, 24, 3))
                .build();
        var g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    @Test
    void residualGraphWithBatchNormAndGlobalPoolingTakesAnySizeAndSweeps() throws Exception {
        Path zip = tmp.resolve("resnet-like.zip");
        ModelSerializer.writeModel(residualGraph(), zip.toFile(), false);
        PretrainedNet net = PretrainedNetLoader.load(zip);
        assertThat(net.input().anySize()).isTrue();
        assertThat(net.weightLayers()).containsExactly("stem", "block_a", "block_b", "fc", "logits");
        // Batch normalisation travels with the convolution before it.
        assertThat(net.transferred(1)).containsExactly("stem", "stem_bn");
        net.close();
        List<RunRecord> runs = sweep(zip, 3, 20); // any size: the data keeps its own 20x20
        assertThat(runs).hasSize(9); // baseB + 4 cut points x (AnB, AnB+)
        assertThat(runs).allMatch(r -> r.testAccuracy() >= 0 && r.testAccuracy() <= 1);
    }
}
