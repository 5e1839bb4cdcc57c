package org.transferworkbench.ui.views;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.transferworkbench.ui.WorkbenchModel;
import org.transferworkbench.ui.common.RunState;

/** Run this k, or the full sweep; pause and cancel. */
public final class RunPanel extends VBox {

    public RunPanel(WorkbenchModel model) {
        Label title = new Label("Run");
        title.getStyleClass().add("title-3");
        Spinner<Integer> epochs = new Spinner<>(1, 200, model.epochs.get());
        epochs.setEditable(true);
        epochs.setPrefWidth(80);
        epochs.valueProperty().addListener((o, a, b) -> model.epochs.set(b));
        Spinner<Integer> seeds = new Spinner<>(1, 20, model.seeds.get());
        seeds.setEditable(true);
        seeds.setPrefWidth(80);
        seeds.valueProperty().addListener((o, a, b) -> model.seeds.set(b));

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

        model.stateProperty().addListener((o, a, s) -> {
            runK.setDisable(s.busy());
            sweep.setDisable(s.busy());
            pause.setDisable(s != RunState.RUNNING);
            cancel.setDisable(s != RunState.RUNNING);
            if (s != RunState.RUNNING) {
                pause.setSelected(false);
            }
        });
        pause.setDisable(true);
        cancel.setDisable(true);
        getChildren().addAll(title, new HBox(8, new Label("epochs"), epochs, new Label("seeds"), seeds),
                new HBox(8, runK, sweep), new HBox(8, pause, cancel));
        setSpacing(8);
        setPadding(new Insets(8));
    }
}
