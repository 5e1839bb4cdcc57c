package org.transferworkbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.results.ResultsStore;
import org.transferworkbench.core.split.ClassSplit;
import org.transferworkbench.core.sweep.BaseNetCache;
import org.transferworkbench.core.sweep.Estimates;
import org.transferworkbench.core.sweep.PaperPlan;
import org.transferworkbench.core.train.CancellationToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = "Predict transferability before training: LogME and H-score for every cut point k, LEEP for "
                + "base A, and (with --results) their rank agreement with the measured AnB curve.")
final class EstimateCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Mixin
    ExperimentOptions experiment;

    @Option(names = "--results", paramLabel = "RESULTS.json",
            description = "A sweep of the same setting: prints its measured AnB per k and Kendall's tau against it.")
    Path results;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Base-net cache (default: ~/.cache/transfer-workbench/base-nets).")
    Path cache;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Dataset dataset = data.load();
        ClassSplit split = experiment.split(dataset);
        Architecture arch = Architecture.transferCnn(dataset.inputShape(), dataset.numClasses());
        PaperPlan plan = new PaperPlan(dataset, split, experiment.bPerClass, arch, experiment.recipe(dataset),
                Set.of(Condition.ANB), arch.cutPoints(), List.of(experiment.seed));
        List<RunRecord> measured = results == null ? List.of() : ResultsStore.read(results).runs();
        var out = spec.commandLine().getOut();
        out.printf("Data %s; split %s: A = %s; B = %s%n", dataset.name(), split.name(), split.classesA(),
                split.classesB());
        Estimates.Result r = Estimates.of(plan, experiment.seed, new BaseNetCache(cache != null ? cache
                : BaseNetCache.defaultFolder()), new CancellationToken());
        out.printf("Base A (seed %d) %s; B's training images pass through it once.%n", experiment.seed,
                r.baseAReused() ? "from the cache" : "trained now (and cached)");
        out.printf("  %-3s %-7s %8s %10s %9s %14s%n", "k", "layer", "features", "LogME", "H-score", "measured AnB");
        Estimates.Agreement agreement = Estimates.agreement(r, measured);
        for (int i = 0; i < r.perCut().size(); i++) {
            Estimates.PerCut c = r.perCut().get(i);
            double anb = agreement.measured()[i];
            out.printf(Locale.ROOT, "  %-3d %-7s %8d %10.4f %9.3f %14s%n", c.k(), c.layer(), c.features(),
                    c.logMe(), c.hScore(), Double.isNaN(anb) ? "-" : String.format(Locale.ROOT, "%.4f", anb));
        }
        out.printf(Locale.ROOT, "LEEP of base A's softmax for B's labels: %.4f (0 is best)%n", r.leep());
        if (agreement.complete()) {
            out.printf(Locale.ROOT, "Kendall's tau against the measured AnB over %d cut points: LogME %+.2f, "
                    + "H-score %+.2f (+1 = the same order)%n", r.perCut().size(), agreement.logMeTau(),
                    agreement.hScoreTau());
        } else if (results != null) {
            out.println("No Kendall's tau: " + results + " lacks a learned AnB run at some k.");
        }
        out.printf(Locale.ROOT, "Estimates computed in %.1f s (after base A).%n", r.seconds());
        return 0;
    }
}
