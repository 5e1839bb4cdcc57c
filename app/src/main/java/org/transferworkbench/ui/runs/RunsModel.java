package org.transferworkbench.ui.runs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.data.TensorSet;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunKey;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.report.Report;
import org.transferworkbench.core.results.ExperimentHeader;
import org.transferworkbench.core.results.ResultsFile;
import org.transferworkbench.core.results.ResultsStore;
import org.transferworkbench.core.split.ClassSplit;
import org.transferworkbench.core.split.Side;
import org.transferworkbench.core.split.TaskBuilder;
import org.transferworkbench.core.train.EpochStats;
import org.transferworkbench.ui.common.Activity;
import org.transferworkbench.ui.common.BackgroundTask;
import org.transferworkbench.ui.common.RunState;
import org.transferworkbench.ui.common.TaskExecutor;

/**
 * The runs shown: this session's sweep as it fills, or the runs of a results file. Knows which classes and test
 * images a run was tested on, so the confusion view can label and illustrate it.
 */
public final class RunsModel {

    private final ObservableList<RunRecord> records = FXCollections.observableArrayList();
    private final ObservableList<RunCurve> curves = FXCollections.observableArrayList();
    // Made once: an unmodifiable view listens weakly to its list, so a view made per call could be collected
    // together with the listeners that views added to it.
    private final ObservableList<RunRecord> recordsView = FXCollections.unmodifiableObservableList(records);
    private final ObservableList<RunCurve> curvesView = FXCollections.unmodifiableObservableList(curves);
    /** Runs made earlier by the app for a lesson step, drawn under this machine's own runs; empty outside lessons. */
    private final ObservableList<RunRecord> replay = FXCollections.observableArrayList();
    private final ObservableList<RunRecord> replayView = FXCollections.unmodifiableObservableList(replay);
    private final ReadOnlyStringWrapper replaySource = new ReadOnlyStringWrapper("");
    /** A lesson's replay stays under a sweep started now (its runs are drawn over it); a preview's goes. */
    private boolean keepReplay;
    /** Conditions drawn in full colour while the others fade (a lesson step's emphasis); empty = all alike. */
    private final ReadOnlyObjectWrapper<Set<Condition>> highlight = new ReadOnlyObjectWrapper<>(Set.of());
    private final ReadOnlyObjectWrapper<RunRecord> selected = new ReadOnlyObjectWrapper<>();
    private final ObservableValue<Dataset> dataset;
    private final ObservableValue<ClassSplit> split;
    private final Activity activity;
    private final TaskExecutor executor;
    private final Function<Path, ResultsFile> reader;
    /** Provenance of runs opened from a results file; null while the runs shown are this session's. */
    private ExperimentHeader opened;
    /** Classes and test images of the loaded-net sweep shown now (its task is all classes, maybe at another size). */
    private List<String> loadedNetClasses;
    private TensorSet loadedNetTestImages;
    /** The splits of the sweep running now when it repeats over several (by split seed); empty otherwise. */
    private List<ClassSplit> sweepSplits = List.of();
    /** The results.json of the runs shown (opened, or written by the sweep running now); null before any. */
    private Path resultsFile;
    private String testSetKey = "";
    private TensorSet testSetCache;

    /** @param reader reads a results file ({@code ResultsStore::read}; tests pass their own) */
    public RunsModel(ObservableValue<Dataset> dataset, ObservableValue<ClassSplit> split, Activity activity,
                     TaskExecutor executor, Function<Path, ResultsFile> reader) {
        this.dataset = dataset;
        this.split = split;
        this.activity = activity;
        this.executor = executor;
        this.reader = reader;
        dataset.addListener((o, a, d) -> {
            opened = null;
            records.clear();
            curves.clear();
            clearReplay();
        });
    }

    public ObservableList<RunRecord> records() {
        return recordsView;
    }

    public ObservableList<RunCurve> curves() {
        return curvesView;
    }

    /** A lesson step's replayed runs (made by the app earlier); this machine's runs are {@link #records}. */
    public ObservableList<RunRecord> replay() {
        return replayView;
    }

    /** Where the replayed runs come from, in words; empty when none are shown. */
    public ReadOnlyStringProperty replaySourceProperty() {
        return replaySource.getReadOnlyProperty();
    }

    /**
     * Shows runs made earlier (a lesson's replay) as the figure, with nothing of this machine's yet.
     *
     * @param keepUnderSweep a sweep started now draws its runs over them (a lesson's "Run it live"); otherwise the
     *                       sweep replaces them (the first screen's preview)
     */
    public void showReplay(List<RunRecord> runs, String source, boolean keepUnderSweep) {
        keepReplay = keepUnderSweep;
        opened = null;
        resultsFile = null;
        records.clear();
        curves.clear();
        replaySource.set(source);
        replay.setAll(runs);
    }

    public void clearReplay() {
        keepReplay = false;
        replaySource.set("");
        replay.clear();
    }

    public ReadOnlyObjectProperty<Set<Condition>> highlightProperty() {
        return highlight.getReadOnlyProperty();
    }

    public void highlight(Set<Condition> conditions) {
        highlight.set(Set.copyOf(conditions));
    }

