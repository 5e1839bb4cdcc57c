package org.transferworkbench.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.experiment.SweepListener;
import org.transferworkbench.core.split.ClassSplit;
import org.transferworkbench.core.sweep.BaseNetCache;
import org.transferworkbench.core.sweep.LayerSimilarity;
import org.transferworkbench.core.sweep.PaperPlan;
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

    @Override
    public Integer call() {
        if (images < 10 || images > 5000) {
            throw new IllegalArgumentException("--images must be 10..5000, not " + images);
        }
        Dataset dataset = data.load();
        ClassSplit split = experiment.split(dataset);
        PaperPlan plan = LayerSimilarity.plan(dataset, split, experiment.bPerClass, experiment.recipe(dataset), k,
                experiment.seed);
        PrintWriter console = spec.commandLine().getOut();
        console.printf("Training baseA, baseB, AnB+ and BnB+ at k=%d (base nets from the cache when there)...%n", k);
        LayerSimilarity.Result r = LayerSimilarity.of(plan, images, noCache ? null
                : new BaseNetCache(BaseNetCache.defaultFolder()), SweepListener.NONE, new CancellationToken());
        if (!r.complete()) {
            // The sweep has logged why; the answer stays one line.
            throw new UserError("cka: the four nets could not be trained (" + r.outcome().name()
                    .toLowerCase(Locale.ROOT) + "); see the log above");
        }
        console.printf(Locale.ROOT, "Linear CKA on %d of B's test images, cut point k=%d (1 = the same up to rotation "
                + "and scale):%n", r.images(), k);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-8s", "layer"));
        r.pairs().forEach(p -> head.append(String.format(Locale.ROOT, " %14s", p)));
        console.println(head);
        for (int l = 0; l < r.layers().size(); l++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-8s", r.layers().get(l)
                    + (l < k ? "*" : "")));
            for (double v : r.values()[l]) {
                row.append(String.format(Locale.ROOT, " %14.3f", v));
            }
            console.println(row);
        }
        console.println("  (* transferred from the base net. baseA~baseB: alike across tasks = general; "
                + "baseA~AnB+: what fine-tuning kept of A's features.)");
        return 0;
    }
}
