package org.transferworkbench.ui.sweep;

import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.transferworkbench.core.sweep.Preset;
import org.transferworkbench.ui.common.Activity;
import org.transferworkbench.ui.common.ExperimentSettings;
import org.transferworkbench.ui.common.RunState;

/** Run this k, or the full sweep; pause and cancel. */
public final class RunPanel extends VBox {

    public RunPanel(SweepModel model, ExperimentSettings settings, Activity activity) {
        Label title = new Label("Run");
        title.getStyleClass().add("title-3");
        Spinner<Integer> epochs = spinner(1, 200, settings.epochsProperty());
        Spinner<Integer> seeds = spinner(1, 20, settings.seedsProperty());
        seeds.setTooltip(new Tooltip("Training seeds 1..n: every run repeated, the spread shows the noise"));
        Spinner<Integer> splits = spinner(1, 10, settings.splitsProperty());
        splits.setId("splits");
        splits.setTooltip(new Tooltip("Random splits (split seeds S, S+1, ...): the curve and the findings average "
                + "over splits and seeds, as the paper did; a groups file or an edited split is one split"));

        CheckBox classroom = new CheckBox("Classroom preset (" + Preset.CLASSROOM.trainPerClass()
                + " images per class, " + Preset.CLASSROOM.epochs() + " epochs)");
        classroom.setId("classroomPreset");
        classroom.selectedProperty().bindBidirectional(settings.classroomProperty());
        classroom.setTooltip(new Tooltip("The whole sweep in about 70 s on a 2-core laptop: the same "
                + "protocol on fewer training images per class (validation and test stay whole), for a class"));
        epochs.disableProperty().bind(settings.classroomProperty());

        Button runK = new Button("Train this k");
        runK.setId("runK");
        runK.setOnAction(e -> model.runCutPoint());
        Button sweep = new Button("Run full sweep (Ctrl+R)");
        sweep.setId("runSweep");
        sweep.getStyleClass().add("accent");
        sweep.setOnAction(e -> model.runSweep());
        ToggleButton pause = new ToggleButton("Pause");
        pause.selectedProperty().addListener((o, a, b) -> model.setPaused(b));
        Button cancel = new Button("Cancel (Esc)");
        cancel.setId("cancel");
        cancel.setOnAction(e -> model.cancel());

        runK.disableProperty().bind(activity.busyProperty());
        sweep.disableProperty().bind(activity.busyProperty());
        BooleanBinding notRunning = activity.stateProperty().isNotEqualTo(RunState.RUNNING);
        pause.disableProperty().bind(notRunning);
        cancel.disableProperty().bind(notRunning);
        notRunning.addListener((o, a, idle) -> {
            if (idle) {
                pause.setSelected(false);
            }
        });
        Label recipe = new Label();
        recipe.setId("recipeNote");
        recipe.getStyleClass().add("text-muted");
        recipe.setWrapText(true);
        recipe.textProperty().bind(model.recipeNote());
        recipe.visibleProperty().bind(recipe.textProperty().isNotEmpty());
        recipe.managedProperty().bind(recipe.visibleProperty());
        recipe.setTooltip(new Tooltip("The small-data rule for image folders, the same for every condition "
                + "(README: Your own images); IDX data keeps the paper's recipe"));
        getChildren().addAll(title, new HBox(6, new Label("epochs"), epochs, new Label("seeds"), seeds,
                        new Label("splits"), splits), classroom, recipe,
                new HBox(8, runK, sweep), new HBox(8, pause, cancel));
        setSpacing(8);
        setPadding(new Insets(8));
    }

    /** An editable spinner bound both ways to a setting. */
    private static Spinner<Integer> spinner(int min, int max, IntegerProperty setting) {
        Spinner<Integer> spinner = new Spinner<>(min, max, setting.get());
        spinner.setEditable(true);
        spinner.setPrefWidth(70);
        spinner.getValueFactory().valueProperty().bindBidirectional(setting.asObject());
        return spinner;
    }
}
