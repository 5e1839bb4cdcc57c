package org.transferworkbench.ui.fewshot;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import org.transferworkbench.core.backend.Backend;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.experiment.SweepEvent;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.results.FewShot;
import org.transferworkbench.core.results.NewResultsFolder;
import org.transferworkbench.core.split.ClassSplit;
import org.transferworkbench.core.sweep.BaseNetCache;
import org.transferworkbench.core.sweep.FewShotExperiment;
import org.transferworkbench.core.sweep.SweepOutcome;
import org.transferworkbench.core.train.CancellationToken;
import org.transferworkbench.ui.common.Activity;
import org.transferworkbench.ui.common.BackgroundTask;
import org.transferworkbench.ui.common.ExperimentSettings;
import org.transferworkbench.ui.common.RunState;
import org.transferworkbench.ui.common.TaskExecutor;

/**
 * The "few examples" experiment in the window: the same {@link FewShotExperiment} as the {@code fewshot} command, on
 * the loaded data and split with the run settings' seeds and recipe, its rows shown after each size. Cancelled by the
 * window's one Cancel (the shared activity moving to CANCELLING).
 */
public final class FewShotModel {

    /** The CLI's default sizes; "all" is every training image of B. */
    public static final String DEFAULT_SIZES = "1,2,5,10,25,50,100,all";
    /** The CLI's default minimum of mini-batch updates per net. */
    public static final int MIN_STEPS = 300;

    private final ObservableValue<Dataset> dataset;
    private final ObservableValue<ClassSplit> split;
    private final ExperimentSettings settings;
    private final Activity activity;
    private final TaskExecutor executor;
    private final Path resultsRoot;
    private final BaseNetCache cache;
    private final StringProperty sizes = new SimpleStringProperty(DEFAULT_SIZES);
    /** The cut point, or null for the probe's choice. */
    private final ObjectProperty<Integer> k = new SimpleObjectProperty<>(null);
    private final IntegerProperty minSteps = new SimpleIntegerProperty(MIN_STEPS);
    private final ReadOnlyObjectWrapper<List<FewShot.Row>> rows = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyIntegerWrapper shownK = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper(
            "Runs baseB, AnB and AnB+ for several sizes of B and shows where transfer pays most.");
    private final TaskExecutor.EventPump pump;
    private CancellationToken cancel = new CancellationToken();
    private int finished;
    private int total;

    public FewShotModel(ObservableValue<Dataset> dataset, ObservableValue<ClassSplit> split,
                        ExperimentSettings settings, Activity activity, TaskExecutor executor, Path resultsRoot,
                        BaseNetCache cache) {
        this.dataset = dataset;
        this.split = split;
        this.settings = settings;
        this.activity = activity;
        this.executor = executor;
        this.resultsRoot = resultsRoot;
        this.cache = cache;
        this.pump = executor.events(this::handle);
        pump.start();
        activity.stateProperty().addListener((o, before, now) -> {
            if (now == RunState.CANCELLING) {
                cancel.cancel();
            }
        });
    }

    public StringProperty sizesProperty() {
        return sizes;
    }

    public ObjectProperty<Integer> kProperty() {
        return k;
    }

    public IntegerProperty minStepsProperty() {
        return minSteps;
    }

    public ReadOnlyObjectProperty<List<FewShot.Row>> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty shownKProperty() {
        return shownK.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    public void run() {
        Dataset d = dataset.getValue();
        ClassSplit s = split.getValue();
        if (d == null || s == null) {
            activity.showError(d == null ? "Load a dataset first." : "These classes cannot be split into A and B.");
            return;
        }
        List<Integer> perClass;
        try {
            perClass = FewShotExperiment.parseSizes(sizes.get());
        } catch (IllegalArgumentException e) {
            activity.showError(e.getMessage());
            return;
        }
        if (!activity.moveTo(RunState.RUNNING)) {
            return;
        }
        Path folder = NewResultsFolder.under(resultsRoot, d.name() + "-fewshot");
        Integer given = k.get();
        var recipe = settings.recipe(d).withMinSteps(minSteps.get());
        List<Long> seeds = settings.seedList();
        cancel = new CancellationToken();
        CancellationToken token = cancel;
        finished = 0;
        // The probe trains AnB+ once per cut point of the workbench's net for this data.
        int probeRuns = given == null ? Architecture.transferCnn(d.inputShape(), d.numClasses()).cutPoints().size() : 0;
        total = perClass.size() * 3 * seeds.size() + probeRuns;
        rows.set(List.of());
        verdict.set("Running: " + (given == null ? "a probe chooses the cut point, then " : "") + perClass.size()
                + " sizes of B; results in " + folder);
        activity.status("Few examples: " + (given == null ? "probing the cut points" : "k=" + given));
        executor.execute(BackgroundTask.wrap(() -> {
            // On the training thread: the backend (and ND4J's start) must never hold up the FX thread.
            int workers = Backend.defaultWorkers();
            if (workers > 1) {
                Backend.limitThreads(1);
            }
            FewShotExperiment experiment = new FewShotExperiment(d, s, recipe, perClass, seeds, folder, false, cache,
                    workers);
            int cut = given != null ? given : experiment.probe(pump, token);
            if (cut < 0) {
                return new FewShotExperiment.Outcome(SweepOutcome.CANCELLED, cut, List.of());
            }
            executor.runOnUi(() -> shownK.set(cut));
            return experiment.run(cut, pump, token, done -> executor.runOnUi(() -> show(done)));
        }).onSuccess(outcome -> {
            show(outcome.rows());
            if (outcome.outcome() == SweepOutcome.COMPLETED) {
                verdict.set(FewShot.verdict(outcome.rows()) + " Results: " + folder);
                activity.done("Few examples finished");
            } else {
                verdict.set("Stopped (" + outcome.outcome().name().toLowerCase(Locale.ROOT) + "); finished runs are "
                        + "in " + folder);
                activity.done("Few examples stopped");
            }
        }).onFailure(activity::fail));
    }

    /** A lesson's replay: rows measured earlier by the app, shown as they are, said to be a replay. */
    public void showReplay(List<FewShot.Row> replayed, int cut, String source) {
        rows.set(List.copyOf(replayed));
        shownK.set(cut);
        verdict.set("Replayed (" + source + "): " + FewShot.verdict(replayed));
    }

    private void show(List<FewShot.Row> done) {
        rows.set(List.copyOf(done));
    }

    /** Progress of the runs inside the experiment's sweeps (on the FX thread, drained by the pump). */
    private void handle(List<SweepEvent> events) {
        long runs = events.stream().filter(e -> e instanceof SweepEvent.RunFinished).count();
        // The pump drains on a timer, the task's success arrives by another path: the last events may come after
        // the job is done, and must not put its progress back over the final status.
        if (runs > 0 && activity.state() == RunState.RUNNING) {
            finished += (int) runs;
            activity.progress(total == 0 ? 0 : Math.min(1, finished / (double) total));
            activity.status(String.format(Locale.ROOT, "Few examples: %d of %d runs", finished, total));
        }
    }

    public void shutdown() {
        cancel.cancel();
        pump.stop();
    }
}
