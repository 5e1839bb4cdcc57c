package org.transferworkbench.ui.estimate;

import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.report.EstimatesFigure;
import org.transferworkbench.core.sweep.Estimates;
import org.transferworkbench.ui.common.Activity;
import org.transferworkbench.ui.common.ChartPane;

/**
 * Predicted vs. measured: the estimators' curves (scaled) and the measured AnB in one figure, a Predict button, and
 * the sentence with Kendall's tau ({@link #sentence}), which the window shows in the findings band.
 */
public final class EstimateView extends VBox {

    private final ChartPane pane;
    private final Label sentence = new Label();
    private volatile boolean predictionShown;
    private final BooleanProperty showing = new SimpleBooleanProperty(true);
    private boolean stale;

    public EstimateView(EstimateModel model, Supplier<Architecture> architecture, Activity activity) {
        Button predict = new Button("Predict");
        predict.setId("predict");
        predict.getStyleClass().add("accent");
        predict.disableProperty().bind(activity.busyProperty());
        predict.setTooltip(new Tooltip("LogME and H-score for every cut point from one pass of B's training images "
                + "through base A (trained first if no cached one fits this split)"));
        predict.setOnAction(e -> model.predict());
        predict.setMinWidth(Region.USE_PREF_SIZE);
        // The colours are named here rather than in a legend: the cell is small on a laptop screen.
        Label help = new Label("Predicted before training (dashed, scaled over k): green LogME, purple H-score. "
                + "Red: AnB as measured.");
        help.setTooltip(new Tooltip(help.getText()));
        help.getStyleClass().add("text-muted");
        help.setMinWidth(0);
        HBox controls = new HBox(8, predict, help);
        controls.setAlignment(Pos.CENTER_LEFT);

        pane = new ChartPane(EstimatesFigure.create());
        pane.setUp(chart -> {
            chart.setTitle((String) null);
            chart.removeLegend();
        });
        pane.setId("estimatesChart");
        pane.setMinSize(200, 60);
        pane.setPrefHeight(120);
        VBox.setVgrow(pane, Priority.ALWAYS);
        pane.exportable("predicted-vs-measured", activity::showError);
        sentence.setId("estimateSentence");
        sentence.setWrapText(true);
        sentence.textProperty().bind(model.sentenceProperty());
        // Drawn only while its tab is shown: every finished run would otherwise cost the FX thread a second chart
        // picture during a sweep, for a figure nobody sees. A change while hidden is drawn when the tab opens.
        Runnable redraw = () -> {
            if (showing.get()) {
                redraw(model.resultProperty().get(), List.copyOf(model.runs()), architecture.get());
            } else {
                stale = true;
            }
        };
        model.resultProperty().addListener((o, a, b) -> redraw.run());
        model.runs().addListener((ListChangeListener<RunRecord>) c -> redraw.run());
        showing.addListener((o, was, now) -> {
            if (now && stale) {
                stale = false;
                redraw.run();
            }
        });
        setSpacing(6);
        getChildren().addAll(controls, pane);
        getStyleClass().add("panel");
    }

    /** Whether the view is on screen (its tab selected); the window binds it. */
    public BooleanProperty showingProperty() {
        return showing;
    }

    /** Shown by the window in the findings band while this tab is selected. */
    public Label sentence() {
        return sentence;
    }

    public ChartPane pane() {
        return pane;
    }

    /** Whether the estimators are drawn (for tests). */
    public boolean predictionShown() {
        return predictionShown;
    }

    private void redraw(Estimates.Result r, List<RunRecord> runs, Architecture arch) {
        List<Integer> ks = r != null ? r.perCut().stream().map(Estimates.PerCut::k).toList()
                : arch != null ? arch.cutPoints() : List.of();
        pane.update(chart -> {
            chart.setNotify(false);
            EstimatesFigure.fill(chart, r, runs, ks);
            chart.setNotify(true);
            predictionShown = r != null;
        });
    }
}
