package org.transferworkbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.transferworkbench.core.backend.Backend;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.results.FewShot;
import org.transferworkbench.core.split.ClassSplit;
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

@Command(name = "fewshot", mixinStandardHelpOptions = true,
        description = "Few examples (the 999:1 question): baseB, AnB and AnB+ at one cut point for several sizes of "
                + "B, and where transfer pays most.")
final class FewShotCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Mixin
    ExperimentOptions experiment;

    @Option(names = "--sizes", paramLabel = "LIST", split = ",", defaultValue = "1,2,5,10,25,50,100,all",
            description = "Training images per B class, 'all' for every one (default: ${DEFAULT-VALUE}).")
    List<String> sizes;

    @Option(names = "--k", paramLabel = "K",
            description = "Cut point (default: the k where AnB+ scores best in a probe at 10 images per class).")
    Integer k;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "2",
            description = "Training seeds per size (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--min-steps", paramLabel = "N", defaultValue = "300",
            description = "At least N mini-batch updates per net, whatever the size of B (default: ${DEFAULT-VALUE};"
                    + " 0 = epochs alone).")
    int minSteps;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Folder: one results folder per size (per-class-N), and the probe's.")
    Path out;

    @Option(names = "--workers", paramLabel = "N", description = "Runs trained at once (default: as sweep).")
    Integer workers;

    @Option(names = "--resume", description = "Continue in --out, skipping finished runs.")
    boolean resume;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Base-net cache (default: ~/.cache/transfer-workbench/base-nets); base A is trained once "
                    + "and reused by every size.")
    Path cache;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (experiment.bPerClass != 0) {
            throw new IllegalArgumentException("fewshot sets the B size itself: use --sizes, not --b-per-class");
        }
        if (seeds < 1 || seeds > 100) {
            throw new IllegalArgumentException("--seeds must be 1..100, not " + seeds);
        }
        List<Integer> perClass = parseSizes(sizes);
        Dataset dataset = data.load();
        ClassSplit split = experiment.split(dataset);
        Architecture arch = Architecture.transferCnn(dataset.inputShape(), dataset.numClasses());
        Recipe recipe = experiment.recipe().withMinSteps(minSteps);
        BaseNetCache baseNets = new BaseNetCache(cache != null ? cache : BaseNetCache.defaultFolder());
        List<Long> seedList = new ArrayList<>();
        for (int i = 0; i < seeds; i++) {
            seedList.add(experiment.seed + i);
        }
        int n = workers == null ? Backend.defaultWorkers() : workers;
        if (n > 1) {
            Backend.limitThreads(1);
        }
        var console = spec.commandLine().getOut();
        ProgressPrinter printer = new ProgressPrinter(console);
        console.printf("Data %s: %d classes; split %s: A = %s; B = %s%n", dataset.name(), dataset.numClasses(),
                split.name(), split.classesA(), split.classesB());
        int cut = k != null ? k : probe(dataset, split, arch, recipe, seedList.get(0), baseNets, n, printer);
        Map<Integer, List<RunRecord>> bySize = new LinkedHashMap<>();
        for (int size : perClass) {
            PaperPlan plan = new PaperPlan(dataset, split, size, arch, recipe,
                    EnumSet.of(Condition.BASE_B, Condition.ANB, Condition.ANB_PLUS), List.of(cut), seedList);
            console.printf("%n%s images per B class:%n", size == 0 ? "All" : Integer.toString(size));
            Sweep sweep = Sweep.open(plan, out.resolve("per-class-" + (size == 0 ? "all" : size)), resume, baseNets)
                    .withWorkers(n);
            SweepOutcome outcome = sweep.run(printer, new CancellationToken());
            if (outcome != SweepOutcome.COMPLETED) {
                spec.commandLine().getErr().println("error: " + (outcome == SweepOutcome.FAILED ? printer.failure()
                        : "cancelled") + " (finished runs are saved; --resume continues)");
                return outcome == SweepOutcome.FAILED ? 1 : 130;
            }
            bySize.put(size, sweep.store().runs());
        }
        List<FewShot.Row> rows = FewShot.rows(bySize, cut);
        console.println();
        console.print(FewShot.table(rows, cut));
        console.println(FewShot.verdict(rows));
        console.printf("Results: %s/per-class-*/results.json%n", out);
        return 0;
    }

    /** The k where AnB+ scores best at 10 images per class, one seed: the cut point the curve is drawn at. */
    private int probe(Dataset dataset, ClassSplit split, Architecture arch, Recipe recipe, long seed,
                      BaseNetCache baseNets, int n, ProgressPrinter printer) {
        var console = spec.commandLine().getOut();
        console.printf("Probe: AnB+ at every k with 10 images per B class, seed %d, to choose the cut point%n", seed);
        PaperPlan plan = new PaperPlan(dataset, split, 10, arch, recipe, Set.of(Condition.ANB_PLUS),
                arch.cutPoints(), List.of(seed));
        Sweep sweep = Sweep.open(plan, out.resolve("probe"), resume, baseNets).withWorkers(n);
        if (sweep.run(printer, new CancellationToken()) != SweepOutcome.COMPLETED) {
            throw new IllegalStateException("the probe did not finish: " + printer.failure());
        }
        RunRecord best = null;
        for (RunRecord r : sweep.store().runs()) {
            if (r.diverged() == null && (best == null || r.testAccuracy() > best.testAccuracy()
                    || (r.testAccuracy() == best.testAccuracy() && r.k() < best.k()))) {
                best = r;
            }
        }
        if (best == null) {
            throw new IllegalStateException("every probe run diverged; give --k");
        }
        console.printf("Probe: AnB+ scores best at k=%d (%.3f); the curve is drawn there (give --k to choose)%n",
                best.k(), best.testAccuracy());
        return best.k();
    }

    static List<Integer> parseSizes(List<String> sizes) {
        List<Integer> list = new ArrayList<>();
        for (String s : sizes) {
            String t = s.strip();
            int v;
            try {
                v = t.equalsIgnoreCase("all") ? 0 : Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--sizes takes numbers of images per class or 'all', not '" + t
                        + "'");
            }
            if (v < 0 || list.contains(v)) {
                throw new IllegalArgumentException("--sizes: '" + t + "' is negative or repeated");
            }
            list.add(v);
        }
        return list;
    }
}
