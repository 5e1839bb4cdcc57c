package org.transferworkbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.transferworkbench.core.backend.Backend;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.results.FewShot;
import org.transferworkbench.core.split.ClassSplit;
import org.transferworkbench.core.sweep.BaseNetCache;
import org.transferworkbench.core.sweep.FewShotExperiment;
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
        Recipe recipe = experiment.recipe(dataset).withMinSteps(minSteps);
        BaseNetCache baseNets = new BaseNetCache(cache != null ? cache : BaseNetCache.defaultFolder());
        List<Long> seedList = experiment.seeds(seeds);
        int n = workers == null ? Backend.defaultWorkers() : workers;
        if (n > 1) {
            Backend.limitThreads(1);
        }
        FewShotExperiment fewShot = new FewShotExperiment(dataset, split, recipe, perClass, seedList, out, resume,
                baseNets, n);
        if (k != null && !fewShot.cutPoints().contains(k)) {
            throw new IllegalArgumentException("--k must be one of " + fewShot.cutPoints() + ", not " + k);
        }
        var console = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        ProgressPrinter printer = new ProgressPrinter(console);
        CancellationToken cancel = new CancellationToken();
        console.printf("Data %s: %d classes; split %s: A = %s; B = %s%n", dataset.name(), dataset.numClasses(),
                split.name(), split.classesA(), split.classesB());
        int cut = k != null ? k : -1;
        if (cut < 0) {
            console.printf("Probe: AnB+ at every k with %d images per B class, seed %d, to choose the cut point%n",
                    FewShotExperiment.PROBE_SIZE, seedList.get(0));
            cut = fewShot.probe(printer, cancel);
            if (cut < 0) {
                err.println("error: the probe did not finish: " + printer.failure());
                return 1;
            }
            console.printf("Probe: AnB+ scores best at k=%d; the curve is drawn there (give --k to choose)%n", cut);
        }
        FewShotExperiment.Outcome outcome = fewShot.run(cut, printer, cancel, rows -> { });
        if (outcome.outcome() != SweepOutcome.COMPLETED) {
            err.println("error: " + (outcome.outcome() == SweepOutcome.FAILED ? printer.failure() : "cancelled")
                    + " (finished runs are saved; --resume continues)");
            return outcome.outcome() == SweepOutcome.FAILED ? 1 : 130;
        }
        console.println();
        console.print(FewShot.table(outcome.rows(), cut));
        console.println(FewShot.verdict(outcome.rows()));
        console.printf("Results: %s%n", fewShot.folderFor(perClass.get(0)).resolveSibling("per-class-*"));
        return 0;
    }

    static List<Integer> parseSizes(List<String> sizes) {
        try {
            return FewShotExperiment.parseSizes(String.join(",", sizes));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage(), e);
        }
    }
}
