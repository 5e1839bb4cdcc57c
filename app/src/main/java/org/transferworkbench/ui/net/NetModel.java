package org.transferworkbench.ui.net;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.experiment.BaseNetInfo;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.FilterSnapshot;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.Normalisation;
import org.transferworkbench.core.pretrained.NetReport;
import org.transferworkbench.core.split.ClassSplit;
import org.transferworkbench.core.split.Side;
import org.transferworkbench.core.sweep.BaseNetCache;
import org.transferworkbench.core.sweep.PaperPlan;
import org.transferworkbench.core.sweep.SourceFilters;
import org.transferworkbench.ui.common.Activity;
import org.transferworkbench.ui.common.BackgroundTask;
import org.transferworkbench.ui.common.ExperimentSettings;
import org.transferworkbench.ui.common.RunState;
import org.transferworkbench.ui.common.TaskExecutor;

/**
 * The net and the source of its transferred layers: the workbench's own CNN with base nets trained on A (or a saved
 * base A that fits the setting), or a net trained elsewhere (a DL4J zip or Keras file), the "foreign" source. The net
 * itself lives on the training thread ({@link PretrainedSource}); this model holds only what the window shows.
 */
public final class NetModel {

    private Path bundledBaseA;

    private final ReadOnlyObjectWrapper<Architecture> architecture = new ReadOnlyObjectWrapper<>();
    /** A saved base net to use as base A when it matches the setting (the bundled one by default). */
    private final ReadOnlyObjectWrapper<Path> pretrainedA = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper sourceNet = new ReadOnlyStringWrapper("");
    /** A net trained elsewhere, the source of transfer instead of base A; null = the paper's base nets. */
    private final ReadOnlyObjectWrapper<NetReport> foreignNet = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding foreignLoaded = foreignNet.isNotNull();
    private final ObservableValue<Dataset> dataset;
    private final ObservableValue<ClassSplit> split;
    private final ExperimentSettings settings;
    private final Activity activity;
    private final TaskExecutor executor;
    /** conv1 of the source net (base A, or the loaded net) before any run; null until read. */
    private final ReadOnlyObjectWrapper<FilterSnapshot> sourceFilters = new ReadOnlyObjectWrapper<>();
    /** Base A's conv1 as read from its file; shown only while the data it was trained on is loaded. */
    private SourceFilters.BaseNetFilters baseAFilters;
    /** Touched on the training thread only (it holds a net). */
    private final PretrainedSource source;

    public NetModel(ObservableValue<Dataset> dataset, ObservableValue<ClassSplit> split, ExperimentSettings settings,
                    Activity activity, TaskExecutor executor, PretrainedSource.Loader loader) {
        this.dataset = dataset;
        this.split = split;
        this.settings = settings;
        this.activity = activity;
        this.executor = executor;
        this.source = new PretrainedSource(loader);
        dataset.addListener((o, a, b) -> {
            updateArchitecture();
            showBaseAFilters();
        });
        foreignNet.addListener((o, a, b) -> updateArchitecture());
    }

    public ReadOnlyObjectProperty<Architecture> architectureProperty() {
        return architecture.getReadOnlyProperty();
    }

    public Architecture architecture() {
        return architecture.get();
    }

