package org.transferworkbench.ui.runs;

import java.awt.BasicStroke;
import java.awt.Font;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.layout.StackPane;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.axis.NumberAxis;
import org.transferworkbench.ui.common.ChartPane;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.transferworkbench.core.train.EpochStats;
import org.transferworkbench.ui.common.Palette;

/** Training loss and validation accuracy per epoch: the current run bold, the previous few faded. */
public final class LearningCurves extends StackPane {

    static final int SHOWN_RUNS = 6;
    private final RunsModel model;
    private final XYSeriesCollection loss = new XYSeriesCollection();
    private final XYSeriesCollection accuracy = new XYSeriesCollection();
    private final XYLineAndShapeRenderer lossRenderer = new XYLineAndShapeRenderer(true, true);
    private final XYLineAndShapeRenderer accRenderer = new XYLineAndShapeRenderer(true, true);
    private final ChartPane pane;

    public LearningCurves(RunsModel model) {
        this.model = model;
        Font tick = new Font("SansSerif", Font.PLAIN, 13);
        // No vertical axis titles: the two stacked plots are each under 100 px tall on a laptop and their titles ran
        // into each other; the subtitle says which is which.
        NumberAxis lossAxis = new NumberAxis();
        NumberAxis accAxis = new NumberAxis();
        accAxis.setAutoRangeIncludesZero(false);
        NumberAxis epochAxis = new NumberAxis("epoch");
        epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        for (NumberAxis a : List.of(lossAxis, accAxis, epochAxis)) {
            a.setTickLabelFont(tick);
            a.setLabelFont(new Font("SansSerif", Font.PLAIN, 14));
        }
        // One legend entry per run: the accuracy plot repeats the loss plot's runs and colours.
        accRenderer.setDefaultSeriesVisibleInLegend(false);
        XYPlot top = new XYPlot(loss, null, lossAxis, lossRenderer);
        XYPlot bottom = new XYPlot(accuracy, null, accAxis, accRenderer);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochAxis);
        plot.add(top);
        plot.add(bottom);
        plot.setGap(8);
        for (XYPlot p : List.of(top, bottom)) {
            p.setBackgroundPaint(java.awt.Color.WHITE);
            p.setRangeGridlinePaint(new java.awt.Color(0xdd, 0xdd, 0xdd));
        }
        JFreeChart chart = new JFreeChart("Learning curves", new Font("SansSerif", Font.BOLD, 17), plot, true);
        chart.addSubtitle(new TextTitle("top: training loss, bottom: validation accuracy",
                new Font("SansSerif", Font.PLAIN, 12)));
        chart.getLegend().setItemFont(new Font("SansSerif", Font.PLAIN, 13));
        chart.setBackgroundPaint(java.awt.Color.WHITE);
        pane = new ChartPane(chart);
        pane.setId("learningCurves");
        pane.setMinSize(200, 160);
        getChildren().add(pane);
        getStyleClass().add("panel");
        model.curves().addListener((ListChangeListener<RunCurve>) c -> refresh());
        refresh();
    }

    /** The chart's pane (its context menu saves it as PNG or SVG). */
    public ChartPane pane() {
        return pane;
    }

    private void refresh() {
        // One redraw per refresh, not one per changed series.
        List<RunCurve> all = List.copyOf(model.curves());
        List<RunCurve> shown = List.copyOf(all.subList(Math.max(0, all.size() - SHOWN_RUNS), all.size()));
        pane.update(chart -> {
            chart.setNotify(false);
            rebuild(shown);
            chart.setNotify(true);
        });
    }

    /** Runs on the chart renderer thread. */
    private void rebuild(List<RunCurve> shown) {
        loss.removeAllSeries();
        accuracy.removeAllSeries();
        for (int i = 0; i < shown.size(); i++) {
            RunCurve c = shown.get(i);
            XYSeries l = new XYSeries(c.label());
            XYSeries a = new XYSeries(c.label());
            for (EpochStats s : c.epochs()) {
                l.add(s.epoch(), s.trainLoss());
                a.add(s.epoch(), s.validationAccuracy());
            }
            loss.addSeries(l);
            accuracy.addSeries(a);
            boolean current = i == shown.size() - 1;
            java.awt.Color base = Palette.awt(c.key().condition());
            java.awt.Color color = current ? base : new java.awt.Color(base.getRed(), base.getGreen(), base.getBlue(),
                    90);
            BasicStroke stroke = new BasicStroke(current ? 3f : 1.5f);
            for (XYLineAndShapeRenderer r : List.of(lossRenderer, accRenderer)) {
                r.setSeriesPaint(i, color);
                r.setSeriesStroke(i, stroke);
                r.setSeriesShapesVisible(i, current);
            }
        }
    }
}
