package org.transferworkbench.ui.sweep;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.transferworkbench.ui.common.Activity;

/** Progress of the sweep, the current run, and which backend computes. */
public final class StatusBar extends VBox {

    public StatusBar(Activity activity, SweepModel model) {
        ProgressBar bar = new ProgressBar(0);
        bar.setId("progress");
        bar.setPrefWidth(260);
        bar.progressProperty().bind(activity.progressProperty());
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(activity.statusProperty());
        Label run = new Label();
        run.setId("currentRun");
        run.textProperty().bind(model.progress().currentRunProperty());
        Label backend = new Label();
        backend.setId("backend");
        backend.textProperty().bind(model.backendProperty());
        backend.getStyleClass().add("text-muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(12, bar, status, spacer, backend);
        top.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(top, run);
        setPadding(new Insets(6, 10, 6, 10));
        setSpacing(2);
        getStyleClass().add("status-bar");
    }
}
