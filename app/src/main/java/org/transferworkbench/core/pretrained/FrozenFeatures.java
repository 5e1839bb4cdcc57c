package org.transferworkbench.core.pretrained;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferworkbench.core.data.TensorSet;
import org.transferworkbench.core.net.InputAdapter;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.net.TrainableNet;
import org.transferworkbench.core.train.CancellationToken;
import org.transferworkbench.core.train.FeatureStore;
import org.transferworkbench.core.train.Featurizer;
import org.transferworkbench.core.train.TrainingViews;

/**
 * The activations crossing a loaded net's clean cut points, for every training view, validation and test image,
 * computed in one forward pass for all those cut points together, so every frozen run of a sweep trains its head on
 * them instead of passing each mini-batch through the frozen layers. Kept in memory when the sweep's activations fit
 * in a third of the heap; else spilled to files in the cache folder and read back (memory-mapped) run by run.
 */
public final class FrozenFeatures implements AutoCloseable {

    /** Images per forward batch: about 4 M input values (26 images at 224 x 224 x 3, 256 at 28 x 28). */
    private static final long BATCH_VALUES = 4_000_000;

    /** One cut point's cached inputs: the training rows (every view, view-major), validation and test sets. */
    public record Cut(TrainingViews train, TensorSet validation, TensorSet test) {
    }

    private final Map<Integer, FeatureStore[]> stores;
    private final int views;
    private final int[][] labels;
    private final int numClasses;
    private final Path spillFolder;
    private final long bytes;

    private FrozenFeatures(Map<Integer, FeatureStore[]> stores, int views, int[][] labels, int numClasses,
                           Path spillFolder, long bytes) {
        this.stores = stores;
        this.views = views;
        this.labels = labels;
        this.numClasses = numClasses;
        this.spillFolder = spillFolder;
        this.bytes = bytes;
    }

    /**
     * Computes the activations at cut points {@code ks} (all clean) of {@code source}'s frozen layers for the
     * training views of {@code train} (as {@code recipe} augments them), {@code validation} and {@code test}. A cut
     * point whose activations alone exceed {@code memoryBudget} is left out ({@link #has} is false: its frozen runs
     * go through the frozen layers).
     *
     * @param spillParent where a folder of spilled activations goes when they do not fit in {@code memoryBudget}
     */
    public static FrozenFeatures compute(PretrainedNet source, List<Integer> ks, TensorSet train,
                                         TensorSet validation, TensorSet test, Recipe recipe, Path spillParent,
                                         long memoryBudget, CancellationToken cancel, Featurizer.Progress progress) {
        List<Integer> candidates = ks.stream().sorted().toList();
        TrainingViews trainViews = TrainingViews.of(train, recipe);
        List<TrainingViews> sources = List.of(trainViews, TrainingViews.plain(validation), TrainingViews.plain(test));
        long rows = sources.stream().mapToLong(TrainingViews::rowCount).sum();
        progress.rowsDone(0, (int) rows);
        try (TrainableNet net = TransferNets.build(source, candidates.get(candidates.size() - 1), train.numClasses(),
                true, recipe, 1)) {
            InputAdapter adapter = TransferNets.adapter(source);
            long[] perRow = Featurizer.valuesPerRow(trainViews, forward(source, candidates, net.model(), adapter),
                    candidates.size());
            // A cut point whose activations would not fit in the budget (or in one Java array) trains uncached.
            List<Integer> cuts = new ArrayList<>();
            long total = 0;
            for (int i = 0; i < candidates.size(); i++) {
                long cutBytes = perRow[i] * rows * Float.BYTES;
                if (cutBytes <= memoryBudget && perRow[i] * trainViews.rowCount() < Integer.MAX_VALUE - 8) {
                    cuts.add(candidates.get(i));
                    total += cutBytes;
                }
            }
            if (cuts.isEmpty()) {
                return new FrozenFeatures(Map.of(), trainViews.views(), new int[3][], train.numClasses(), null, 0);
            }
            Featurizer.Forward forward = forward(source, cuts, net.model(), adapter);
            Path spill = total <= memoryBudget ? null : spillFolder(spillParent);
            Map<Integer, FeatureStore[]> stores = new LinkedHashMap<>();
            for (int k : cuts) {
                FeatureStore[] s = new FeatureStore[sources.size()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = spill == null ? FeatureStore.inMemory()
                            : FeatureStore.onDisk(spill.resolve("k" + k + "-" + i + ".f32"));
                }
                stores.put(k, s);
            }
            FrozenFeatures features = new FrozenFeatures(stores, trainViews.views(),
                    new int[][] {trainViews.rowLabels(), validation.labels(), test.labels()}, train.numClasses(),
                    spill, total);
            try {
                int batch = (int) Math.max(1, Math.min(256, BATCH_VALUES / train.valuesPerExample()));
                long done = 0;
                for (int set = 0; set < sources.size(); set++) {
                    List<FeatureStore> into = new ArrayList<>();
                    for (int k : cuts) {
                        into.add(stores.get(k)[set]);
                    }
                    long before = done;
                    Featurizer.run(sources.get(set), 0, sources.get(set).rowCount(), batch, forward, into, cancel,
                            (d, t) -> progress.rowsDone((int) (before + d), (int) rows));
                    done += sources.get(set).rowCount();
                }
            } catch (RuntimeException | Error e) {
                features.close();
                throw e;
            }
            return features;
        }
    }

