package org.transferworkbench.core.pretrained;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.transferworkbench.MemorySink;
import org.transferworkbench.Synthetic;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.data.TensorSet;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.experiment.SweepEvent;
import org.transferworkbench.core.net.Normalisation;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.sweep.LoadedNetPlan;
import org.transferworkbench.core.sweep.Sweep;
import org.transferworkbench.core.train.Augmentation;
import org.transferworkbench.core.train.CancellationToken;
import org.transferworkbench.core.train.Featurizer;

/**
 * Frozen runs against a loaded net train on cached activations where one activation crosses the cut, and get what
 * a run through the frozen layers gets; deep nets offer their block ends by default.
 */
class FrozenFeaturesTest {

    @TempDir
    Path dir;

    /** in -> c1 -> c2 -> c3 -> add(c1, c3) -> d1 -> out: inside the residual block the shortcut crosses the cut. */
    static PretrainedNet residual() {
        var conf = new NeuralNetConfiguration.Builder().seed(4).convolutionMode(ConvolutionMode.Same).graphBuilder()
                .addInputs("in")
                .addLayer("c1", conv(4), "in")
                .addLayer("c2", conv(4), "c1")
                .addLayer("c3", conv(4), "c2")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "c1", "c3")
                .addLayer("d1", new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build(), "add")
                .addLayer("out", new OutputLayer.Builder().nOut(3).activation(Activation.SOFTMAX).build(), "d1")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(12, 12, 1))
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return new PretrainedNet(Path.of("residual.zip"), SourceFormat.DL4J_GRAPH, null, g, input(12),
                NetNodes.of(g), null, List.of());
    }

    private static ConvolutionLayer conv(int out) {
        return new ConvolutionLayer.Builder(3, 3).nOut(out).activation(Activation.RELU).build();
    }

    private static NetInput input(int size) {
        return new NetInput(1, size, size, false, Normalisation.UNIT, "test");
    }

    @Test
    void onlyCutsCrossedByOneActivationAreClean() {
        PretrainedNet net = residual();
        assertThat(FrozenCuts.crossing(net, 1)).containsExactly("c1");
        assertThat(FrozenCuts.crossing(net, 2)).containsExactlyInAnyOrder("c1", "c2");
        assertThat(FrozenCuts.crossing(net, 3)).containsExactly("add");
        assertThat(FrozenCuts.clean(net, 1)).isTrue();
        assertThat(FrozenCuts.clean(net, 2)).isFalse();
        assertThat(FrozenCuts.clean(net, 3)).isTrue();
        assertThat(FrozenCuts.clean(net, 4)).isTrue();
        net.close();
    }

    @Test
    void aCachedFrozenRunGetsWhatARunThroughTheFrozenLayersGets() {
        PretrainedNet net = residual();
        Dataset data = Synthetic.dataset(3, 24, 12, 5);
        // Augmented: every epoch shows each image as one of its fixed views, cached or not.
        Recipe recipe = new Recipe(3, 16, 3e-3, 1.0).withAugment(true);
        LoadedNetPlan plan = new LoadedNetPlan(data, List.of(), net, 0, recipe, EnumSet.of(Condition.ANB),
                List.of(1, 2, 3, 4), List.of(1L));
        List<RunRecord> cached = sweep(plan, true);
        List<String> cachedRuns = new ArrayList<>(lastWhat);
        List<RunRecord> uncached = sweep(plan, false);
        assertThat(cachedRuns).filteredOn(w -> w.contains("on cached activations")).hasSize(3);
        assertThat(cachedRuns.get(1)).doesNotContain("cached"); // k=2: the shortcut crosses
        assertThat(lastWhat).noneMatch(w -> w.contains("cached"));
        for (int i = 0; i < cached.size(); i++) {
            RunRecord a = cached.get(i);
            RunRecord b = uncached.get(i);
            assertThat(a.k()).isEqualTo(b.k());
            // The same inputs in the same order: the same head, up to float rounding in the frozen forward pass.
            assertThat(a.testAccuracy()).as("k=" + a.k()).isEqualTo(b.testAccuracy());
            assertThat(a.epochs().get(2).trainLoss()).isCloseTo(b.epochs().get(2).trainLoss(),
                    org.assertj.core.api.Assertions.within(1e-4)); // qualified: one use
        }
        net.close();
    }

    private final List<String> lastWhat = new ArrayList<>();

    private List<RunRecord> sweep(LoadedNetPlan plan, boolean cachedActivations) {
        lastWhat.clear();
        MemorySink sink = new MemorySink();
        Sweep.into(plan, sink, null).withCachedActivations(cachedActivations).run(e -> {
            if (e instanceof SweepEvent.RunStarted r) {
                lastWhat.add(r.what());
            }
        }, new CancellationToken());
        return sink.records;
    }

    @Test
    void activationsThatDoNotFitInTheBudgetGoToFilesAndReadBackTheSame() {
        PretrainedNet net = residual();
        TensorSet train = Synthetic.tensors(3, 10, 12, 1);
        TensorSet small = Synthetic.tensors(3, 4, 12, 2);
        Recipe recipe = Recipe.DEFAULT.withAugment(true);
        try (FrozenFeatures memory = FrozenFeatures.compute(net, List.of(1, 3, 4), train, small, small, recipe,
                dir, Long.MAX_VALUE, new CancellationToken(), Featurizer.Progress.NONE)) {
            assertThat(memory.spilled()).isFalse();
            assertThat(memory.views()).isEqualTo(Augmentation.VIEWS);
            // k=1's activations alone fit, all three together do not: they are spilled, none is dropped.
            long budget = memory.bytes() - 1;
            try (FrozenFeatures disk = FrozenFeatures.compute(net, List.of(1, 3, 4), train, small, small, recipe,
                    dir, budget, new CancellationToken(), Featurizer.Progress.NONE)) {
                assertThat(disk.spilled()).isTrue();
                assertThat(disk.cutPoints()).containsExactly(1, 3, 4);
                for (int k : List.of(1, 3, 4)) {
                    FrozenFeatures.Cut a = memory.cut(k);
                    FrozenFeatures.Cut b = disk.cut(k);
                    assertThat(b.train().rows().data()).containsExactly(a.train().rows().data());
                    assertThat(b.train().rows().labels()).containsExactly(a.train().rows().labels());
                    assertThat(b.test().data()).containsExactly(a.test().data());
                }
                // k=1: 4 channels x 12 x 12 per row, 8 views of 30 images plus 12 + 12.
                assertThat(memory.cut(1).train().rows().size()).isEqualTo(Augmentation.VIEWS * 30);
                assertThat(memory.cut(1).train().exampleShape()).containsExactly(4, 12, 12);
            }
            // A budget below one cut point's activations leaves that cut point to the uncached path.
            try (FrozenFeatures some = FrozenFeatures.compute(net, List.of(1, 4), train, small, small, recipe, dir,
                    (Augmentation.VIEWS * 30 + 24) * 8L * 4, new CancellationToken(), Featurizer.Progress.NONE)) {
                assertThat(some.cutPoints()).containsExactly(4);
            }
        }
        assertThat(dir.toFile().list()).isEmpty();
        net.close();
    }

    @Test
    void aDeepChainOffersItsBlockEndsByDefault() {
        var list = new NeuralNetConfiguration.Builder().seed(1).convolutionMode(ConvolutionMode.Same).list();
        int i = 0;
        for (int c = 0; c < 12; c++) {
            list.layer(i++, conv(2));
            if (c == 1 || c == 3) {
                list.layer(i++, new SubsamplingLayer.Builder().kernelSize(2, 2).stride(2, 2).build());
            }
        }
        list.layer(i++, new DenseLayer.Builder().nOut(6).activation(Activation.RELU).build());
        list.layer(i++, new DenseLayer.Builder().nOut(6).activation(Activation.RELU).build());
        list.layer(i, new OutputLayer.Builder().nOut(3).activation(Activation.SOFTMAX).build());
        MultiLayerNetwork mln = new MultiLayerNetwork(list.setInputType(InputType.convolutional(16, 16, 1)).build());
        mln.init();
        PretrainedNet net = new PretrainedNet(Path.of("chain.zip"), SourceFormat.DL4J_MULTILAYER, mln, null,
                input(16), NetNodes.of(mln), null, List.of());
        assertThat(net.cutPoints()).hasSize(14);
        // Convolutions at 16, 16 | 8, 8 | 4 x 8, then two dense layers: the last of each resolution, and the last.
        assertThat(FrozenCuts.defaults(net)).containsExactly(2, 4, 12, 14);
        assertThat(FrozenCuts.defaults(residual())).containsExactly(1, 2, 3, 4); // few: all of them
        net.close();
    }
}
