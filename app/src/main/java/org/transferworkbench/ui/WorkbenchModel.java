package org.transferworkbench.ui;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transferworkbench.core.backend.Backend;
import org.transferworkbench.core.data.DataException;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.data.DatasetLoader;
import org.transferworkbench.core.data.LoadOptions;
import org.transferworkbench.core.experiment.BaseNetCache;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.FilterSnapshot;
import org.transferworkbench.core.experiment.RunKey;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.experiment.RunSink;
import org.transferworkbench.core.experiment.SweepEvent;
import org.transferworkbench.core.experiment.SweepPlan;
import org.transferworkbench.core.experiment.SweepRunner;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.results.ExperimentHeader;
import org.transferworkbench.core.results.ResultsFile;
import org.transferworkbench.core.results.ResultsStore;
import org.transferworkbench.core.split.ClassSplit;
import org.transferworkbench.core.split.Side;
import org.transferworkbench.core.split.SplitSpec;
import org.transferworkbench.core.train.CancellationToken;
import org.transferworkbench.ui.common.EventPump;
import org.transferworkbench.ui.common.RunState;
import org.transferworkbench.ui.common.TrainingThread;

/**
 * The workbench's state and actions (the ViewModel): views bind to its properties and call its actions, and never
 * touch data or nets. Everything here runs on the FX thread; work goes to the {@link TrainingThread} and comes back
 * as events through the {@link EventPump}.
 */
public final class WorkbenchModel {

    private static final Logger LOG = LoggerFactory.getLogger(WorkbenchModel.class);

    // what the user chooses
    public final IntegerProperty splitSeed = new SimpleIntegerProperty(1);
    public final ObjectProperty<Path> groupsFile = new SimpleObjectProperty<>();
    public final IntegerProperty bPerClass = new SimpleIntegerProperty(0);
    public final IntegerProperty cutPoint = new SimpleIntegerProperty(3);
    public final BooleanProperty fineTune = new SimpleBooleanProperty(false);
    public final ObjectProperty<Side> source = new SimpleObjectProperty<>(Side.A);
    public final IntegerProperty epochs = new SimpleIntegerProperty(Recipe.DEFAULT.epochs());
    public final IntegerProperty seeds = new SimpleIntegerProperty(1);

    // what the workbench shows
    private final ReadOnlyObjectWrapper<RunState> state = new ReadOnlyObjectWrapper<>(RunState.IDLE);
    private final ReadOnlyObjectWrapper<Dataset> dataset = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ClassSplit> split = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Architecture> architecture = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Ready");
    private final ReadOnlyStringWrapper currentRun = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper backend = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyObjectWrapper<FilterSnapshot> liveFilters = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<FilterSnapshot> sourceFilters = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RunRecord> selectedRun = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> resultsFolder = new ReadOnlyObjectWrapper<>();
    private final ObservableList<RunRecord> records = FXCollections.observableArrayList();
    private final ObservableList<RunCurve> curves = FXCollections.observableArrayList();
    // Made once: an unmodifiable view listens weakly to its list, so a view made per call could be collected
    // together with the listeners that views added to it.
    private final ObservableList<RunRecord> recordsView = FXCollections.unmodifiableObservableList(records);
    private final ObservableList<RunCurve> curvesView = FXCollections.unmodifiableObservableList(curves);

    private final TrainingThread trainingThread;
    private final EventPump pump = new EventPump(this::handle);
    private final Path resultsRoot;
    private final BaseNetCache cache;
    private CancellationToken cancel = new CancellationToken();
    private int totalRuns = 1;
    private int finishedRuns;
    private long sweepStartNanos;
    private long lastFilterUpdate;
    private long lastStatusUpdate;
    static final long FILTER_PERIOD_NANOS = 500_000_000L;

    public WorkbenchModel(TrainingThread trainingThread, Path resultsRoot, BaseNetCache cache) {
        this.trainingThread = trainingThread;
        this.resultsRoot = resultsRoot;
        this.cache = cache;
        splitSeed.addListener((o, a, b) -> updateSplit());
        groupsFile.addListener((o, a, b) -> updateSplit());
        pump.start();
        trainingThread.submit(() -> {
            // Leave a core to the window (see Backend.limitThreads).
            Backend.limitThreads(Runtime.getRuntime().availableProcessors() - 1);
            String text = Backend.info().describe();
            Platform.runLater(() -> backend.set(text));
        });
    }

