package org.transferworkbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.backend.Backend;
import org.transferworkbench.core.bench.SweepTwin;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.data.DatasetLoader;
import org.transferworkbench.core.data.LoadOptions;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.experiment.SweepListener;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.split.ClassSplit;
import org.transferworkbench.core.split.SplitSpec;
import org.transferworkbench.core.sweep.BaseNetCache;
import org.transferworkbench.core.sweep.PaperPlan;
import org.transferworkbench.core.sweep.Sweep;
import org.transferworkbench.core.sweep.SweepOutcome;
import org.transferworkbench.core.train.CancellationToken;

/**
 * {@code bench --sweep-twin}: the default sweep (random split, seed 1, all six conditions, k = 1..5) here, cold (a
 * fresh base-net cache), then the PyTorch twin of the same protocol, cold too, back to back in one process; prints
 * both wall times, {@code sweep_ratio} (PyTorch's over the workbench's: above 1 the workbench is faster) and every
 * run's accuracy on both sides.
 */
final class SweepTwinBench {

    private SweepTwinBench() {
    }

    static int run(BenchCommand options, PrintWriter out) throws IOException {
        if (!Files.isRegularFile(options.sweepTwin)) {
            throw new UserError(options.sweepTwin + ": no such script");
        }
        if (options.sweepEpochs < 1 || options.sweepEpochs > 100) {
            throw new IllegalArgumentException("--sweep-epochs must be 1..100, not " + options.sweepEpochs);
        }
        Path work = Files.createTempDirectory("sweep-twin");
        Dataset dataset = DatasetLoader.load(options.sweepData, LoadOptions.defaults());
        ClassSplit split = SplitSpec.random(dataset.classNames(), 1);
        Architecture arch = Architecture.transferCnn(dataset.inputShape(), dataset.numClasses());
        PaperPlan plan = new PaperPlan(dataset, split, 0, arch, Recipe.DEFAULT.withEpochs(options.sweepEpochs),
                EnumSet.allOf(Condition.class), arch.cutPoints(), List.of(1L));
        int workers = Backend.defaultWorkers();
        if (workers > 1) {
            Backend.limitThreads(1);
        }
        out.printf("RESULT workbench: %s, %d run(s) at a time; %s%n", Backend.info().describe(), workers,
                plan.describe());
        out.flush();
        long start = System.nanoTime();
        Sweep sweep = Sweep.open(plan, work.resolve("workbench"), false, new BaseNetCache(work.resolve("cache")))
                .withWorkers(workers);
        SweepOutcome outcome = sweep.run(SweepListener.NONE, new CancellationToken());
        double workbenchSeconds = (System.nanoTime() - start) / 1e9;
        if (outcome != SweepOutcome.COMPLETED) {
            throw new UserError("the workbench's sweep did not complete (" + outcome + ")");
        }
        out.printf(Locale.ROOT, "RESULT workbench_wall_s=%.1f%n", workbenchSeconds);
        out.flush();
        int threads = Runtime.getRuntime().availableProcessors();
        SweepTwin.Outcome twin = SweepTwin.run(options.python, options.sweepTwin, options.sweepData,
                options.sweepEpochs, threads, work.resolve("torch-cache"), line -> {
                    out.println("RESULT torch " + line);
                    out.flush();
                });
        out.printf(Locale.ROOT, "%n  %-7s %-3s %10s %10s%n", "run", "k", "workbench", "pytorch");
        Map<String, Double> torch = twin.accuracies();
        for (RunRecord r : sweep.store().runs()) {
            Double t = torch.get(r.condition().label() + " k=" + r.k());
            out.printf(Locale.ROOT, "  %-7s %-3d %10.4f %10s%n", r.condition().label(), r.k(), r.testAccuracy(),
                    t == null ? "-" : String.format(Locale.ROOT, "%.4f", t));
        }
        out.printf(Locale.ROOT, "workbench_wall_s=%.1f torch_wall_s=%.1f (%d thread(s))%n", workbenchSeconds,
                twin.wallSeconds(), threads);
        out.printf(Locale.ROOT, "sweep_ratio=%.2f (PyTorch wall time over the workbench's; above 1 = workbench "
                + "faster)%n", twin.wallSeconds() / workbenchSeconds);
        return 0;
    }
}
