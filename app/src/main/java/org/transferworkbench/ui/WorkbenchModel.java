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
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.experiment.SweepEvent;
import org.transferworkbench.core.experiment.SweepPlan;
import org.transferworkbench.core.experiment.SweepRunner;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.Normalisation;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.pretrained.NetReport;
import org.transferworkbench.core.pretrained.PretrainedSweepPlan;
import org.transferworkbench.core.pretrained.PretrainedSweepRunner;
import org.transferworkbench.core.pretrained.SourceFiles;
import org.transferworkbench.core.results.ExperimentHeader;
import org.transferworkbench.core.results.ResultsFile;
import org.transferworkbench.core.results.ResultsStore;
import org.transferworkbench.core.split.ClassSplit;
import org.transferworkbench.core.split.Side;
import org.transferworkbench.core.split.SplitSpec;
import org.transferworkbench.core.train.CancellationToken;
import org.transferworkbench.ui.common.EventPump;
import org.transferworkbench.ui.common.LoadProgressPoller;
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
    /** A split edited by hand (classes moved between A and B); null = use the seed or the groups file. */
    private final ObjectProperty<ClassSplit> editedSplit = new SimpleObjectProperty<>();
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
    /** A saved base net to use as base A when it matches the setting (the bundled one by default). */
    private final ReadOnlyObjectWrapper<Path> pretrainedA = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper sourceNet = new ReadOnlyStringWrapper("");
    /** A net trained elsewhere, the source of transfer instead of base A; null = the paper's base nets. */
    private final ReadOnlyObjectWrapper<NetReport> foreignNet = new ReadOnlyObjectWrapper<>();
    /** What a prepared sweep against the foreign net will do and take, awaiting the user's go; "" = none. */
    private final ReadOnlyStringWrapper pendingSweep = new ReadOnlyStringWrapper("");
    private final ObservableList<RunRecord> records = FXCollections.observableArrayList();
    private final ObservableList<RunCurve> curves = FXCollections.observableArrayList();
    // Made once: an unmodifiable view listens weakly to its list, so a view made per call could be collected
    // together with the listeners that views added to it.
    private final ObservableList<RunRecord> recordsView = FXCollections.unmodifiableObservableList(records);
    private final ObservableList<RunCurve> curvesView = FXCollections.unmodifiableObservableList(curves);

    private final TrainingThread trainingThread;
    private final EventPump pump = new EventPump(this::handle);
    private final LoadProgressPoller loadProgress = new LoadProgressPoller(this::showDecoding);
    /** Touched on the training thread only (it holds a net). */
    private final PretrainedSource pretrained = new PretrainedSource();
    /** Written on the training thread when a foreign sweep is prepared, taken on the FX thread when confirmed. */
    private volatile PretrainedSource.Prepared prepared;
    /** Classes and test images of the foreign sweep shown now (its task is all classes, maybe at another size). */
    private List<String> foreignClasses;
    private org.transferworkbench.core.data.TensorSet foreignTestImages;
    private final Path resultsRoot;
    private final BaseNetCache cache;
    private CancellationToken cancel = new CancellationToken();
    /** Provenance of runs opened from a results file; null while the runs shown are this session's. */
    private ExperimentHeader openedExperiment;
    private int totalRuns = 1;
    private int finishedRuns;
    private long sweepStartNanos;
    private long lastFilterUpdate;
    private String runLabel = "";
    private int runEpochs = 1;
    private String testSetKey = "";
    private org.transferworkbench.core.data.TensorSet testSetCache;
    private long lastStatusUpdate;
    static final long FILTER_PERIOD_NANOS = 500_000_000L;

    public WorkbenchModel(TrainingThread trainingThread, Path resultsRoot, BaseNetCache cache) {
        this.trainingThread = trainingThread;
        this.resultsRoot = resultsRoot;
        this.cache = cache;
        splitSeed.addListener((o, a, b) -> {
            editedSplit.set(null);
            updateSplit();
        });
        groupsFile.addListener((o, a, b) -> {
            editedSplit.set(null);
            updateSplit();
        });
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

    public ReadOnlyStringProperty sourceNetProperty() {
        return sourceNet.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<NetReport> foreignNetProperty() {
        return foreignNet.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty pendingSweepProperty() {
        return pendingSweep.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> pretrainedAProperty() {
        return pretrainedA.getReadOnlyProperty();
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

    /** Moves a class to the other half of the split (each half keeps at least two classes). */
    public void moveClass(String className) {
        ClassSplit current = split.get();
        if (current == null || state.get().busy()) {
            return;
        }
        List<String> a = new ArrayList<>(current.classesA());
        List<String> b = new ArrayList<>(current.classesB());
        boolean toB = a.remove(className);
        if (toB) {
            b.add(className);
        } else if (b.remove(className)) {
            a.add(className);
        } else {
            return;
        }
        if (a.size() < 2 || b.size() < 2) {
            error.set("Each half of the split needs at least two classes.");
            return;
        }
        List<String> order = dataset.get().classNames();
        a.sort((x, y) -> Integer.compare(order.indexOf(x), order.indexOf(y)));
        b.sort((x, y) -> Integer.compare(order.indexOf(x), order.indexOf(y)));
        editedSplit.set(new ClassSplit("groups", "edited by hand", current.seed(), a, b));
        updateSplit();
    }

    /** Class names of a run's target task, from the opened results file when the runs came from one. */
    public List<String> classesOf(RunRecord r) {
        boolean onA = r.condition().equals(Condition.BASE_A.label());
        if (openedExperiment != null) {
            return onA ? openedExperiment.split().classesA() : openedExperiment.split().classesB();
        }
        if (foreignClasses != null) {
            return foreignClasses;
        }
        ClassSplit s = split.get();
        return s == null ? List.of() : onA ? s.classesA() : s.classesB();
    }

    /**
     * The target side's test images for a run (the first ones carry the run's sample predictions), or null when the
     * runs shown come from other data or another split than the one loaded.
     */
    public org.transferworkbench.core.data.TensorSet testImages(Side side) {
        if (openedExperiment == null && foreignTestImages != null) {
            return foreignTestImages;
        }
        Dataset d = dataset.get();
        ClassSplit s = split.get();
        if (d == null || s == null) {
            return null;
        }
        if (openedExperiment != null && (!openedExperiment.dataset().fingerprint().equals(d.fingerprint())
                || !openedExperiment.split().classesA().equals(s.classesA())
                || !openedExperiment.split().classesB().equals(s.classesB()))) {
            return null;
        }
        // Cached per split: the confusion view asks on every finished run.
        String key = d.fingerprint() + "|" + s + "|" + side;
        if (!key.equals(testSetKey)) {
            testSetKey = key;
            testSetCache = org.transferworkbench.core.split.TaskBuilder.testSet(d, s, side);
        }
        return testSetCache;
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
        loadProgress.start();
        trainingThread.submit(() -> {
            try {
                Dataset d = DatasetLoader.load(folder, LoadOptions.defaults(), loadProgress);
                Platform.runLater(() -> {
                    loadProgress.stop();
                    progress.set(0);
                    editedSplit.set(null);
                    openedExperiment = null;
                    dataset.set(d);
                    groupsFile.set(null);
                    records.clear();
                    curves.clear();
                    updateSplit();
                    status.set(String.format(Locale.ROOT, "Loaded %s: %d classes, %d training images%s%s", d.name(),
                            d.numClasses(), d.train().size(),
                            d.skipped().isEmpty() ? "" : ", " + d.skipped().size() + " files skipped",
                            d.notes().isEmpty() ? "" : "; " + d.notes().get(0)));
                    moveTo(RunState.IDLE);
                });
            } catch (DataException | IllegalArgumentException e) {
                fail("Cannot use " + folder + ": " + e.getMessage());
            } catch (OutOfMemoryError e) {
                fail("Not enough memory to load " + folder + "; use a smaller image size");
            }
        });
    }

    private void showDecoding(int done, int total) {
        if (state.get() == RunState.LOADING && total > 0) {
            progress.set(done / (double) total);
            status.set(String.format(Locale.ROOT, "Decoding images: %d of %d", done, total));
        }
    }

    /**
     * Loads a net as the source of transfer. A workbench base net trained on A of the current data, split and recipe
     * becomes base A of the paper's sweep; any other net (a DL4J zip, a Keras .h5, a base net trained on other data)
     * becomes a foreign source: sweeps then run frozen and fine-tuned transfer from it onto all the data's classes.
     */
    public void loadPretrained(Path file) {
        Dataset d = dataset.get();
        ClassSplit s = split.get();
        if (!moveTo(RunState.LOADING)) {
            return;
        }
        SweepPlan probe = d == null || s == null ? null : new SweepPlan(d, s, bPerClass.get(),
                Architecture.transferCnn(d.inputShape(), d.numClasses()), Recipe.DEFAULT.withEpochs(epochs.get()),
                EnumSet.of(Condition.BASE_A), List.of(), List.of(1L));
        status.set("Loading net " + file.getFileName() + " ...");
        trainingThread.submit(() -> {
            try {
                NetReport report = pretrained.load(file);
                String why = report.trainedOn() == null ? "it was not trained by the workbench"
                        : probe == null ? "no dataset to check it against" : BaseNetCache.mismatch(report.trainedOn(), probe, 1L);
                if (why == null) {
                    pretrained.close(); // the sweep adopts the file itself as base A
                }
                Platform.runLater(() -> {
                    if (why == null) {
                        foreignNet.set(null);
                        pretrainedA.set(file);
                        sourceNet.set(describe(file, report.trainedOn()));
                    } else {
                        foreignNet.set(report);
                        error.set(""); // e.g. "too few classes to split": with a source net they need no split
                        pretrainedA.set(null);
                        source.set(Side.A);
                        sourceNet.set(describeForeign(report));
                    }
                    updateSplit();
                    status.set("Loaded net " + file.getFileName());
                    moveTo(RunState.IDLE);
                });
            } catch (DataException e) {
                fail(e.getMessage());
            }
        });
    }

    /**
     * The value range the loaded net expects ({@link Normalisation}); no net file records it, so the user states it
     * (the README lists it per source). Applied on the training thread, where the net lives.
     */
    public void setNormalisation(Normalisation normalisation) {
        if (foreignNet.get() == null || state.get().busy()
                || foreignNet.get().input().normalisation() == normalisation) {
            return;
        }
        trainingThread.submit(() -> {
            NetReport report = pretrained.useNormalisation(normalisation);
            Platform.runLater(() -> {
                foreignNet.set(report);
                sourceNet.set(describeForeign(report));
            });
        });
    }

    /** Back to the paper's protocol: base nets trained on A and B of the split. */
    public void clearForeignNet() {
        if (state.get().busy() || foreignNet.get() == null) {
            return;
        }
        trainingThread.submit(pretrained::close);
        foreignNet.set(null);
        sourceNet.set("");
        updateSplit();
    }

    static String describeForeign(NetReport r) {
        String size = r.input().anySize() ? "any size" : r.input().height() + "x" + r.input().width();
        return String.format(Locale.ROOT, "Source: %s (%s, input %sx%d, %d weight layers): sweeps transfer from it to "
                        + "all classes (baseB, AnB, AnB+)", Path.of(r.file()).getFileName(), r.format(), size,
                r.input().channels(), r.cutPoints().size() + 1);
    }

    /** Sets the bundled base net without checking (checked when a sweep starts). */
    public void setDefaultPretrained(Path zip) {
        pretrainedA.set(zip);
        sourceNet.set("Base A: " + zip.getFileName() + " (bundled) when it matches the setting, else trained");
    }

    static String describe(Path zip, org.transferworkbench.core.experiment.BaseNetInfo info) {
        return String.format(Locale.ROOT, "Base A: %s, trained on %s (test accuracy %.3f)", zip.getFileName(),
                String.join(", ", info.classes()), info.testAccuracy());
    }

    /** All six conditions for every cut point and the chosen number of seeds. */
    public void runSweep() {
        Architecture arch = architecture.get();
        if (arch != null) {
            start(foreignNet.get() != null ? PretrainedSweepPlan.ALLOWED : EnumSet.allOf(Condition.class),
                    arch.cutPoints());
        }
    }

    /** The condition the net drawing shows (source, frozen or fine-tuned) at the slider's k, with baseB beside it. */
    public void runCutPoint() {
        start(EnumSet.of(Condition.BASE_B, selectedCondition()), List.of(cutPoint.get()));
    }

    public Condition selectedCondition() {
        boolean fromA = source.get() == Side.A || foreignNet.get() != null;
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
                    openedExperiment = results.experiment();
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
        loadProgress.stop();
        trainingThread.submit(pretrained::close);
        trainingThread.shutdown(3000);
    }

    // ---- internals -------------------------------------------------------------------------------------------

    private List<Long> seedList() {
        List<Long> seedList = new ArrayList<>();
        for (long i = 0; i < seeds.get(); i++) {
            seedList.add(1 + i);
        }
        return seedList;
    }

    private void start(Set<Condition> conditions, List<Integer> ks) {
        Dataset d = dataset.get();
        ClassSplit s = split.get();
        if (d != null && foreignNet.get() != null) {
            prepareForeign(d, conditions, ks);
            return;
        }
        if (d == null || s == null) {
            error.set(d == null ? "Load a dataset first." : "These classes cannot be split into A and B; load a net "
                    + "trained elsewhere to transfer from it.");
            return;
        }
        List<Long> seedList = seedList();
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
        foreignClasses = null;
        foreignTestImages = null;
        Path folder = beginSweep(d, plan.describe());
        CancellationToken token = cancel;
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
            adoptPretrained(plan);
            new SweepRunner(cache).run(plan, store, pump, token);
        });
    }

    /** Resets what the window shows for a new sweep; returns its results folder. */
    private Path beginSweep(Dataset d, String description) {
        Path folder = resultsRoot.resolve(d.name() + "-" + LocalDateTime.now().format(
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        resultsFolder.set(folder);
        openedExperiment = null;
        records.clear();
        cancel = new CancellationToken();
        curves.clear();
        finishedRuns = 0;
        progress.set(0);
        sweepStartNanos = System.nanoTime();
        status.set("Running " + description);
        return folder;
    }

    /** Measures the foreign sweep on the training thread; the window then asks the user (see pendingSweep). */
    private void prepareForeign(Dataset d, Set<Condition> conditions, List<Integer> ks) {
        if (!moveTo(RunState.LOADING)) {
            return;
        }
        status.set("Measuring how long the sweep will take ...");
        Recipe recipe = Recipe.DEFAULT.withEpochs(epochs.get());
        int bSize = bPerClass.get();
        List<Long> seedList = seedList();
        trainingThread.submit(() -> {
            try {
                PretrainedSource.Prepared p = pretrained.prepare(d, conditions, ks, bSize, recipe, seedList);
                prepared = p;
                Platform.runLater(() -> {
                    status.set("Ready");
                    moveTo(RunState.IDLE);
                    pendingSweep.set(p.summary());
                });
            } catch (DataException | IllegalArgumentException e) {
                fail(e.getMessage());
            }
        });
    }

    /** The user saw the estimate and wants the foreign sweep. */
    public void confirmPendingSweep() {
        PretrainedSource.Prepared p = prepared;
        prepared = null;
        pendingSweep.set("");
        if (p == null || !moveTo(RunState.RUNNING)) {
            return;
        }
        PretrainedSweepPlan plan = p.plan();
        foreignClasses = plan.classes();
        foreignTestImages = p.testImages();
        Path folder = beginSweep(plan.dataset(), plan.describe());
        CancellationToken token = cancel;
        trainingThread.submit(() -> {
            ResultsStore store;
            try {
                store = ResultsStore.open(folder, ExperimentHeader.ofPretrained(plan.dataset(), plan.classes(),
                        plan.bPerClass(), NetReport.of(plan.source()), SourceFiles.sha256(plan.source().file()),
                        plan.recipe(), Backend.info()), false);
            } catch (DataException e) {
                pump.onEvent(new SweepEvent.SweepFailed(e.getMessage(), e));
                return;
            }
            new PretrainedSweepRunner().run(plan, store, pump, token);
        });
    }

    public void discardPendingSweep() {
        prepared = null;
        pendingSweep.set("");
    }

    /** On the training thread: puts the chosen pretrained base A into the cache when it matches this plan. */
    private void adoptPretrained(SweepPlan plan) {
        Path zip = pretrainedA.get();
        if (zip == null) {
            return;
        }
        String text;
        try {
            String why = cache.adoptAsBaseA(zip, plan, plan.seeds().get(0));
            text = why == null ? "Base A: " + zip.getFileName() + " (pretrained, used for seed " + plan.seeds().get(0) + ")"
                    : "Base A: trained in this sweep (" + zip.getFileName() + " does not fit: " + why + ")";
        } catch (DataException e) {
            text = "Base A: trained in this sweep (" + e.getMessage() + ")";
        }
        String shown = text;
        Platform.runLater(() -> sourceNet.set(shown));
    }

    void handle(List<SweepEvent> events) {
        for (SweepEvent e : events) {
            if (e instanceof SweepEvent.SweepStarted s) {
                totalRuns = Math.max(1, s.totalRuns() - s.alreadyDone());
            } else if (e instanceof SweepEvent.RunStarted r) {
                runEpochs = r.epochs();
                runLabel = String.format("Run %d/%d: %s (%s)", r.runIndex() + 1, r.totalRuns(), r.key(), r.what());
                currentRun.set(runLabel);
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
                // The running plan's epochs, not the spinner's (which the user may change mid-sweep).
                double withinRun = ((b.epoch() - 1) + b.batch() / (double) b.batchesPerEpoch()) / runEpochs;
                currentRun.set(runLabel + ", epoch " + b.epoch() + " of " + runEpochs);
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
        // The net first: it is drawn (and a loaded net can be swept) even when the classes cannot be split.
        try {
            architecture.set(foreignNet.get() != null ? PretrainedSource.displayArchitecture(foreignNet.get(), d)
                    : Architecture.transferCnn(d.inputShape(), d.numClasses()));
            cutPoint.set(Math.min(cutPoint.get(), architecture.get().cutPoints().size()));
        } catch (IllegalArgumentException e) {
            error.set(d.name() + ": " + e.getMessage());
        }
        if (d.numClasses() < 4) {
            split.set(null);
            if (foreignNet.get() == null) {
                error.set(d.name() + " has " + d.numClasses() + " classes: the paper's A/B split needs at least 4 (two "
                        + "per half). Load a net trained elsewhere (Load net...) to transfer from it onto these classes.");
            }
            return;
        }
        try {
            SplitSpec spec = groupsFile.get() == null ? new SplitSpec.Random() : new SplitSpec.Groups(groupsFile.get());
            ClassSplit s = editedSplit.get() != null ? editedSplit.get() : spec.apply(d.classNames(), splitSeed.get());
            split.set(s);
        } catch (DataException | IllegalArgumentException e) {
            error.set(e.getMessage());
            groupsFile.set(null);
        }
    }

    private void fail(String message) {
        LOG.warn(message);
        Platform.runLater(() -> {
            loadProgress.stop();
            progress.set(0);
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