    // ---- read-only views -------------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<RunState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Dataset> datasetProperty() {
        return dataset.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ClassSplit> splitProperty() {
        return split.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Architecture> architectureProperty() {
        return architecture.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty currentRunProperty() {
        return currentRun.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty backendProperty() {
        return backend.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<FilterSnapshot> liveFiltersProperty() {
        return liveFilters.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<FilterSnapshot> sourceFiltersProperty() {
        return sourceFilters.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunRecord> selectedRunProperty() {
        return selectedRun.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> resultsFolderProperty() {
        return resultsFolder.getReadOnlyProperty();
    }

    public ObservableList<RunRecord> records() {
        return recordsView;
    }

    public ObservableList<RunCurve> curves() {
        return curvesView;
    }

    public void select(RunRecord record) {
        selectedRun.set(record);
    }

    public void clearError() {
        error.set("");
    }

    // ---- actions ---------------------------------------------------------------------------------------------

    /** Loads a dataset (IDX folder or image folder) on the training thread. */
    public void loadDataset(Path folder) {
        if (!moveTo(RunState.LOADING)) {
            return;
        }
        status.set("Loading " + folder + " ...");
        trainingThread.submit(() -> {
            try {
                Dataset d = DatasetLoader.load(folder, LoadOptions.defaults());
                Platform.runLater(() -> {
                    dataset.set(d);
                    groupsFile.set(null);
                    records.clear();
                    curves.clear();
                    updateSplit();
                    status.set(String.format(Locale.ROOT, "Loaded %s: %d classes, %d training images%s", d.name(),
                            d.numClasses(), d.train().size(),
                            d.skipped().isEmpty() ? "" : ", " + d.skipped().size() + " files skipped"));
                    moveTo(RunState.IDLE);
                });
            } catch (DataException | IllegalArgumentException e) {
                fail("Cannot use " + folder + ": " + e.getMessage());
            } catch (OutOfMemoryError e) {
                fail("Not enough memory to load " + folder + "; use a smaller image size");
            }
        });
    }

    /** All six conditions for every cut point and the chosen number of seeds. */
    public void runSweep() {
        Architecture arch = architecture.get();
        if (arch != null) {
            start(EnumSet.allOf(Condition.class), arch.cutPoints());
        }
    }

    /** The condition the net drawing shows (source, frozen or fine-tuned) at the slider's k, with baseB beside it. */
    public void runCutPoint() {
        start(EnumSet.of(Condition.BASE_B, selectedCondition()), List.of(cutPoint.get()));
    }

    public Condition selectedCondition() {
        boolean fromA = source.get() == Side.A;
        if (fineTune.get()) {
            return fromA ? Condition.ANB_PLUS : Condition.BNB_PLUS;
        }
        return fromA ? Condition.ANB : Condition.BNB;
    }

    public void cancel() {
        if (moveTo(RunState.CANCELLING)) {
            status.set("Cancelling ...");
            cancel.cancel();
        }
    }

    public void setPaused(boolean paused) {
        cancel.setPaused(paused);
        status.set(paused ? "Paused" : "Running");
    }

    /** Shows the runs of a results.json written by the CLI or an earlier session. */
    public void openResults(Path file) {
        if (!moveTo(RunState.LOADING)) {
            return;
        }
        trainingThread.submit(() -> {
            try {
                ResultsFile results = ResultsStore.read(file);
                Platform.runLater(() -> {
                    records.setAll(results.runs());
                    curves.clear();
                    for (int i = 0; i < results.runs().size(); i++) {
                        RunRecord r = results.runs().get(i);
                        curves.add(new RunCurve(i, r.key(), r.epochs()));
                    }
                    selectedRun.set(results.runs().isEmpty() ? null : results.runs().get(results.runs().size() - 1));
                    status.set("Opened " + file + ": " + results.runs().size() + " runs on "
                            + results.experiment().dataset().name() + ", split " + results.experiment().split().name());
                    moveTo(RunState.IDLE);
                });
            } catch (DataException e) {
                fail(e.getMessage());
            }
        });
    }

    /** Stops a running sweep and waits briefly for it, so closing the window exits cleanly. */
    public void shutdown() {
        cancel.cancel();
        pump.stop();
        trainingThread.shutdown(3000);
    }

    // ---- internals -------------------------------------------------------------------------------------------

    private void start(Set<Condition> conditions, List<Integer> ks) {
        Dataset d = dataset.get();
        ClassSplit s = split.get();
        if (d == null || s == null) {
            error.set("Load a dataset first.");
            return;
        }
        List<Long> seedList = new ArrayList<>();
        for (long i = 0; i < seeds.get(); i++) {
            seedList.add(1 + i);
        }
        SweepPlan plan;
        try {
            plan = new SweepPlan(d, s, bPerClass.get(), architecture.get(), Recipe.DEFAULT.withEpochs(epochs.get()),
                    conditions, ks, seedList);
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        if (!moveTo(RunState.RUNNING)) {
            return;
        }
        Path folder = resultsRoot.resolve(d.name() + "-" + LocalDateTime.now().format(
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        resultsFolder.set(folder);
        cancel = new CancellationToken();
        CancellationToken token = cancel;
        curves.clear();
        finishedRuns = 0;
        progress.set(0);
        sweepStartNanos = System.nanoTime();
        status.set("Running " + plan.describe());
        int bSize = bPerClass.get();
        trainingThread.submit(() -> {
            // Opening the results file (first use of Jackson, file writes) stays off the FX thread.
            ResultsStore store;
            try {
                store = ResultsStore.open(folder, ExperimentHeader.of(d, s, bSize, plan.architecture(), plan.recipe(),
                        Backend.info(), "base nets trained on A and B of this split"), false);
            } catch (DataException e) {
                pump.onEvent(new SweepEvent.SweepFailed(e.getMessage(), e));
                return;
            }
            RunSink sink = new RunSink() {
                @Override
                public Set<RunKey> done() {
                    return store.done();
                }

                @Override
                public void add(RunRecord record) {
                    store.add(record);
                }
            };
            new SweepRunner(cache).run(plan, sink, pump, token);
        });
    }

    void handle(List<SweepEvent> events) {
        for (SweepEvent e : events) {
            if (e instanceof SweepEvent.SweepStarted s) {
                totalRuns = Math.max(1, s.totalRuns() - s.alreadyDone());
            } else if (e instanceof SweepEvent.RunStarted r) {
                currentRun.set(String.format("Run %d/%d: %s (%s)", r.runIndex() + 1, r.totalRuns(), r.key(), r.what()));
                curves.add(new RunCurve(r.runIndex(), r.key(), List.of()));
                if (r.key().condition().isBase()) {
                    sourceFilters.set(null);
                }
            } else if (e instanceof SweepEvent.SourceFilters f) {
                sourceFilters.set(f.filters());
            } else if (e instanceof SweepEvent.BatchProgress b) {
                // Filters change slowly; redrawing them twice a second is plenty and keeps the window light.
                long now = System.nanoTime();
                if (b.firstLayerFilters() != null && now - lastFilterUpdate > FILTER_PERIOD_NANOS) {
                    liveFilters.set(b.firstLayerFilters());
                    lastFilterUpdate = now;
                }
                double withinRun = ((b.epoch() - 1) + b.batch() / (double) b.batchesPerEpoch()) / epochs.get();
                setProgress((finishedRuns + Math.min(1, withinRun)) / totalRuns);
            } else if (e instanceof SweepEvent.EpochFinished ep) {
                appendEpoch(ep);
            } else if (e instanceof SweepEvent.RunFinished f) {
                records.add(f.record());
                selectedRun.set(f.record());
                finishedRuns++;
                setProgress(finishedRuns / (double) totalRuns);
            } else if (e instanceof SweepEvent.SweepFinished f) {
                status.set(String.format(Locale.ROOT, "Finished %d runs in %.0f s; results in %s", f.runsCompleted(),
                        f.seconds(), resultsFolder.get()));
                currentRun.set("");
                moveTo(RunState.IDLE);
            } else if (e instanceof SweepEvent.SweepCancelled c) {
                status.set("Cancelled after " + c.runsCompleted() + " runs; finished runs are saved in "
                        + resultsFolder.get());
                currentRun.set("");
                moveTo(RunState.IDLE);
            } else if (e instanceof SweepEvent.SweepFailed f) {
                error.set("Training stopped: " + f.message() + ". Finished runs are saved in " + resultsFolder.get());
                status.set("Failed");
                currentRun.set("");
                moveTo(RunState.IDLE);
            }
        }
    }

    private void appendEpoch(SweepEvent.EpochFinished ep) {
        for (int i = curves.size() - 1; i >= 0; i--) {
            RunCurve c = curves.get(i);
            if (c.runIndex() == ep.runIndex() && c.key().equals(ep.key())) {
                List<org.transferworkbench.core.train.EpochStats> list = new ArrayList<>(c.epochs());
                list.add(ep.stats());
                curves.set(i, new RunCurve(c.runIndex(), c.key(), list));
                return;
            }
        }
    }

    private void setProgress(double value) {
        progress.set(value);
        double elapsed = (System.nanoTime() - sweepStartNanos) / 1e9;
        long now = System.nanoTime();
        if (value > 0.02 && state.get() == RunState.RUNNING && now - lastStatusUpdate > FILTER_PERIOD_NANOS) {
            lastStatusUpdate = now;
            double left = elapsed / value * (1 - value);
            status.set(String.format(Locale.ROOT, "Running: %.0f%% done, about %s left", value * 100, duration(left)));
        }
    }

    static String duration(double seconds) {
        if (seconds < 90) {
            return Math.round(seconds) + " s";
        }
        return Math.round(seconds / 60) + " min";
    }

    private void updateSplit() {
        Dataset d = dataset.get();
        if (d == null) {
            return;
        }
        try {
            SplitSpec spec = groupsFile.get() == null ? new SplitSpec.Random() : new SplitSpec.Groups(groupsFile.get());
            ClassSplit s = spec.apply(d.classNames(), splitSeed.get());
            split.set(s);
            architecture.set(Architecture.transferCnn(d.inputShape(), d.numClasses()));
            cutPoint.set(Math.min(cutPoint.get(), architecture.get().cutPoints().size()));
        } catch (DataException | IllegalArgumentException e) {
            error.set(e.getMessage());
            groupsFile.set(null);
        }
    }

    private void fail(String message) {
        LOG.warn(message);
        Platform.runLater(() -> {
            error.set(message);
            status.set("Ready");
            moveTo(RunState.IDLE);
        });
    }

    private boolean moveTo(RunState target) {
        if (!state.get().canGoTo(target)) {
            return false;
        }
        state.set(target);
        return true;
    }
}
