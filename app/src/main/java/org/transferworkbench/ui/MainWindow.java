package org.transferworkbench.ui;

import java.io.File;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.transferworkbench.ui.views.ConfusionView;
import org.transferworkbench.ui.views.DataPanel;
import org.transferworkbench.ui.views.FilterView;
import org.transferworkbench.ui.views.LearningCurves;
import org.transferworkbench.ui.views.NetPanel;
import org.transferworkbench.ui.views.RunPanel;
import org.transferworkbench.ui.views.RunsTable;
import org.transferworkbench.ui.views.SplitPanel;
import org.transferworkbench.ui.views.StatusBar;
import org.transferworkbench.ui.views.TransferabilityChart;

/** Lays the views out: controls on the left, the net and the live views in the middle, status at the bottom. */
public final class MainWindow extends BorderPane {

    private final WorkbenchModel model;
    private final NetPanel netPanel;
    private final TransferabilityChart transferability;
    private final FilterView filters;

    public MainWindow(WorkbenchModel model, Runnable toggleTheme) {
        this.model = model;
        Label title = new Label("Transfer Workbench");
        title.getStyleClass().add("title-2");
        Label subtitle = new Label("How transferable are features in deep neural networks? (Yosinski et al., 2014)");
        subtitle.getStyleClass().add("text-muted");
        Button openResults = new Button("Open results...");
        openResults.setId("openResults");
        openResults.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("results.json", "*.json"));
            File f = chooser.showOpenDialog(getScene().getWindow());
            if (f != null) {
                model.openResults(f.toPath());
            }
        });
        ToggleButton dark = new ToggleButton("Dark theme");
        dark.setOnAction(e -> toggleTheme.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(14, new VBox(title, subtitle), spacer, openResults, dark);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(8, 12, 8, 12));

        Label errorText = new Label();
        errorText.setId("errorBanner");
        errorText.setWrapText(true);
        errorText.textProperty().bind(model.errorProperty());
        Button dismiss = new Button("Dismiss");
        dismiss.setOnAction(e -> model.clearError());
        HBox banner = new HBox(12, errorText, dismiss);
        banner.getStyleClass().add("error-banner");
        banner.setPadding(new Insets(8, 12, 8, 12));
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.visibleProperty().bind(model.errorProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        setTop(new VBox(header, banner));
        model.pendingSweepProperty().addListener((o, a, text) -> {
            if (text != null && !text.isEmpty()) {
                confirmSweep(text);
            }
        });

        VBox left = new VBox(4, new DataPanel(model), new Separator(), new SplitPanel(model), new Separator(),
                new RunPanel(model), new Separator(), new RunsTable(model));
        left.setPadding(new Insets(4));
        left.setPrefWidth(400);
        ScrollPane leftScroll = new ScrollPane(left);
        leftScroll.setFitToWidth(true);
        leftScroll.setPrefWidth(420);
        leftScroll.setMinWidth(340);
        setLeft(leftScroll);

        netPanel = new NetPanel(model);
        transferability = new TransferabilityChart(model);
        filters = new FilterView(model);
        GridPane views = new GridPane();
        views.setHgap(8);
        views.setVgap(8);
        LearningCurves curves = new LearningCurves(model);
        ConfusionView confusion = new ConfusionView(model);
        views.add(transferability, 0, 0);
        views.add(curves, 1, 0);
        views.add(filters, 0, 1);
        views.add(confusion, 1, 1);
        for (Region r : new Region[] {transferability, curves, filters, confusion}) {
            // Percent columns: let each view shrink (and clip) rather than widen the window.
            r.setMinWidth(0);
            r.setMinHeight(0);
            javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
            clip.widthProperty().bind(r.widthProperty());
            clip.heightProperty().bind(r.heightProperty());
            r.setClip(clip);
        }
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            c.setHgrow(Priority.ALWAYS);
            views.getColumnConstraints().add(c);
        }
        RowConstraints top = new RowConstraints();
        top.setPercentHeight(62);
        top.setVgrow(Priority.ALWAYS);
        RowConstraints bottom = new RowConstraints();
        bottom.setPercentHeight(38);
        views.getRowConstraints().addAll(top, bottom);
        VBox.setVgrow(views, Priority.ALWAYS);
        Label findings = transferability.findings();
        findings.getStyleClass().add("findings");
        VBox center = new VBox(8, netPanel, views, findings);
        center.setPadding(new Insets(4, 8, 4, 8));
        setCenter(center);
        setBottom(new StatusBar(model));
    }

    public NetPanel netPanel() {
        return netPanel;
    }

    public TransferabilityChart transferability() {
        return transferability;
    }

    public FilterView filters() {
        return filters;
    }

    /**
     * Shows a foreign-net sweep's plan and measured time and starts it only on the user's word. Not modal-blocking
     * (show, not showAndWait): the answer arrives through the dialog's result.
     */
    private void confirmSweep(String summary) {
        ButtonType start = new ButtonType("Start", ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, summary, start, ButtonType.CANCEL);
        alert.setTitle("Start the sweep?");
        alert.setHeaderText("Transfer from the loaded net");
        alert.getDialogPane().setId("sweepEstimate");
        alert.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        if (getScene() != null) {
            alert.initOwner(getScene().getWindow());
        }
        boolean[] answered = new boolean[1];
        javafx.beans.value.ChangeListener<String> settledElsewhere = (o, a, b) -> {
            if (b == null || b.isEmpty()) {
                answered[0] = true; // confirmed or discarded by other means (a script): nothing left to ask
                alert.close();
            }
        };
        model.pendingSweepProperty().addListener(settledElsewhere);
        alert.setOnHidden(e -> {
            model.pendingSweepProperty().removeListener(settledElsewhere);
            if (answered[0]) {
                return;
            }
            if (alert.getResult() == start) {
                model.confirmPendingSweep();
            } else {
                model.discardPendingSweep();
            }
        });
        alert.show();
    }
}