    public ReadOnlyObjectProperty<Path> pretrainedAProperty() {
        return pretrainedA.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sourceNetProperty() {
        return sourceNet.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<NetReport> foreignNetProperty() {
        return foreignNet.getReadOnlyProperty();
    }

    public NetReport foreignNet() {
        return foreignNet.get();
    }

    public ReadOnlyObjectProperty<FilterSnapshot> sourceFiltersProperty() {
        return sourceFilters.getReadOnlyProperty();
    }

    public BooleanBinding foreignLoadedProperty() {
        return foreignLoaded;
    }

    /** The loaded foreign net, for work on the training thread only. */
    public PretrainedSource source() {
        return source;
    }

    /** The condition the net drawing shows (source, frozen or fine-tuned). */
    public Condition selectedCondition() {
        boolean fromA = settings.source() == Side.A || foreignNet.get() != null;
        if (settings.fineTune()) {
            return fromA ? Condition.ANB_PLUS : Condition.BNB_PLUS;
        }
        return fromA ? Condition.ANB : Condition.BNB;
    }

    /**
     * Loads a net as the source of transfer. A workbench base net trained on A of the current data, split and recipe
     * becomes base A of the paper's sweep; any other net (a DL4J zip, a Keras .h5, a base net trained on other data)
     * becomes a foreign source: sweeps then run frozen and fine-tuned transfer from it onto all the data's classes.
     */
    public void load(Path file) {
        PaperPlan probe = baseAProbe();
        if (!activity.moveTo(RunState.LOADING)) {
            return;
        }
        activity.status("Loading net " + file.getFileName() + " ...");
        executor.execute(BackgroundTask.wrap(() -> {
            NetReport report = source.load(file);
            String why = report.trainedOn() == null ? "it was not trained by the workbench"
                    : probe == null ? "no dataset to check it against" : BaseNetCache.mismatch(report.trainedOn(),
                    probe, 1L);
            FilterSnapshot filters = why == null ? null : SourceFilters.of(source.net().view());
            SourceFilters.BaseNetFilters asBaseA = null;
            if (why == null) {
                source.close(); // the sweep adopts the file itself as base A
                asBaseA = SourceFilters.ofBaseNetFile(file);
                filters = asBaseA.filters();
            }
            return new Loaded(report, why, filters, asBaseA);
        }).onSuccess(loaded -> {
            if (loaded.asBaseA() != null) {
                baseAFilters = loaded.asBaseA();
            }
            sourceFilters.set(loaded.filters());
            if (loaded.whyNotBaseA() == null) {
                foreignNet.set(null);
                pretrainedA.set(file);
                sourceNet.set(describe(file, loaded.report().trainedOn()));
            } else {
                foreignNet.set(loaded.report());
                activity.clearError(); // e.g. "too few classes to split": with a source net they need no split
                pretrainedA.set(null);
                settings.sourceProperty().set(Side.A);
                sourceNet.set(describeForeign(loaded.report()));
            }
            activity.done("Loaded net " + file.getFileName());
        }).onFailure(activity::fail));
    }

    private record Loaded(NetReport report, String whyNotBaseA, FilterSnapshot filters,
                          SourceFilters.BaseNetFilters asBaseA) {
    }

    /** The plan a saved base A must fit to serve the paper's sweep here; null when there is none (no split). */
    private PaperPlan baseAProbe() {
        Dataset d = dataset.getValue();
        ClassSplit s = split.getValue();
        if (d == null || s == null) {
            return null;
        }
        try {
            return new PaperPlan(d, s, settings.bPerClass(), Architecture.transferCnn(d.inputShape(),
                    d.numClasses()), settings.recipe(d), EnumSet.of(Condition.BASE_A), List.of(), List.of(1L));
        } catch (IllegalArgumentException e) {
            return null; // images too small for the workbench's CNN: any net file is then a foreign source
        }
    }

    /**
     * The value range the loaded net expects ({@link Normalisation}); no net file records it, so the user states it
     * (the README lists it per source). Applied on the training thread, where the net lives.
     */
    public void setNormalisation(Normalisation normalisation) {
        NetReport current = foreignNet.get();
        if (current == null || activity.isBusy() || current.input().normalisation() == normalisation) {
            return;
        }
        executor.execute(BackgroundTask.wrap(() -> source.useNormalisation(normalisation))
                .onSuccess(report -> {
                    foreignNet.set(report);
                    sourceNet.set(describeForeign(report));
                })
                .onFailure(activity::showError));
    }

    /** Back to the paper's protocol: base nets trained on A and B of the split. */
    public void clearForeignNet() {
        if (activity.isBusy() || foreignNet.get() == null) {
            return;
        }
        executor.execute(BackgroundTask.wrap(source::close).onFailure(activity::showError));
        foreignNet.set(null);
        sourceNet.set("");
        readFilters(pretrainedA.get());
    }

    /** Reads a base net's conv1 on the training thread; a net that cannot be read shows none (logged, no banner). */
    private void readFilters(Path zip) {
        baseAFilters = null;
        sourceFilters.set(null);
        if (zip != null) {
            executor.execute(BackgroundTask.wrap(() -> SourceFilters.ofBaseNetFile(zip)).onSuccess(read -> {
                baseAFilters = read;
                showBaseAFilters();
            }));
        }
    }

    /**
     * Base A's filters beside the data it was trained on; on other data a sweep trains its own base A, whose filters
     * appear when it starts, so none are shown before.
     */
    private void showBaseAFilters() {
        if (foreignNet.get() != null) {
            return;
        }
        Dataset d = dataset.getValue();
        sourceFilters.set(baseAFilters != null && d != null && d.fingerprint().equals(
                baseAFilters.datasetFingerprint()) ? baseAFilters.filters() : null);
    }

    /** Sets the bundled base net without checking (checked when a sweep starts). */
    public void setDefaultPretrained(Path zip) {
        bundledBaseA = zip;
        pretrainedA.set(zip);
        readFilters(zip);
        sourceNet.set("Base A: " + zip.getFileName() + " (bundled) when it matches the setting, else trained");
    }

    /** The bundled base A set at start (null without one): a session need not name it. */
    public Path bundledBaseA() {
        return bundledBaseA;
    }

    /** Shows which base A a sweep used (said by the sweep once it has checked the saved net). */
    public void showSourceNet(String text) {
        sourceNet.set(text);
    }

    /** Frees the loaded net on the training thread. */
    public void shutdown() {
        executor.execute(BackgroundTask.wrap(source::close));
    }

    private void updateArchitecture() {
        Dataset d = dataset.getValue();
        if (d == null) {
            return;
        }
        // The net is drawn (and a loaded net can be swept) even when the classes cannot be split.
        try {
            architecture.set(foreignNet.get() != null ? PretrainedSource.displayArchitecture(foreignNet.get(), d)
                    : Architecture.transferCnn(d.inputShape(), d.numClasses()));
            settings.cutPointProperty().set(Math.min(settings.cutPoint(), architecture.get().cutPoints().size()));
        } catch (IllegalArgumentException e) {
            activity.showError(d.name() + ": " + e.getMessage());
        }
    }

    static String describeForeign(NetReport r) {
        String size = r.input().anySize() ? "any size" : r.input().height() + "x" + r.input().width();
        return String.format(Locale.ROOT, "Source: %s (%s, input %sx%d, %d weight layers): sweeps transfer from it to "
                        + "all classes (baseB, AnB, AnB+)", Path.of(r.file()).getFileName(), r.format(), size,
                r.input().channels(), r.cutPoints().size() + 1);
    }

    static String describe(Path zip, BaseNetInfo info) {
        return String.format(Locale.ROOT, "Base A: %s, trained on %s (test accuracy %.3f)", zip.getFileName(),
                String.join(", ", info.classes()), info.testAccuracy());
    }
}
