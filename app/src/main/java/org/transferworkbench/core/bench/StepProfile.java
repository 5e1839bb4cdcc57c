package org.transferworkbench.core.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferworkbench.core.data.InputShape;
import org.transferworkbench.core.data.TensorSet;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.LeanLayers;
import org.transferworkbench.core.net.NetFactory;
import org.transferworkbench.core.net.Recipe;

/**
 * Where a training step of the sweep's CNN goes, layer by layer, with DL4J's own layers and with the workbench's
 * (LeanLayers) side by side: the same net (same configuration, same starting weights) built twice, trained on the same
 * batches of 64 on one compute thread (as each of a sweep's runs trains), epochs of the two interleaved so that the
 * machine's drift falls on both; medians over the timed epochs.
 */
public final class StepProfile {

    /** Milliseconds per step of one layer: forward and backward, with DL4J's layer and with the workbench's. */
    public record LayerRow(String name, String dl4jClass, String workbenchClass, double dl4jForward,
                           double dl4jBackward, double workbenchForward, double workbenchBackward,
                           long forwardFlopsPerImage) {

        /**
         * The workbench's forward pass in GFLOP/s; NaN for layers without weights and for the output layer, whose
         * forward pass in training runs inside its backward pass (DL4J computes the loss there).
         */
        public double workbenchForwardGflops() {
            return forwardFlopsPerImage == 0 || workbenchForward < 0.01 ? Double.NaN
                    : forwardFlopsPerImage * BATCH / workbenchForward / 1e6;
        }
    }

    /**
     * @param dl4jStep      a whole step with DL4J's layers, ms (the layers plus the rest: loss, updater, bookkeeping)
     * @param workbenchStep the same with the workbench's layers
     */
    public record Result(List<LayerRow> layers, double dl4jStep, double workbenchStep, int stepsPerEpoch) {

        public double dl4jOutside() {
            return dl4jStep - layers.stream().mapToDouble(r -> r.dl4jForward() + r.dl4jBackward()).sum();
        }

        public double workbenchOutside() {
            return workbenchStep - layers.stream().mapToDouble(r -> r.workbenchForward() + r.workbenchBackward())
                    .sum();
        }
    }

    /** The sweep's recipe's batch size. */
    public static final int BATCH = Recipe.DEFAULT.batchSize();

    private StepProfile() {
    }

