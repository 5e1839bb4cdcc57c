package org.transferworkbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.transferworkbench.core.backend.Backend;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.results.ResultsStore;
import org.transferworkbench.core.results.Findings;
import org.transferworkbench.core.results.Summary;
import org.transferworkbench.core.split.ClassSplit;
import org.transferworkbench.core.split.SplitSpec;
import org.transferworkbench.core.results.Spread;
import org.transferworkbench.core.sweep.BaseNetCache;
import org.transferworkbench.core.sweep.PaperPlan;
import org.transferworkbench.core.sweep.Preset;
import org.transferworkbench.core.sweep.Sweep;
import org.transferworkbench.core.sweep.SweepOutcome;
import org.transferworkbench.core.train.CancellationToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run the six conditions (baseA, baseB, BnB, BnB+, AnB, AnB+) for every cut point k.")
final class SweepCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Mixin
    ExperimentOptions experiment;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "1",
            description = "Number of training seeds: --seed, --seed+1, ... (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--k", paramLabel = "K", description = "Cut points: 1..5, 2,4 or 3 (default: all).")
    String cutPoints;

    @Option(names = "--conditions", paramLabel = "LIST", split = ",",
            description = "Conditions to run (default: all six): baseA,baseB,BnB,BnB+,AnB,AnB+.")
    List<String> conditions;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Folder for results.json and results.csv (written as each run finishes).")
    Path out;

    @Option(names = "--splits", paramLabel = "N", defaultValue = "1",
            description = "Repeat the sweep over N random splits (split seeds S, S+1, ...), each into DIR/split-S; "
                    + "the table and findings average over splits and seeds (default: ${DEFAULT-VALUE}).")
    int splits;

    @Option(names = "--workers", paramLabel = "N",
            description = "Runs trained at once, one compute thread each (default: the number of cores, or 1 on a "
                    + "GPU; 1 = one run at a time on all cores).")
    Integer workers;

    @Option(names = "--preset", paramLabel = "classroom",
            description = "classroom: 150 training images per class and 3 epochs (unless --epochs is given): the whole "
                    + "sweep in about 70 s on a 2-core laptop.")
    String preset;

    @Option(names = "--resume", description = "Continue the sweep in --out, skipping finished runs.")
    boolean resume;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Base-net cache folder (default: ~/.cache/transfer-workbench/base-nets).")
    Path cache;

    @Option(names = "--no-cache", description = "Train base nets even if cached ones exist (and do not cache "
                    + "them); with --pretrained, frozen runs pass every batch through the frozen layers instead of "
                    + "cached activations.")
    boolean noCache;

    @Option(names = "--pretrained", paramLabel = "FILE",
            description = "Transfer from this net instead of base nets trained on A: a DL4J zip or a Keras .h5. "
                    + "Runs baseB, AnB and AnB+ on your classes.")
    Path pretrained;

    @Option(names = "--normalise", paramLabel = "unit|signed|caffe|vgg|imagenet",
            description = "Value range the --pretrained net was trained on (default: unit = [0,1]).")
    String normalise;

    @Option(names = "--classes", paramLabel = "LIST", split = ",",
            description = "With --pretrained: the classes to train on (default: all classes of DATA).")
    List<String> classes;

    @Option(names = "--baseline", paramLabel = "auto|always|never", defaultValue = "auto",
            description = "With --pretrained: train the from-scratch baseline (baseB); auto = when its estimated "
                    + "time is at most 15 minutes per seed (default: ${DEFAULT-VALUE}).")
    String baseline;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (seeds < 1 || seeds > 100) {
            throw new IllegalArgumentException("--seeds must be 1..100, not " + seeds);
        }
        Preset chosen = preset == null ? null : Preset.named(preset);
        if (pretrained != null) {
            if (chosen != null) {
                throw new IllegalArgumentException("--preset is for the paper's sweep, not with --pretrained");
            }
            return new PretrainedSweep(this).run();
        }
        if (splits < 1 || splits > 20) {
            throw new IllegalArgumentException("--splits must be 1..20, not " + splits);
        }
        if (splits > 1 && !experiment.split.equals("random")) {
            throw new IllegalArgumentException("--splits repeats random splits; a groups file fixes the split");
        }
        Dataset dataset = load();
        ClassSplit split = experiment.split(dataset);
        List<Integer> ks = plan(dataset, split).cutPoints();
        BaseNetCache baseNets = noCache ? null : new BaseNetCache(cache != null ? cache : BaseNetCache.defaultFolder());
        int n = workers();
        if (n > 1 || pretrained == null) {
            // Two one-thread runs beat one two-thread run on this small CNN (README: Speed). A paper sweep computes
            // every run on one thread even with --workers 1: oneDNN sums in another order on two threads, and a
            // run's results must not depend on how many ran beside it.
            Backend.limitThreads(1);
        }
        var console = spec.commandLine().getOut();
        console.printf("Backend: %s; %d run(s) at a time%n", Backend.info().describe(), n);
        if (chosen != null) {
            console.printf("Preset %s%n", chosen.describe());
        }
        ProgressPrinter printer = new ProgressPrinter(console);
        List<RunRecord> all = new ArrayList<>();
        List<ResultsStore> stores = new ArrayList<>();
        SweepOutcome outcome = SweepOutcome.COMPLETED;
        for (int i = 0; i < splits && outcome == SweepOutcome.COMPLETED; i++) {
            ClassSplit s = splits == 1 ? split : SplitSpec.random(dataset.classNames(), split.seed() + i);
            PaperPlan plan = plan(dataset, s);
            Sweep sweep = Sweep.open(plan, splits == 1 ? out : out.resolve("split-" + s.seed()), resume, baseNets)
                    .withWorkers(n);
            console.printf("Data %s: %s, %d classes; split seed %d: A = %s; B = %s%n", dataset.name(),
                    dataset.inputShape(), dataset.numClasses(), s.seed(), s.classesA(), s.classesB());
            if (i == 0) {
                console.printf("Recipe: %s%n", plan.recipe().describe());
            }
            outcome = sweep.run(printer, new CancellationToken());
            all.addAll(sweep.store().runs());
            stores.add(sweep.store());
        }
        return finish(outcome, all, stores, ks, printer, "A");
    }

    /** The data, made smaller by the preset if one is asked for (whose epochs apply unless --epochs is given). */
    Dataset load() {
        Dataset dataset = data.load();
        if (preset == null) {
            return dataset;
        }
        Preset chosen = Preset.named(preset);
        if (experiment.epochs == null) {
            experiment.epochs = chosen.epochs();
        }
        return chosen.apply(dataset);
    }

    /** The paper sweep these options describe, on one split (the CLI, and each task of a distributed sweep). */
    PaperPlan plan(Dataset dataset, ClassSplit split) {
        Architecture arch = Architecture.transferCnn(dataset.inputShape(), dataset.numClasses());
        List<Integer> ks = cutPoints == null ? arch.cutPoints() : parseCutPoints(cutPoints);
        Set<Condition> chosen = EnumSet.noneOf(Condition.class);
        if (conditions == null) {
            chosen.addAll(EnumSet.allOf(Condition.class));
        } else {
            conditions.forEach(c -> chosen.add(Condition.fromLabel(c.strip())));
        }
        return new PaperPlan(dataset, split, experiment.bPerClass, arch, experiment.recipe(dataset), chosen, ks,
                seedList());
    }

    int finish(SweepOutcome outcome, ResultsStore store, List<Integer> ks, ProgressPrinter printer, String sourceTask) {
        return finish(outcome, store.runs(), List.of(store), ks, printer, sourceTask);
    }

    /**
     * The table and findings over every run of the sweep (all splits), stored in each split's results file, and how
     * much of the spread the split explains.
     *
     * @param sourceTask what "A" is in the findings' words ("A", or the loaded net's own task)
     */
    int finish(SweepOutcome outcome, List<RunRecord> runs, List<ResultsStore> stores, List<Integer> ks,
               ProgressPrinter printer, String sourceTask) {
        var console = spec.commandLine().getOut();
        console.println();
        console.print(Summary.table(runs, ks));
        if (runs.stream().map(r -> r.splitSeed() + "/" + r.seed()).distinct().count() > 1) {
            console.print(Summary.intervals(runs, ks));
        }
        List<Findings.Finding> findings = Findings.of(runs, ks, sourceTask);
        if (!findings.isEmpty()) {
            console.println("What the runs show (95% intervals; README: Reading the findings):");
            findings.forEach(f -> console.println("  - " + f.text()));
            stores.forEach(s -> s.writeFindings(findings));
        }
        Spread spread = Spread.of(runs);
        if (spread != null) {
            console.printf(Locale.ROOT, "Spread of test accuracy over %d cells: the split explains %.0f%%, the "
                    + "training seed %.0f%%.%n", spread.cells(), 100 * spread.splitShare(), 100 * spread.seedShare());
        }
        for (ResultsStore s : stores) {
            console.printf("Results: %s and %s%n", s.folder().resolve(ResultsStore.JSON_NAME),
                    s.folder().resolve(ResultsStore.CSV_NAME));
        }
        if (outcome == SweepOutcome.FAILED) {
            spec.commandLine().getErr().println("error: " + printer.failure());
            return 1;
        }
        return outcome == SweepOutcome.COMPLETED ? 0 : 130;
    }

    int workers() {
        int n = workers == null ? Backend.defaultWorkers() : workers;
        if (n < 1 || n > 256) {
            throw new IllegalArgumentException("--workers must be 1..256, not " + n);
        }
        return n;
    }

    List<Long> seedList() {
        return experiment.seeds(seeds);
    }

    /** No net the workbench can train has more cut points; a range is checked before it is expanded. */
    static final int MAX_CUT_POINTS = 1000;

    static List<Integer> parseCutPoints(String text) {
        List<Integer> ks = new ArrayList<>();
        try {
            for (String part : text.split(",")) {
                String p = part.strip();
                int from;
                int to;
                if (p.contains("..")) {
                    from = Integer.parseInt(p.substring(0, p.indexOf("..")).strip());
                    to = Integer.parseInt(p.substring(p.indexOf("..") + 2).strip());
                } else {
                    from = Integer.parseInt(p);
                    to = from;
                }
                if (from < 1 || to < from || to > MAX_CUT_POINTS) {
                    throw new IllegalArgumentException("--k: cut points run from 1 up to the net's last weight layer "
                            + "below its classifier, not '" + p + "'");
                }
                for (int k = from; k <= to; k++) {
                    if (ks.contains(k)) {
                        throw new IllegalArgumentException("--k names cut point " + k + " twice");
                    }
                    ks.add(k);
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--k must look like 1..5, 2,4 or 3, not '" + text + "'");
        }
        if (ks.isEmpty()) {
            throw new IllegalArgumentException("--k names no cut point");
        }
        return ks;
    }
}
