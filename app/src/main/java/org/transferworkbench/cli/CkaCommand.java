package org.transferworkbench.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.data.TensorSet;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunKey;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.experiment.RunSink;
import org.transferworkbench.core.experiment.SweepListener;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.split.ClassSplit;
import org.transferworkbench.core.split.Side;
import org.transferworkbench.core.split.TaskBuilder;
import org.transferworkbench.core.stats.Cka;
import org.transferworkbench.core.sweep.BaseNetCache;
import org.transferworkbench.core.sweep.PaperPlan;
import org.transferworkbench.core.sweep.Sweep;
import org.transferworkbench.core.sweep.SweepOutcome;
import org.transferworkbench.core.train.CancellationToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "cka", mixinStandardHelpOptions = true,
        description = "Linear CKA (Kornblith et al., 2019) between the layers of baseA, baseB, AnB+ and BnB+ at a cut "
                + "point, on B's test images: which layers stay alike after transfer and fine-tuning (general) and "
                + "which diverge (specific).")
final class CkaCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Mixin
    ExperimentOptions experiment;

    @Option(names = "--k", paramLabel = "K", defaultValue = "3",
            description = "The cut point (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--images", paramLabel = "N", defaultValue = "500",
            description = "B's test images compared on (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--no-cache", description = "Train the base nets even if cached ones exist.")
    boolean noCache;

    @Spec
    CommandSpec spec;

    /** The pairs compared, as columns: what each says about a layer. */
    private static final Condition[][] PAIRS = {
        {Condition.BASE_A, Condition.BASE_B},
        {Condition.BASE_A, Condition.ANB_PLUS},
        {Condition.BASE_B, Condition.ANB_PLUS},
        {Condition.BASE_B, Condition.BNB_PLUS}};

    @Override
    public Integer call() {
        if (images < 10 || images > 5000) {
            throw new IllegalArgumentException("--images must be 10..5000, not " + images);
        }
        Dataset dataset = data.load();
        ClassSplit split = experiment.split(dataset);
        Architecture arch = Architecture.transferCnn(dataset.inputShape(), dataset.numClasses());
        PaperPlan plan = new PaperPlan(dataset, split, experiment.bPerClass, arch, experiment.recipe(),
                EnumSet.of(Condition.BASE_A, Condition.BASE_B, Condition.ANB_PLUS, Condition.BNB_PLUS), List.of(k),
                List.of(experiment.seed));
        TensorSet test = TaskBuilder.testSet(dataset, split, Side.B);
        int n = Math.min(images, test.size());
        INDArray input = Nd4j.create(Arrays.copyOf(test.data(), n * test.valuesPerExample()), shape(test, n), 'c');
        List<Integer> weightLayers = new ArrayList<>();
        for (int i = 0; i < arch.layers().size() - 1; i++) {
            if (arch.layers().get(i).hasWeights()) {
                weightLayers.add(i);
            }
        }
        // Each net is looked at once, on the sweep's thread, before it is freed: its layers' Gram matrices are kept.
        Map<Condition, List<INDArray>> grams = new EnumMap<>(Condition.class);
        PrintWriter console = spec.commandLine().getOut();
        console.printf("Training baseA, baseB, AnB+ and BnB+ at k=%d (base nets from the cache when there)...%n", k);
        SweepOutcome outcome = Sweep.into(plan, new RecordsInMemory(), noCache ? null
                        : new BaseNetCache(BaseNetCache.defaultFolder()))
                .inspectedBy((key, net, source, cut) -> grams.put(key.condition(), layerGrams(net, input,
                        weightLayers)))
                .run(SweepListener.NONE, new CancellationToken());
        if (outcome != SweepOutcome.COMPLETED || grams.size() < 4) {
            // The sweep has logged why; the answer stays one line.
            throw new UserError("cka: the four nets could not be trained (" + outcome.name().toLowerCase(Locale.ROOT)
                    + "); see the log above");
        }
        console.printf(Locale.ROOT, "Linear CKA on %d of B's test images, cut point k=%d (1 = the same up to rotation "
                + "and scale):%n", n, k);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-8s", "layer"));
        for (Condition[] p : PAIRS) {
            head.append(String.format(Locale.ROOT, " %14s", p[0].label() + "~" + p[1].label()));
        }
        console.println(head);
        List<String> names = arch.weightLayerNames();
        for (int l = 0; l < weightLayers.size(); l++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-8s", names.get(l)
                    + (l < k ? "*" : "")));
            for (Condition[] p : PAIRS) {
                row.append(String.format(Locale.ROOT, " %14.3f", Cka.fromGrams(grams.get(p[0]).get(l),
                        grams.get(p[1]).get(l))));
            }
            console.println(row);
        }
        console.println("  (* transferred from the base net. baseA~baseB: alike across tasks = general; "
                + "baseA~AnB+: what fine-tuning kept of A's features.)");
        return 0;
    }

    private static long[] shape(TensorSet set, int n) {
        long[] s = new long[set.exampleShape().length + 1];
        s[0] = n;
        for (int i = 0; i < set.exampleShape().length; i++) {
            s[i + 1] = set.exampleShape()[i];
        }
        return s;
    }

    private static List<INDArray> layerGrams(MultiLayerNetwork net, INDArray input, List<Integer> layers) {
        List<INDArray> acts = net.feedForward(input, false);
        List<INDArray> out = new ArrayList<>();
        for (int i : layers) {
            out.add(Cka.gram(acts.get(i + 1)));
        }
        return out;
    }

    /** Keeps the records of the runs (nothing is written: the analysis keeps only its table). */
    private static final class RecordsInMemory implements RunSink {
        private final List<RunRecord> records = new ArrayList<>();

        @Override
        public synchronized Set<RunKey> done() {
            Set<RunKey> keys = new HashSet<>();
            records.forEach(r -> keys.add(r.key()));
            return keys;
        }

        @Override
        public synchronized void add(RunRecord record) {
            records.add(record);
        }
    }
}
