package org.transferworkbench.ui.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.backend.Backend;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.results.NewResultsFolder;
import org.transferworkbench.core.split.ClassSplit;
import org.transferworkbench.core.split.SplitSpec;
import org.transferworkbench.core.sweep.BaseNetCache;
import org.transferworkbench.core.sweep.LoadedNetPlan;
import org.transferworkbench.core.sweep.PaperPlan;
import org.transferworkbench.core.sweep.Preset;
import org.transferworkbench.core.sweep.RunInspector;
import org.transferworkbench.core.sweep.Sweep;
import org.transferworkbench.core.sweep.SweepOutcome;
import org.transferworkbench.core.train.CancellationToken;
import org.transferworkbench.ui.common.Activity;
import org.transferworkbench.ui.common.BackgroundTask;
import org.transferworkbench.ui.common.DialogService;
import org.transferworkbench.ui.common.ExperimentSettings;
import org.transferworkbench.ui.common.RunState;
import org.transferworkbench.ui.common.TaskExecutor;
import org.transferworkbench.ui.net.NetModel;
import org.transferworkbench.ui.net.PretrainedSource;
import org.transferworkbench.ui.runs.RunsModel;

/**
 * Starting, pausing and cancelling sweeps: the paper's protocol on the split, or transfer from a loaded net after
 * the user has seen its measured time estimate. Every sweep starts through the core's {@link Sweep#open} on the
 * training thread, saves into its own results folder, and reports through events folded by {@link SweepProgress}.
 */
public final class SweepModel {

    private final ReadOnlyStringWrapper backend = new ReadOnlyStringWrapper("");
    private final ObservableValue<Dataset> dataset;
    private final ObservableValue<ClassSplit> split;
    private final ExperimentSettings settings;
    private final NetModel net;
    private final RunsModel runs;
    private final Activity activity;
    private final TaskExecutor executor;
    private final Path resultsRoot;
    private final BaseNetCache cache;
    private final SweepProgress progress;
    private final TaskExecutor.EventPump pump;
    private DialogService dialogs = DialogService.YES;
    private BiFunction<PaperPlan, CancellationToken, RunInspector> inspection = (plan, token) -> RunInspector.NONE;
    private CancellationToken cancel = new CancellationToken();

    public SweepModel(ObservableValue<Dataset> dataset, ObservableValue<ClassSplit> split, ExperimentSettings settings,
                      NetModel net, RunsModel runs, Activity activity, TaskExecutor executor, Path resultsRoot,
                      BaseNetCache cache) {
        this.dataset = dataset;
        this.split = split;
        this.settings = settings;
        this.net = net;
        this.runs = runs;
        this.activity = activity;
        this.executor = executor;
        this.resultsRoot = resultsRoot;
        this.cache = cache;
        this.progress = new SweepProgress(activity, runs, System::nanoTime);
        this.pump = executor.events(progress::handle);
        pump.start();
    }

    /**
     * Starts ND4J in the background and shows what computes. The window calls it after its first frame: loading the
     * native backend (hundreds of classes, a 100 MB library) beside the window's own start delayed the first frame by
     * about a second on two cores (README: Packaging, start time).
     */
    public void startBackend() {
        executor.execute(BackgroundTask.wrap(() -> computeWith(Backend.defaultWorkers())).onSuccess(backend::set)
                .onFailure(activity::showError));
    }

    /** How the user is asked before a long sweep (the window sets its dialogs; scripts say yes). */
    public void setDialogs(DialogService dialogs) {
        this.dialogs = dialogs;
    }

    /** Who looks at the nets of a paper sweep's first split as they are made (the predictions, from base A). */
    public void inspectFirstPlanWith(BiFunction<PaperPlan, CancellationToken, RunInspector> inspection) {
        this.inspection = inspection;
    }

    public SweepProgress progress() {
        return progress;
    }

