package org.transferworkbench.ui.common;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.split.Side;

/** The user's inputs to an experiment, in the paper's words; views bind to them both ways, models read them. */
public final class ExperimentSettings {

    private final IntegerProperty splitSeed = new SimpleIntegerProperty(1);
    private final ObjectProperty<Path> groupsFile = new SimpleObjectProperty<>();
    /** Training images per B class; 0 = all. */
    private final IntegerProperty bPerClass = new SimpleIntegerProperty(0);
    private final IntegerProperty cutPoint = new SimpleIntegerProperty(3);
    private final BooleanProperty fineTune = new SimpleBooleanProperty(false);
    /** Whose base net the first k layers come from: A (transfer) or B (selffer). */
    private final ObjectProperty<Side> source = new SimpleObjectProperty<>(Side.A);
    private final IntegerProperty epochs = new SimpleIntegerProperty(Recipe.DEFAULT.epochs());
    private final IntegerProperty seeds = new SimpleIntegerProperty(1);
    /** Random splits a sweep repeats over (split seeds S, S+1, ...), as the paper averaged over four. */
    private final IntegerProperty splits = new SimpleIntegerProperty(1);
    /** The classroom preset: fewer training images and epochs for the sweep, so it fits a lesson. */
    private final BooleanProperty classroom = new SimpleBooleanProperty(false);

    public IntegerProperty splitSeedProperty() {
        return splitSeed;
    }

    public ObjectProperty<Path> groupsFileProperty() {
        return groupsFile;
    }

    public IntegerProperty bPerClassProperty() {
        return bPerClass;
    }

    public IntegerProperty cutPointProperty() {
        return cutPoint;
    }

    public BooleanProperty fineTuneProperty() {
        return fineTune;
    }

    public ObjectProperty<Side> sourceProperty() {
        return source;
    }

    public IntegerProperty epochsProperty() {
        return epochs;
    }

    public IntegerProperty seedsProperty() {
        return seeds;
    }

    public IntegerProperty splitsProperty() {
        return splits;
    }

    public BooleanProperty classroomProperty() {
        return classroom;
    }

    public int bPerClass() {
        return bPerClass.get();
    }

    public int cutPoint() {
        return cutPoint.get();
    }

    public boolean fineTune() {
        return fineTune.get();
    }

    public Side source() {
        return source.get();
    }

    /** The recipe for {@code data}: the paper's with the chosen epochs; image folders add the small-data rule. */
    public Recipe recipe(Dataset data) {
        Recipe r = Recipe.DEFAULT.withEpochs(epochs.get());
        return data == null ? r : r.forFormat(data.format());
    }

    /** Training seeds 1..n. */
    public List<Long> seedList() {
        List<Long> list = new ArrayList<>();
        for (long i = 0; i < seeds.get(); i++) {
            list.add(1 + i);
        }
        return list;
    }
}
