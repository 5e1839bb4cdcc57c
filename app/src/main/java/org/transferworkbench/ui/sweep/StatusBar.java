package org.transferworkbench.ui.sweep;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.transferworkbench.core.backend.BackendChoice;
import org.transferworkbench.ui.common.Activity;
import org.transferworkbench.ui.common.BackendSetting;

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
        // The long texts give way, never the menu: the status and backend shrink (with an ellipsis and the whole
        // text as tooltip), the "Compute on" menu keeps its width.
        backend.setMinWidth(0);
        backend.setTooltip(new Tooltip());
        backend.getTooltip().textProperty().bind(backend.textProperty());
        status.setMinWidth(0);
        status.setTooltip(new Tooltip());
        status.getTooltip().textProperty().bind(status.textProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        MenuButton computeOn = computeOn(activity);
        computeOn.setMinWidth(Region.USE_PREF_SIZE);
        HBox top = new HBox(12, bar, status, spacer, backend, computeOn);
        top.setAlignment(Pos.CENTER_LEFT);
        // The status says what just happened and the backend what stays the same: at laptop widths the backend gives
        // way first (at most 40% of the bar), where an even share cut the status short at 1366 pixels.
        backend.maxWidthProperty().bind(top.widthProperty().multiply(0.4));
        getChildren().addAll(top, run);
        setPadding(new Insets(6, 10, 6, 10));
        setSpacing(2);
        getStyleClass().add("status-bar");
    }

    /** The saved backend choice; ND4J picks its backend once per start, so it applies at the next one. */
    private static MenuButton computeOn(Activity activity) {
        MenuButton button = new MenuButton("Compute on");
        button.setId("computeOn");
        button.getStyleClass().addAll("flat", "small");
        button.setTooltip(new Tooltip("Where the nets compute: the GPU when the GPU build finds one (automatic), or "
                + "always the CPU or the GPU. Applies the next time the workbench starts."));
        ToggleGroup group = new ToggleGroup();
        BackendChoice saved = BackendSetting.saved();
        for (BackendChoice choice : BackendChoice.values()) {
            RadioMenuItem item = new RadioMenuItem(switch (choice) {
                case AUTO -> "Automatic (GPU if usable, else CPU)";
                case CPU -> "CPU";
                case GPU -> "GPU (needs the GPU build, README: GPU)";
            });
            item.setToggleGroup(group);
            item.setSelected(choice == saved);
            item.setOnAction(e -> {
                BackendSetting.save(choice);
                activity.status("Compute on: " + choice.label() + " from the next start of the workbench");
            });
            button.getItems().add(item);
        }
        return button;
    }
}