    /** What the recipe adds for the data loaded (image folders: the small-data rule), in words; empty for IDX. */
    public StringBinding recipeNote() {
        return Bindings.createStringBinding(() -> {
            Dataset d = dataset.getValue();
            if (d == null) {
                return "";
            }
            var r = settings.recipe(d);
            return r.augment() || r.patience() > 0 ? "Image folder: every net gets at least " + r.minSteps()
                    + " updates, stops early (best weights kept) and sees 8 shifted and flipped views of each image"
                    : "";
        }, dataset);
    }

    public ReadOnlyStringProperty backendProperty() {
        return backend.getReadOnlyProperty();
    }

    /** All six conditions (three against a loaded net) for every cut point and the chosen number of seeds. */
    public void runSweep() {
        Architecture arch = net.architecture();
        if (arch != null) {
            start(net.foreignNet() != null ? LoadedNetPlan.ALLOWED : EnumSet.allOf(Condition.class),
                    arch.cutPoints());
        }
    }

    /** The condition the net drawing shows at the slider's k, with baseB beside it. */
    public void runCutPoint() {
        start(EnumSet.of(Condition.BASE_B, net.selectedCondition()), List.of(settings.cutPoint()));
    }

    public void cancel() {
        if (activity.moveTo(RunState.CANCELLING)) {
            activity.status("Cancelling ...");
            cancel.cancel();
        }
    }

    public void setPaused(boolean paused) {
        cancel.setPaused(paused);
        activity.status(paused ? "Paused" : "Running");
    }

    /** Stops a running sweep (the executor's shutdown waits briefly for it). */
    public void shutdown() {
        cancel.cancel();
        pump.stop();
    }

    private void start(Set<Condition> conditions, List<Integer> ks) {
        Dataset d = dataset.getValue();
        ClassSplit s = split.getValue();
        if (d != null && net.foreignNet() != null) {
            prepareLoadedNetSweep(d, conditions, ks);
            return;
        }
        if (d == null || s == null) {
            activity.showError(d == null ? "Load a dataset first." : "These classes cannot be split into A and B; "
                    + "load a net trained elsewhere to transfer from it.");
            return;
        }
        List<PaperPlan> plans = new ArrayList<>();
        try {
            // The classroom preset: the same protocol on fewer training images and epochs (the whole sweep in a
            // lesson: about 70 s on 2 cores).
            boolean classroom = settings.classroomProperty().get();
            Dataset data = classroom ? Preset.CLASSROOM.apply(d) : d;
            Recipe recipe = classroom ? Preset.CLASSROOM.apply(settings.recipe(data)) : settings.recipe(data);
            for (ClassSplit each : repeats(d, s)) {
                plans.add(new PaperPlan(data, each, settings.bPerClass(), net.architecture(), recipe, conditions, ks,
                        settings.seedList()));
            }
        } catch (IllegalArgumentException e) {
            activity.showError(e.getMessage());
            return;
        }
        if (!activity.moveTo(RunState.RUNNING)) {
            return;
        }
        PaperPlan first = plans.get(0);
        Path folder = begin(d, first.describe() + (plans.size() > 1 ? ", over " + plans.size() + " splits" : ""),
                plans.size());
        runs.startSweep(folder, null, null, plans.stream().map(PaperPlan::split).toList());
        Path savedBaseA = net.pretrainedAProperty().get();
        CancellationToken token = cancel;
        executor.execute(BackgroundTask.wrap(() -> {
            int workers = Backend.defaultWorkers();
            String computing = computeWith(workers);
            executor.runOnUi(() -> backend.set(computing));
            String baseA = adoptBaseA(savedBaseA, first);
            if (baseA != null) {
                executor.runOnUi(() -> net.showSourceNet(baseA));
            }
            // Splits one after another, each into its own results file (as the CLI's --splits): the runs table, the
            // curve and the findings gather them all.
            SweepOutcome outcome = SweepOutcome.COMPLETED;
            for (int i = 0; i < plans.size() && outcome == SweepOutcome.COMPLETED; i++) {
                PaperPlan plan = plans.get(i);
                Path into = plans.size() == 1 ? folder : folder.resolve("split-" + plan.split().seed());
                Sweep sweep = Sweep.open(plan, into, false, cache).withWorkers(workers);
                if (i == 0) {
                    sweep = sweep.inspectedBy(inspection.apply(plan, token));
                }
                outcome = sweep.run(pump, token);
            }
            return outcome;
        }).onFailure(activity::fail));
    }