    /**
     * Profiles on the images of {@code train}'s first five classes (the sweep's CNN has a 5-way output, as for each
     * half of a 10-class split). The caller limits the compute threads.
     */
    public static Result run(TensorSet train, int epochs, int warmup, long seed, Consumer<String> log) {
        int[] firstFive = IntStream.range(0, train.size()).filter(i -> train.labels()[i] < 5).toArray();
        TensorSet five = train.select(firstFive);
        five = new TensorSet(five.exampleShape(), five.data(), five.labels(), 5);
        int[] shape = five.exampleShape();
        Architecture arch = Architecture.transferCnn(new InputShape(shape[0], shape[1], shape[2]), 5);
        MultiLayerNetwork workbench = NetFactory.full(arch, Recipe.DEFAULT, seed);
        LeanLayers.installUpdater(workbench);
        // DL4J's own layers: a net built from the same configuration and weights, which nothing installs into.
        MultiLayerNetwork dl4j = new MultiLayerNetwork(workbench.getLayerWiseConfigurations().clone());
        dl4j.init(workbench.params().dup(), true);
        List<String> dl4jClasses = classes(dl4j);
        List<String> workbenchClasses = classes(workbench);
        LayerTimer dl4jTimer = LayerTimer.attach(dl4j);
        LayerTimer workbenchTimer = LayerTimer.attach(workbench);
        List<INDArray[]> batches = JavaBench.batches(five, BATCH);
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("need at least " + BATCH + " images of the first five classes");
        }
        int layers = dl4jClasses.size();
        List<double[]> dl4jEpochs = new ArrayList<>();
        List<double[]> workbenchEpochs = new ArrayList<>();
        Random random = new Random(seed);
        for (int e = 0; e < warmup + epochs; e++) {
            double[] a = epoch(dl4j, dl4jTimer, batches, layers);
            double[] b = epoch(workbench, workbenchTimer, batches, layers);
            if (e >= warmup) {
                dl4jEpochs.add(a);
                workbenchEpochs.add(b);
            }
            log.accept(String.format(Locale.ROOT, "layers_%s dl4j_ms_per_step=%.2f workbench_ms_per_step=%.2f "
                    + "dl4j_loss=%.5f workbench_loss=%.5f", e < warmup ? "warmup_epoch" : "epoch " + (e - warmup),
                    a[2 * layers], b[2 * layers], dl4j.score(), workbench.score()));
            Collections.shuffle(batches, random);
        }
        JavaBench.release(batches);
        long[] flops = Flops.forwardPerImageByLayer(workbench.getLayerWiseConfigurations(),
                InputType.convolutional(shape[1], shape[2], shape[0]));
        List<LayerRow> rows = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            rows.add(new LayerRow(arch.layers().get(i).name(), dl4jClasses.get(i), workbenchClasses.get(i),
                    median(dl4jEpochs, 2 * i), median(dl4jEpochs, 2 * i + 1), median(workbenchEpochs, 2 * i),
                    median(workbenchEpochs, 2 * i + 1), flops[i]));
        }
        return new Result(rows, median(dl4jEpochs, 2 * layers), median(workbenchEpochs, 2 * layers),
                batches.size());
    }

    /** One epoch; per layer forward and backward ms per step, then the whole step's ms. */
    private static double[] epoch(MultiLayerNetwork net, LayerTimer timer, List<INDArray[]> batches, int layers) {
        timer.reset();
        long start = System.nanoTime();
        for (INDArray[] b : batches) {
            net.fit(b[0], b[1]);
        }
        long nanos = System.nanoTime() - start;
        double[] ms = new double[2 * layers + 1];
        for (int i = 0; i < layers; i++) {
            ms[2 * i] = timer.forwardNanos(i) / 1e6 / batches.size();
            ms[2 * i + 1] = timer.backwardNanos(i) / 1e6 / batches.size();
        }
        ms[2 * layers] = nanos / 1e6 / batches.size();
        return ms;
    }

    private static double median(List<double[]> epochs, int column) {
        Measurement m = new Measurement();
        epochs.forEach(e -> m.add(e[column]));
        return m.median();
    }

    private static List<String> classes(MultiLayerNetwork net) {
        return Arrays.stream(net.getLayers()).map(l -> l.getClass().getSimpleName()).toList();
    }

    /** The result as the lines {@code bench --layers} prints. */
    public static List<String> table(Result r) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-7s %-20s %9s %9s   %-20s %9s %9s %9s", "layer", "DL4J's layer",
                "fwd ms", "bwd ms", "workbench's layer", "fwd ms", "bwd ms", "fwd GF/s"));
        for (LayerRow row : r.layers()) {
            double gflops = row.workbenchForwardGflops();
            lines.add(String.format(Locale.ROOT, "%-7s %-20s %9.2f %9.2f   %-20s %9.2f %9.2f %9s", row.name(),
                    row.dl4jClass(), row.dl4jForward(), row.dl4jBackward(), row.workbenchClass(),
                    row.workbenchForward(), row.workbenchBackward(),
                    Double.isNaN(gflops) ? "" : String.format(Locale.ROOT, "%.1f", gflops)));
        }
        lines.add(String.format(Locale.ROOT, "%-7s %-20s %19.2f   %-20s %19.2f", "rest", "loss, updater, ...",
                r.dl4jOutside(), "", r.workbenchOutside()));
        lines.add(String.format(Locale.ROOT, "%-7s %-20s %19.2f   %-20s %19.2f", "step", "ms, all of it", r.dl4jStep(),
                "", r.workbenchStep()));
        lines.add(String.format(Locale.ROOT, "layers_dl4j_img_per_s=%.1f layers_workbench_img_per_s=%.1f "
                + "layers_speedup=%.2f", BATCH * 1000 / r.dl4jStep(), BATCH * 1000 / r.workbenchStep(),
                r.dl4jStep() / r.workbenchStep()));
        return lines;
    }
}
