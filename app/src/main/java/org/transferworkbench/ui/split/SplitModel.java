package org.transferworkbench.ui.split;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.split.ClassSplit;
import org.transferworkbench.core.split.SplitSpec;
import org.transferworkbench.ui.common.Activity;
import org.transferworkbench.ui.common.ExperimentSettings;

/**
 * The split of the shown data into A and B: random by seed, from a groups file, or edited by hand. Recomputed when the
 * data, the seed or the groups file change; null when the classes cannot be split (fewer than four).
 */
public final class SplitModel {

    private final ReadOnlyObjectWrapper<ClassSplit> split = new ReadOnlyObjectWrapper<>();
    /** A split edited by hand (classes moved between A and B); null = use the seed or the groups file. */
    private ClassSplit edited;
    private final ObservableValue<Dataset> dataset;
    private final ExperimentSettings settings;
    private final Activity activity;
    private final ObservableBooleanValue sourceNetLoaded;

    /** @param sourceNetLoaded whether a net trained elsewhere is the source (then no split is needed) */
    public SplitModel(ObservableValue<Dataset> dataset, ExperimentSettings settings, Activity activity,
                      ObservableBooleanValue sourceNetLoaded) {
        this.dataset = dataset;
        this.settings = settings;
        this.activity = activity;
        this.sourceNetLoaded = sourceNetLoaded;
        dataset.addListener((o, a, d) -> {
            edited = null;
            settings.groupsFileProperty().set(null); // a groups file names another dataset's classes
            update();
        });
        settings.splitSeedProperty().addListener((o, a, b) -> {
            edited = null;
            update();
        });
        settings.groupsFileProperty().addListener((o, a, b) -> {
            edited = null;
            update();
        });
        sourceNetLoaded.addListener((o, a, b) -> update());
    }

    public ReadOnlyObjectProperty<ClassSplit> splitProperty() {
        return split.getReadOnlyProperty();
    }

    public ClassSplit split() {
        return split.get();
    }

    /** Moves a class to the other half of the split (each half keeps at least two classes). */
    public void moveClass(String className) {
        ClassSplit current = split.get();
        if (current == null || activity.isBusy()) {
            return;
        }
        List<String> a = new ArrayList<>(current.classesA());
        List<String> b = new ArrayList<>(current.classesB());
        if (a.remove(className)) {
            b.add(className);
        } else if (b.remove(className)) {
            a.add(className);
        } else {
            return;
        }
        if (a.size() < 2 || b.size() < 2) {
            activity.showError("Each half of the split needs at least two classes.");
            return;
        }
        List<String> order = dataset.getValue().classNames();
        a.sort(Comparator.comparingInt(order::indexOf));
        b.sort(Comparator.comparingInt(order::indexOf));
        edited = new ClassSplit("groups", "edited by hand", current.seed(), a, b);
        update();
    }

    private void update() {
        Dataset d = dataset.getValue();
        if (d == null) {
            return;
        }
        if (d.numClasses() < 4) {
            split.set(null);
            if (!sourceNetLoaded.get()) {
                activity.showError(d.name() + " has " + d.numClasses() + " classes: the paper's A/B split needs at "
                        + "least 4 (two per half). Load a net trained elsewhere (Load net...) to transfer from it onto "
                        + "these classes.");
            }
            return;
        }
        try {
            SplitSpec spec = settings.groupsFileProperty().get() == null ? new SplitSpec.Random()
                    : new SplitSpec.Groups(settings.groupsFileProperty().get());
            split.set(edited != null ? edited : spec.apply(d.classNames(), settings.splitSeedProperty().get()));
        } catch (UserError | IllegalArgumentException e) {
            activity.showError(e.getMessage());
            settings.groupsFileProperty().set(null);
        }
    }
}
