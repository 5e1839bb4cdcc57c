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

    private Sweep(SweepPlan plan, RunSink sink, ResultsStore store, BaseNetCache cache, RunInspector inspector) {
        this.plan = plan;
        this.sink = sink;
        this.store = store;
        this.cache = cache;
        this.inspector = inspector;
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
        return new Sweep(plan, store, store, cache, RunInspector.NONE);
    }

    /** A sweep whose records go to any sink (tests keep them in memory). */
    static Sweep into(SweepPlan plan, RunSink sink, BaseNetCache cache) {
        return new Sweep(plan, sink, null, cache, RunInspector.NONE);
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
        return new Sweep(fewer, sink, store, cache, inspector);
    }

    /** Lets a test look at every trained net before it is freed. */
    public Sweep inspectedBy(RunInspector runInspector) {
        return new Sweep(plan, sink, store, cache, runInspector);
    }

    /** Trains every run not done yet, on the calling thread; events go to the listener, records to the folder. */
    public SweepOutcome run(SweepListener listener, CancellationToken cancel) {
        return SweepRunner.run(plan, trainers(), sink, listener, cancel);
    }

    private Supplier<RunTrainer> trainers() {
        if (plan instanceof PaperPlan paper) {
            return () -> new PaperTrainer(paper, cache, inspector);
        }
        LoadedNetPlan loaded = (LoadedNetPlan) plan;
        return () -> new LoadedNetTrainer(loaded);
    }

    /** Trains one base net from scratch and returns it with its sidecar ({@code train-base}). */
    public static NetFiles.Loaded trainBaseNet(PaperPlan plan, TaskData task, Architecture arch, long seed,
                                               CancellationToken cancel, TrainingListener listener) {
        return PaperTrainer.trainBaseNet(plan, task, arch, seed, cancel, listener);
    }
}