    /**
     * The splits a sweep runs over: the one shown, then (for a random split) the next split seeds. A groups file or a
     * split edited by hand is one split.
     */
    private List<ClassSplit> repeats(Dataset d, ClassSplit shown) {
        int n = settings.splitsProperty().get();
        if (n <= 1 || !"random".equals(shown.kind())) {
            return List.of(shown);
        }
        List<ClassSplit> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i == 0 ? shown : SplitSpec.random(d.classNames(), shown.seed() + i));
        }
        return all;
    }

    /** Measures the loaded-net sweep on the training thread, then asks the user with the estimate. */
    private void prepareLoadedNetSweep(Dataset d, Set<Condition> conditions, List<Integer> ks) {
        if (!activity.moveTo(RunState.LOADING)) {
            return;
        }
        activity.status("Measuring how long the sweep will take ...");
        int bSize = settings.bPerClass();
        List<Long> seeds = settings.seedList();
        var recipe = settings.recipe(d);
        PretrainedSource source = net.source();
        executor.execute(BackgroundTask.wrap(() -> source.prepare(d, conditions, ks, bSize, recipe, seeds))
                .onSuccess(prepared -> {
                    activity.done("Ready");
                    dialogs.confirm("Start the sweep?", "Transfer from the loaded net", prepared.summary(), "Start",
                            yes -> {
                                if (yes) {
                                    startLoadedNetSweep(prepared);
                                }
                            });
                })
                .onFailure(activity::fail));
    }

    private void startLoadedNetSweep(PretrainedSource.Prepared prepared) {
        if (!activity.moveTo(RunState.RUNNING)) {
            return;
        }
        LoadedNetPlan plan = prepared.plan();
        Path folder = begin(plan.dataset(), plan.describe(), 1);
        runs.startSweep(folder, plan.classes(), prepared.testImages(), List.of());
        CancellationToken token = cancel;
        executor.execute(BackgroundTask.wrap(() -> {
            // One run at a time against a loaded net (one source net object): it gets every core but the window's.
            String computing = computeWith(1);
            executor.runOnUi(() -> backend.set(computing));
            return Sweep.open(plan, folder, false, null).run(pump, token);
        }).onFailure(activity::fail));
    }

    /**
     * On the training thread: compute threads for {@code workers} runs at once. Several one-thread runs use the
     * cores better than one run on all of them (README: Speed); a single run gets every core but the window's.
     */
    private static String computeWith(int workers) {
        int cores = Runtime.getRuntime().availableProcessors();
        Backend.limitThreads(workers > 1 ? 1 : Math.max(1, cores - 1));
        return Backend.describeWithRequest() + (workers > 1 ? ", " + workers + " runs at a time" : "");
    }

    /** Resets the progress for a new sweep; returns its results folder. */
    private Path begin(Dataset d, String description, int sweeps) {
        Path folder = NewResultsFolder.under(resultsRoot, d.name());
        cancel = new CancellationToken();
        progress.begin(folder, sweeps);
        activity.status("Running " + description);
        return folder;
    }

    /** On the training thread: the saved base A goes into the cache when it fits this plan; says what happened. */
    private String adoptBaseA(Path zip, PaperPlan plan) {
        if (zip == null || cache == null) {
            return null;
        }
        long seed = plan.seeds().get(0);
        try {
            String why = cache.adoptAsBaseA(zip, plan, seed);
            return why == null ? "Base A: " + zip.getFileName() + " (pretrained, used for seed " + seed + ")"
                    : "Base A: trained in this sweep (" + zip.getFileName() + " does not fit: " + why + ")";
        } catch (UserError e) {
            return "Base A: trained in this sweep (" + e.getMessage() + ")";
        }
    }
}
