package org.transferworkbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;
import org.transferworkbench.core.backend.Backend;
import org.transferworkbench.core.bench.ZooNets;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.data.InputShape;
import org.transferworkbench.core.data.TensorSet;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunKey;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.experiment.RunSink;
import org.transferworkbench.core.experiment.SweepEvent;
import org.transferworkbench.core.experiment.SweepListener;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.pretrained.FrozenCuts;
import org.transferworkbench.core.pretrained.PretrainedNet;
import org.transferworkbench.core.pretrained.PretrainedNetLoader;
import org.transferworkbench.core.sweep.LoadedNetPlan;
import org.transferworkbench.core.sweep.Sweep;
import org.transferworkbench.core.sweep.SweepOutcome;
import org.transferworkbench.core.train.CancellationToken;

/**
 * {@code bench --zoo}: frozen runs (AnB) against the zoo's ImageNet architectures at 224 px (random weights, written
 * to a zip and read back as a user's net file would be), at their default cut points, on synthetic colour images:
 * first on cached activations (one forward pass for every cut point, then each run trains its head), then through
 * the frozen layers at every step, the way frozen runs trained before. Prints the featurizing speed, every run's
 * time on both paths and the sweep totals side by side.
 */
final class ZooBench {

    private ZooBench() {
    }

    static int run(BenchCommand o, PrintWriter out) throws IOException {
        Recipe recipe = Recipe.DEFAULT.withEpochs(o.zooEpochs);
        for (String name : o.zoo) {
            Path zip = Files.createTempFile("zoo-" + name, ".zip");
            try {
                Model model = ZooNets.build(name, o.zooSize);
                ModelSerializer.writeModel(model, zip.toFile(), false);
                PretrainedNet net = PretrainedNetLoader.load(zip);
                try {
                    bench(name, net, recipe, o, out);
                } finally {
                    net.close();
                }
            } finally {
                Files.deleteIfExists(zip);
            }
        }
        return 0;
    }

    private static void bench(String name, PretrainedNet net, Recipe recipe, BenchCommand o, PrintWriter out) {
        Dataset data = images(o.zooImages, o.zooSize);
        List<Integer> cuts = o.zooCuts == null ? FrozenCuts.defaults(net) : o.zooCuts;
        out.printf(Locale.ROOT, "RESULT zoo %s: %,d parameters, %d cut points, default %s, timed at %s; %d training "
                        + "images (+%d validation, %d test) at %dx%d, %s; %s%n", name, net.parameters(),
                net.cutPoints().size(), FrozenCuts.defaults(net), cuts, data.train().size(), data.validation().size(),
                data.test().size(), o.zooSize, o.zooSize, recipe.describe(), Backend.info().describe());
        out.flush();
        // Untimed: one epoch of 64 images on both paths, so neither side pays the JIT's and oneDNN's first calls
        // (a first epoch ran 1.5x slower than the second here) for the other.
        Dataset warm = images(64, o.zooSize);
        sweep(warm, net, Recipe.DEFAULT.withEpochs(1), cuts, true, null);
        sweep(warm, net, Recipe.DEFAULT.withEpochs(1), cuts, false, null);
        Timed cached = sweep(data, net, recipe, cuts, true, out);
        List<Integer> slow = "deepest".equals(o.zooUncached) ? List.of(cuts.get(cuts.size() - 1)) : cuts;
        Timed uncached = "none".equals(o.zooUncached) ? null : sweep(data, net, recipe, slow, false, out);
        int rows = data.train().size() + data.validation().size() + data.test().size();
        out.printf(Locale.ROOT, "RESULT zoo %s featurize: %d images for %d cut points in %.1f s = %.1f img/s%n", name,
                rows, cuts.size(), cached.featurizeSeconds, rows / cached.featurizeSeconds);
        for (int i = 0; i < cuts.size(); i++) {
            int k = cuts.get(i);
            double slowRun = uncached == null ? Double.NaN : uncached.secondsAt(k);
            out.printf(Locale.ROOT, "RESULT zoo %s k=%d (%s): cached run %.1f s, uncached run %s, test accuracy "
                            + "%.3f / %s%n", name, k, net.weightLayers().get(k - 1), cached.secondsAt(k),
                    Double.isNaN(slowRun) ? "-" : String.format(Locale.ROOT, "%.1f s", slowRun),
                    cached.accuracyAt(k), uncached == null || Double.isNaN(uncached.accuracyAt(k)) ? "-"
                            : String.format(Locale.ROOT, "%.3f", uncached.accuracyAt(k)));
        }
        double cachedTotal = cached.featurizeSeconds + cached.runSeconds();
        out.printf(Locale.ROOT, "RESULT zoo %s sweep (AnB at %d cut points): cached %.1f s (featurize %.1f + runs "
                + "%.1f)", name, cuts.size(), cachedTotal, cached.featurizeSeconds, cached.runSeconds());
        if (uncached != null && slow.size() == cuts.size()) {
            out.printf(Locale.ROOT, ", uncached %.1f s, speed-up %.1fx", uncached.runSeconds(),
                    uncached.runSeconds() / cachedTotal);
        }
        out.println();
        out.flush();
    }

