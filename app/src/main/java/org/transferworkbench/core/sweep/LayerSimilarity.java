package org.transferworkbench.core.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.data.TensorSet;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunKey;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.experiment.RunSink;
import org.transferworkbench.core.experiment.SweepListener;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.split.ClassSplit;
import org.transferworkbench.core.split.Side;
import org.transferworkbench.core.split.TaskBuilder;
import org.transferworkbench.core.stats.Cka;
import org.transferworkbench.core.train.CancellationToken;
import org.transferworkbench.core.train.Trainer;

/**
 * Layer similarity after transfer: linear CKA (Kornblith et al., ICML 2019) between the weight layers of baseA,
 * baseB, AnB+ and BnB+ at one cut point, on B's test images. Trains the four nets through the one sweep loop (base
 * nets from the cache when there) and looks at each once, on its training thread, before it is freed: only the
 * layers' centred Gram matrices are kept. The CLI's {@code cka} and the window's similarity view share it.
 */
public final class LayerSimilarity {

    /** The pairs compared, as columns: what each says about a layer. */
    public static final List<Condition[]> PAIRS = List.of(
            new Condition[] {Condition.BASE_A, Condition.BASE_B},
            new Condition[] {Condition.BASE_A, Condition.ANB_PLUS},
            new Condition[] {Condition.BASE_B, Condition.ANB_PLUS},
            new Condition[] {Condition.BASE_B, Condition.BNB_PLUS});

    /**
     * @param layers  weight layer names, input to output
     * @param pairs   column labels, e.g. "baseA~baseB"
     * @param values  CKA per layer (row) and pair (column); null when the sweep did not complete
     * @param outcome how the four nets' sweep ended
     */
    public record Result(int k, int images, List<String> layers, List<String> pairs, double[][] values,
                         SweepOutcome outcome) {

        public boolean complete() {
            return values != null;
        }
    }

    private LayerSimilarity() {
    }

    /** The four-net plan of a CKA comparison at cut point {@code k} with training seed {@code seed}. */
    public static PaperPlan plan(Dataset dataset, ClassSplit split, int bPerClass, Recipe recipe, int k, long seed) {
        Architecture arch = Architecture.transferCnn(dataset.inputShape(), dataset.numClasses());
        return new PaperPlan(dataset, split, bPerClass, arch, recipe, EnumSet.of(Condition.BASE_A, Condition.BASE_B,
                Condition.ANB_PLUS, Condition.BNB_PLUS), List.of(k), List.of(seed));
    }

    public static Result of(PaperPlan plan, int images, BaseNetCache cache, SweepListener listener,
                            CancellationToken cancel) {
        if (images < 10 || images > 5000) {
            throw new IllegalArgumentException("compare on 10..5000 images, not " + images);
        }
        int k = plan.cutPoints().get(0);
        Architecture arch = plan.architecture();
        TensorSet test = TaskBuilder.testSet(plan.dataset(), plan.split(), Side.B);
        int n = Math.min(images, test.size());
        INDArray input = Nd4j.create(Arrays.copyOf(test.data(), n * test.valuesPerExample()),
                Trainer.batchShape(test, n), 'c');
        List<Integer> weightLayers = new ArrayList<>();
        for (int i = 0; i < arch.layers().size() - 1; i++) {
            if (arch.layers().get(i).hasWeights()) {
                weightLayers.add(i);
            }
        }
        Map<Condition, List<INDArray>> grams = new EnumMap<>(Condition.class);
        SweepOutcome outcome = Sweep.into(plan, new RecordsInMemory(), cache)
                .inspectedBy((key, net, source, cut) -> {
                    List<INDArray> g = layerGrams(net, input, weightLayers);
                    synchronized (grams) {
                        grams.put(key.condition(), g);
                    }
                })
                .run(listener, cancel);
        List<String> pairs = PAIRS.stream().map(p -> p[0].label() + "~" + p[1].label()).toList();
        List<String> layers = arch.weightLayerNames().subList(0, weightLayers.size());
        if (outcome != SweepOutcome.COMPLETED || grams.size() < 4) {
            return new Result(k, n, layers, pairs, null, outcome);
        }
        double[][] values = new double[weightLayers.size()][PAIRS.size()];
        for (int l = 0; l < weightLayers.size(); l++) {
            for (int p = 0; p < PAIRS.size(); p++) {
                values[l][p] = Cka.fromGrams(grams.get(PAIRS.get(p)[0]).get(l), grams.get(PAIRS.get(p)[1]).get(l));
            }
        }
        return new Result(k, n, layers, pairs, values, outcome);
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
