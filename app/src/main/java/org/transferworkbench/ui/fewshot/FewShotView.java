package org.transferworkbench.ui.fewshot;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.transferworkbench.core.report.FewShotFigure;
import org.transferworkbench.core.results.FewShot;
import org.transferworkbench.ui.common.Activity;
import org.transferworkbench.ui.common.ChartPane;

/**
 * The few-examples view: which sizes of B and which cut point, a Run button, and the figure (redrawn after each size);
 * its sentence ({@link #verdict}) says where transfer pays most, or that no size shows a gain beyond noise.
 */
public final class FewShotView extends VBox {

    static final String PROBE = "probe";
    private final ChartPane pane;
    private final Label verdict = new Label();
    private volatile int plotted;

    public FewShotView(FewShotModel model, Activity activity) {
        TextField sizes = new TextField();
        sizes.setId("fewShotSizes");
        sizes.textProperty().bindBidirectional(model.sizesProperty());
        sizes.setPrefColumnCount(12);
        HBox.setHgrow(sizes, Priority.ALWAYS);
        sizes.setTooltip(new Tooltip("Training images per B class, comma-separated; 'all' = every one"));
        ComboBox<String> k = new ComboBox<>();
        k.setId("fewShotK");
        k.getItems().addAll(PROBE, "1", "2", "3", "4", "5");
        k.setValue(PROBE);
        k.setTooltip(new Tooltip("Cut point for AnB and AnB+; the probe runs AnB+ at every k with 10 images per "
                + "class and takes the best"));
        k.valueProperty().addListener((o, a, b) -> model.kProperty().set(b == null || b.equals(PROBE) ? null
                : Integer.valueOf(b)));
        Button run = new Button("Run");
        run.setId("runFewShot");
        run.getStyleClass().add("accent");
        run.disableProperty().bind(activity.busyProperty());
        run.setTooltip(new Tooltip("Run baseB, AnB and AnB+ for each size of B (the run settings' seeds and epochs)"));
        run.setOnAction(e -> model.run());
        // Short words: the cell is a third of a laptop screen wide; the tooltips say the rest.
        Label sizesLabel = new Label("Per class");
        sizesLabel.setTooltip(sizes.getTooltip());
        sizesLabel.setMinWidth(Region.USE_PREF_SIZE);
        Label kLabel = new Label("k");
        kLabel.setMinWidth(Region.USE_PREF_SIZE);
        k.setMinWidth(Region.USE_PREF_SIZE);
        run.setMinWidth(Region.USE_PREF_SIZE);
        HBox controls = new HBox(8, sizesLabel, sizes, kLabel, k, run);
        controls.setAlignment(Pos.CENTER_LEFT);

        // The tab names the figure; its title would take a fifth of the cell's height.
        pane = new ChartPane(FewShotFigure.create());
        pane.setUp(chart -> chart.setTitle((String) null));
        pane.setId("fewShotChart");
        // A small minimum: the tab's cell on a 1366x768 screen leaves the chart about 120 pixels.
        pane.setMinSize(200, 60);
        pane.setPrefHeight(120);
        VBox.setVgrow(pane, Priority.ALWAYS);
        pane.exportable("few-examples", activity::showError);
        verdict.setId("fewShotVerdict");
        verdict.setWrapText(true);
        verdict.textProperty().bind(model.verdictProperty());
        model.rowsProperty().addListener((o, a, rows) -> redraw(rows, model.shownKProperty().get()));
        setSpacing(6);
        getChildren().addAll(controls, pane);
        getStyleClass().add("panel");
    }

    /**
     * Where transfer pays most, or that no size shows a gain: placed by the window in the findings band under the
     * views while this tab is shown (the cell itself has no room for a paragraph on a laptop screen).
     */
    public Label verdict() {
        return verdict;
    }

    public ChartPane pane() {
        return pane;
    }

    /** Sizes of B drawn so far (for tests). */
    public int plottedSizes() {
        return plotted;
    }

    private void redraw(List<FewShot.Row> rows, int k) {
        pane.update(chart -> {
            chart.setNotify(false);
            FewShotFigure.fill(chart, rows, k);
            chart.setNotify(true);
            plotted = rows.size();
        });
    }
}