    /** True when cut point k's activations are cached (it is clean and they fit). */
    public boolean has(int k) {
        return stores.containsKey(k);
    }

    public List<Integer> cutPoints() {
        return List.copyOf(stores.keySet());
    }

    /** Bytes of every cut point's activations together. */
    public long bytes() {
        return bytes;
    }

    /** True when the activations went to files instead of the heap. */
    public boolean spilled() {
        return spillFolder != null;
    }

    public int views() {
        return views;
    }

    /** Cut point k's cached inputs, read into the heap (from the file when spilled). */
    public Cut cut(int k) {
        FeatureStore[] s = stores.get(k);
        if (s == null) {
            throw new IllegalArgumentException("no cached activations for cut point k=" + k);
        }
        return new Cut(TrainingViews.computed(s[0].read(labels[0], numClasses), views),
                s[1].read(labels[1], numClasses), s[2].read(labels[2], numClasses));
    }

    @Override
    public void close() {
        stores.values().forEach(s -> {
            for (FeatureStore store : s) {
                store.close();
            }
        });
        if (spillFolder != null) {
            try {
                Files.deleteIfExists(spillFolder);
            } catch (IOException e) {
                throw new UncheckedIOException(spillFolder + ": cannot delete", e);
            }
        }
    }

    private static Path spillFolder(Path parent) {
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "activations-");
        } catch (IOException e) {
            throw new UncheckedIOException(parent + ": cannot make a folder for cached activations ("
                    + e.getMessage() + ")", e);
        }
    }

    /** One inference pass of the frozen layers, handing out the activation crossing each cut point in order. */
    private static Featurizer.Forward forward(PretrainedNet source, List<Integer> cuts, Object model,
                                              InputAdapter adapter) {
        if (model instanceof MultiLayerNetwork net) {
            int[] boundaries = cuts.stream().mapToInt(k -> source.frozenRegion(k).size()).toArray();
            int last = boundaries[boundaries.length - 1] - 1;
            return (batch, out) -> {
                INDArray in = adapter.adapt(batch);
                try {
                    List<INDArray> acts = net.feedForwardToLayer(last, in, false);
                    for (int i = 0; i < boundaries.length; i++) {
                        out.accept(i, acts.get(boundaries[i]));
                    }
                    closeAll(acts, batch, in);
                } finally {
                    adapter.release(batch, in);
                }
            };
        }
        ComputationGraph graph = (ComputationGraph) model;
        List<String> names = cuts.stream().map(k -> FrozenCuts.crossing(source, k).get(0)).toList();
        List<Integer> positions = new ArrayList<>();
        int[] order = graph.topologicalSortOrder();
        for (String name : names) {
            int index = graph.getVertex(name).getVertexIndex();
            for (int p = 0; p < order.length; p++) {
                if (order[p] == index) {
                    positions.add(p);
                }
            }
        }
        // DL4J stops the partial forward pass at a position in its topological order (not a vertex index).
        int stop = Collections.max(positions);
        return (batch, out) -> graphForward(graph, adapter, names, stop, batch, out);
    }

    private static void graphForward(ComputationGraph graph, InputAdapter adapter, List<String> names, int stop,
                                     INDArray batch, BiConsumer<Integer, INDArray> out) {
        INDArray in = adapter.adapt(batch);
        try {
            Map<String, INDArray> acts = graph.feedForward(new INDArray[] {in}, stop, false, true);
            if (!acts.keySet().containsAll(names)) {
                closeAll(acts.values(), batch, in);
                acts = graph.feedForward(in, false); // the whole net, should the partial pass stop short
            }
            for (int i = 0; i < names.size(); i++) {
                out.accept(i, acts.get(names.get(i)));
            }
            closeAll(acts.values(), batch, in);
        } finally {
            adapter.release(batch, in);
        }
    }

    private static void closeAll(Iterable<INDArray> arrays, INDArray batch, INDArray in) {
        for (INDArray a : arrays) {
            if (a != null && a != batch && a != in && !a.isView() && a.closeable()) {
                a.close();
            }
        }
    }
}
