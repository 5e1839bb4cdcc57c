package org.transferworkbench.core.sweep;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.transferworkbench.core.backend.Backend;
import org.transferworkbench.core.experiment.NetFiles;
import org.transferworkbench.core.experiment.RunKey;
import org.transferworkbench.core.experiment.RunSink;
import org.transferworkbench.core.experiment.SweepListener;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.results.ResultsStore;
import org.transferworkbench.core.split.TaskData;
import org.transferworkbench.core.train.CancellationToken;
import org.transferworkbench.core.train.TrainingListener;

/**
 * The one way to start a sweep, for the CLI and the window alike: {@link #open} writes the results header (or resumes
 * a folder that holds the same experiment), {@link #run} trains what is not done yet on the calling thread.
 *
 * <pre>
 * Sweep sweep = Sweep.open(plan, folder, resume, cache);
 * SweepOutcome outcome = sweep.run(listener, cancel);
 * </pre>
 */
public final class Sweep {

    private final SweepPlan plan;
    private final RunSink sink;
    private final ResultsStore store;
    private final BaseNetCache cache;
    private final RunInspector inspector;
    private final int workers;
    private final boolean cachedActivations;

    private Sweep(SweepPlan plan, RunSink sink, ResultsStore store, BaseNetCache cache, RunInspector inspector,
                  int workers) {
        this(plan, sink, store, cache, inspector, workers, true);
    }

    private Sweep(SweepPlan plan, RunSink sink, ResultsStore store, BaseNetCache cache, RunInspector inspector,
                  int workers, boolean cachedActivations) {
        this.cachedActivations = cachedActivations;
        this.plan = plan;
        this.sink = sink;
        this.store = store;
        this.cache = cache;
        this.inspector = inspector;
        this.workers = workers;
    }

    /**
     * Opens the results folder for this plan (the results header names the data, the source of transfer, the recipe
     * and this machine's backend). Fails with a {@code UserError} when the folder holds results and {@code resume}
     * is off, or holds another experiment's.
     *
     * @param cache base-net cache for the paper's protocol, or null to train base nets every time
     */
    public static Sweep open(SweepPlan plan, Path folder, boolean resume, BaseNetCache cache) {
        ResultsStore store = ResultsStore.open(folder, plan.header(Backend.info()), resume);
        return new Sweep(plan, store, store, cache, RunInspector.NONE, 1);
    }

    /** A sweep whose records go to any sink instead of a results folder (tests; analyses that keep nothing). */
    public static Sweep into(SweepPlan plan, RunSink sink, BaseNetCache cache) {
        return new Sweep(plan, sink, null, cache, RunInspector.NONE, 1);
    }

    public SweepPlan plan() {
        return plan;
    }

    /** The results folder's store (null for a sweep made {@link #into} another sink). */
    public ResultsStore store() {
        return store;
    }

    /** Runs finished earlier in this folder (a resumed sweep skips them). */
    public Set<RunKey> done() {
        return sink.done();
    }

    /** The same experiment with fewer runs (e.g. without the baseline after the estimate): same folder and header. */
    public Sweep narrowedTo(SweepPlan fewer) {
        if (fewer.getClass() != plan.getClass() || !new HashSet<>(plan.runs()).containsAll(fewer.runs())) {
            throw new IllegalArgumentException("a narrowed sweep must run a subset of the same plan's runs");
        }
        return new Sweep(fewer, sink, store, cache, inspector, workers, cachedActivations);
    }

    /** Lets a test look at every trained net before it is freed. */
    public Sweep inspectedBy(RunInspector runInspector) {
        return new Sweep(plan, sink, store, cache, runInspector, workers, cachedActivations);
    }

    /**
     * Trains up to {@code n} runs at once, each on its own thread (on a 2-core laptop two one-thread runs train about
     * a third faster together than one two-thread run). Call {@code Backend.limitThreads(1)} first so the workers do
     * not fight over cores. A sweep against a loaded net keeps one worker: its source net is one object.
     */
    public Sweep withWorkers(int n) {
        if (n < 1 || n > 256) {
            throw new IllegalArgumentException("workers must be 1..256, not " + n);
        }
        return new Sweep(plan, sink, store, cache, inspector, n, cachedActivations);
    }

    /**
     * Whether frozen runs against a loaded net train on the frozen layers' activations computed once (the default)
     * or pass every mini-batch through the frozen layers ({@code --no-cache}; the benchmark's comparison).
     */
    public Sweep withCachedActivations(boolean on) {
        return new Sweep(plan, sink, store, cache, inspector, workers, on);
    }

    /** Trains every run not done yet, on the calling thread; events go to the listener, records to the folder. */
    public SweepOutcome run(SweepListener listener, CancellationToken cancel) {
        if (plan instanceof PaperPlan paper) {
            BaseNets shared = new BaseNets();
            try {
                Supplier<RunTrainer> trainers = () -> new PaperTrainer(paper, cache, shared, inspector);
                return SweepRunner.run(plan, trainers, workers, sink, listener, cancel);
            } finally {
                shared.close();
            }
        }
        LoadedNetPlan loaded = (LoadedNetPlan) plan;
        try (FrozenActivations activations = new FrozenActivations(loaded, cachedActivations)) {
            return SweepRunner.run(plan, () -> new LoadedNetTrainer(loaded, activations), 1, sink, listener, cancel);
        }
    }

    /** Trains one base net from scratch and returns it with its sidecar ({@code train-base}). */
    public static NetFiles.Loaded trainBaseNet(PaperPlan plan, TaskData task, Architecture arch, long seed,
                                               CancellationToken cancel, TrainingListener listener) {
        return PaperTrainer.trainBaseNet(plan, task, arch, seed, cancel, listener);
    }
}