    /** The results.json of the runs shown (opened, or being written by the sweep); null before any. */
    public Path resultsFile() {
        return resultsFile;
    }

    public ReadOnlyObjectProperty<RunRecord> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public void select(RunRecord record) {
        selected.set(record);
    }

    /**
     * A new sweep starts writing into {@code folder}: nothing shown yet; a loaded-net sweep says which classes and test
     * images its runs use; a sweep over several splits names them (each writes into {@code folder/split-S}).
     */
    public void startSweep(Path folder, List<String> netClasses, TensorSet netTestImages, List<ClassSplit> splits) {
        if (!keepReplay) {
            clearReplay();
        }
        sweepSplits = splits.size() > 1 ? List.copyOf(splits) : List.of();
        resultsFile = folder == null ? null : sweepSplits.isEmpty() ? folder.resolve(ResultsStore.JSON_NAME)
                : folder.resolve("split-" + sweepSplits.get(0).seed()).resolve(ResultsStore.JSON_NAME);
        opened = null;
        records.clear();
        curves.clear();
        loadedNetClasses = netClasses;
        loadedNetTestImages = netTestImages;
    }

    public void runStarted(RunCurve curve) {
        curves.add(curve);
    }

    public void epochFinished(int runIndex, RunKey key, EpochStats stats) {
        for (int i = curves.size() - 1; i >= 0; i--) {
            RunCurve c = curves.get(i);
            if (c.runIndex() == runIndex && c.key().equals(key)) {
                List<EpochStats> list = new ArrayList<>(c.epochs());
                list.add(stats);
                curves.set(i, new RunCurve(c.runIndex(), c.key(), list));
                return;
            }
        }
    }

    public void runFinished(RunRecord record) {
        records.add(record);
        selected.set(record);
    }

    /** Shows the runs of a results.json written by the CLI or an earlier session. */
    public void open(Path file) {
        if (!activity.moveTo(RunState.LOADING)) {
            return;
        }
        executor.execute(BackgroundTask.wrap(() -> reader.apply(file))
                .onSuccess(results -> {
                    clearReplay();
                    resultsFile = file;
                    sweepSplits = List.of();
                    opened = results.experiment();
                    records.setAll(results.runs());
                    curves.clear();
                    for (int i = 0; i < results.runs().size(); i++) {
                        RunRecord r = results.runs().get(i);
                        curves.add(new RunCurve(i, r.key(), r.epochs()));
                    }
                    selected.set(results.runs().isEmpty() ? null : results.runs().get(results.runs().size() - 1));
                    activity.done("Opened " + file + ": " + results.runs().size() + " runs on "
                            + results.experiment().dataset().name() + ", split " + results.experiment().split().name());
                })
                .onFailure(activity::fail));
    }

    /**
     * Writes the report of the runs shown (one HTML file: settings, figure, findings, every run), from their results
     * file, on the training thread.
     */
    public void exportReport(Path out) {
        Path source = resultsFile;
        if (source == null) {
            activity.showError("No runs to report yet: run a sweep or open a results file.");
            return;
        }
        executor.execute(BackgroundTask.wrap(() -> {
            Files.writeString(out, Report.html(reader.apply(source)), StandardCharsets.UTF_8);
            return out;
        }).onSuccess(written -> activity.status("Report written to " + written))
                .explain(IOException.class, e -> out + ": cannot write (" + e.getMessage() + ")")
                .onFailure(activity::showError));
    }

    /** Class names of a run's target task, from the opened results file when the runs came from one. */
    public List<String> classesOf(RunRecord r) {
        boolean onA = r.condition() == Condition.BASE_A;
        if (opened != null) {
            return onA ? opened.split().classesA() : opened.split().classesB();
        }
        if (loadedNetClasses != null) {
            return loadedNetClasses;
        }
        ClassSplit s = splitOf(r);
        return s == null ? List.of() : onA ? s.classesA() : s.classesB();
    }

    /** The split a run of this session was trained on: the one shown, or another of a sweep over several. */
    private ClassSplit splitOf(RunRecord r) {
        for (ClassSplit s : sweepSplits) {
            if (s.seed() == r.splitSeed()) {
                return s;
            }
        }
        return split.getValue();
    }

    /**
     * The target side's test images for a run (the first ones carry the run's sample predictions), or null when the
     * runs shown come from other data or another split than the one loaded.
     */
    public TensorSet testImages(RunRecord r) {
        Side side = r.condition().target();
        if (opened == null && loadedNetTestImages != null) {
            return loadedNetTestImages;
        }
        Dataset d = dataset.getValue();
        ClassSplit s = opened != null ? split.getValue() : splitOf(r);
        if (d == null || s == null) {
            return null;
        }
        if (opened != null && (!opened.dataset().fingerprint().equals(d.fingerprint())
                || !opened.split().classesA().equals(s.classesA())
                        || !opened.split().classesB().equals(s.classesB()))) {
            return null;
        }
        // Cached per split: the confusion view asks on every finished run.
        String key = d.fingerprint() + "|" + s + "|" + side;
        if (!key.equals(testSetKey)) {
            testSetKey = key;
            testSetCache = TaskBuilder.testSet(d, s, side);
        }
        return testSetCache;
    }
}