    /** Run times (without the shared forward pass) and accuracies by cut point, and that pass's time. */
    private record Timed(Map<Integer, Double> seconds, Map<Integer, Double> accuracy, double featurizeSeconds) {
        double secondsAt(int k) {
            return seconds.getOrDefault(k, Double.NaN);
        }

        double accuracyAt(int k) {
            return accuracy.getOrDefault(k, Double.NaN);
        }

        double runSeconds() {
            return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** @param out where to print each run, or null for an untimed warm-up */
    private static Timed sweep(Dataset data, PretrainedNet net, Recipe recipe, List<Integer> cuts, boolean cached,
                               PrintWriter out) {
        LoadedNetPlan plan = new LoadedNetPlan(data, List.of(), net, 0, recipe, EnumSet.of(Condition.ANB), cuts,
                List.of(1L));
        List<RunRecord> records = new ArrayList<>();
        long[] featurize = {0, 0};
        SweepListener listener = e -> {
            if (out == null) {
                return; // a warm-up
            }
            if (e instanceof SweepEvent.Featurizing f) {
                long now = System.nanoTime();
                if (featurize[0] == 0) {
                    featurize[0] = now;
                }
                featurize[1] = now;
            } else if (e instanceof SweepEvent.EpochFinished f) {
                out.printf(Locale.ROOT, "RESULT     %s epoch %d: %.1f s%n", f.key(), f.stats().epoch(),
                        f.stats().seconds());
                out.flush();
            } else if (e instanceof SweepEvent.RunFinished f) {
                records.add(f.record());
                out.printf(Locale.ROOT, "RESULT   %s %s: %.1f s, %s%n", cached ? "cached" : "uncached",
                        f.record().key(), f.record().seconds(), f.record().diverged() != null
                                ? f.record().diverged() : String.format(Locale.ROOT, "test accuracy %.3f",
                                f.record().testAccuracy()));
                out.flush();
            }
        };
        RunSink discard = new RunSink() {
            @Override
            public Set<RunKey> done() {
                return Set.of();
            }

            @Override
            public void add(RunRecord record) {
                // the listener keeps what the benchmark prints
            }
        };
        SweepOutcome outcome = Sweep.into(plan, discard, null).withCachedActivations(cached)
                .run(listener, new CancellationToken());
        if (outcome != SweepOutcome.COMPLETED) {
            throw new IllegalStateException("the " + (cached ? "cached" : "uncached") + " sweep ended " + outcome);
        }
        double featurizeSeconds = (featurize[1] - featurize[0]) / 1e9;
        Map<Integer, Double> seconds = new TreeMap<>();
        Map<Integer, Double> accuracy = new TreeMap<>();
        for (RunRecord r : records) {
            // The first cached run's time includes the shared forward pass: counted once, as featurizing.
            boolean first = cached && r == records.get(0);
            seconds.put(r.k(), first ? r.seconds() - featurizeSeconds : r.seconds());
            accuracy.put(r.k(), r.testAccuracy());
        }
        return new Timed(seconds, accuracy, featurizeSeconds);
    }

    /** Colour images whose class sets a tint and a stripe: something to learn, at the net's input size. */
    static Dataset images(int trainImages, int size) {
        int classes = 5;
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class" + c);
        }
        Random random = new Random(7);
        return new Dataset("synthetic-" + size + "px", "memory", "synthetic", names, new InputShape(3, size, size),
                set(trainImages, classes, size, random), set(Math.max(classes, trainImages / 6), classes, size,
                random), set(Math.max(classes, trainImages / 6), classes, size, random),
                "synthetic-zoo-" + trainImages + "-" + size, List.of(), List.of());
    }

    private static TensorSet set(int n, int classes, int size, Random random) {
        int plane = size * size;
        float[] data = new float[n * 3 * plane];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int cls = i % classes;
            labels[i] = cls;
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < plane; p++) {
                    float stripe = (p / size) % (cls + 2) == 0 ? 0.3f : 0f;
                    data[(i * 3 + c) * plane + p] = Math.min(1f, 0.5f * random.nextFloat()
                            + (c == cls % 3 ? 0.2f : 0f) + stripe);
                }
            }
        }
        return new TensorSet(new int[] {3, size, size}, data, labels, classes);
    }
}
