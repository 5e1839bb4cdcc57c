package org.transferworkbench.core.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.results.Summary;
import org.transferworkbench.core.sweep.Estimates;

/**
 * Prediction beside measurement: LogME and H-score per cut point (computed before training, each scaled to 0..1 over
 * the cut points, since only their order is a prediction) on the right axis, and the measured AnB with its 95%
 * interval on the left, filling in as runs finish. One builder for the window and for pictures.
 */
public final class EstimatesFigure {

    static final Color LOGME = new Color(0x2e, 0x7d, 0x32);
    static final Color HSCORE = new Color(0x6a, 0x1b, 0x9a);

    private EstimatesFigure() {
    }

    public static JFreeChart create() {
        YIntervalSeriesCollection measured = new YIntervalSeriesCollection();
        measured.addSeries(new YIntervalSeries("AnB measured"));
        XYErrorRenderer anb = new XYErrorRenderer();
        anb.setDefaultLinesVisible(true);
        anb.setDrawXError(false);
        anb.setCapLength(6);
        anb.setErrorPaint(null);
        anb.setSeriesPaint(0, Colors.of(Condition.ANB));
        anb.setSeriesStroke(0, new BasicStroke(3f));
        anb.setSeriesShape(0, new Ellipse2D.Double(-6, -6, 12, 12));
        NumberAxis x = Figures.styled(new NumberAxis("cut point k"));
        x.setTickUnit(new NumberTickUnit(1));
        x.setRange(0.6, 5.4);
        XYPlot plot = new XYPlot(measured, x, Figures.accuracyAxis(), anb);

        XYSeriesCollection predicted = new XYSeriesCollection();
        predicted.addSeries(new XYSeries("LogME predicted"));
        predicted.addSeries(new XYSeries("H-score predicted"));
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, true);
        float[] dash = {7f, 5f};
        Color[] colours = {LOGME, HSCORE};
        for (int i = 0; i < 2; i++) {
            lines.setSeriesPaint(i, colours[i]);
            lines.setSeriesStroke(i, new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, dash,
                    0f));
            lines.setSeriesShape(i, new Rectangle2D.Double(-4, -4, 8, 8));
        }
        NumberAxis scaled = Figures.styled(new NumberAxis("estimate (scaled)"));
        scaled.setRange(-0.05, 1.05);
        plot.setDataset(1, predicted);
        plot.setRenderer(1, lines);
        plot.setRangeAxis(1, scaled);
        plot.mapDatasetToRangeAxis(1, 1);
        return Figures.chart("Predicted before training vs. measured", plot);
    }

    /** Draws the estimates (null: none yet) and the measured AnB of {@code runs} at the estimates' cut points. */
    public static void fill(JFreeChart chart, Estimates.Result estimates, List<RunRecord> runs, List<Integer> ks) {
        XYPlot plot = chart.getXYPlot();
        YIntervalSeries measured = ((YIntervalSeriesCollection) plot.getDataset(0)).getSeries(0);
        XYSeriesCollection predicted = (XYSeriesCollection) plot.getDataset(1);
        measured.clear();
        predicted.getSeries(0).clear();
        predicted.getSeries(1).clear();
        if (!ks.isEmpty()) {
            ((NumberAxis) plot.getDomainAxis()).setRange(ks.get(0) - 0.4, ks.get(ks.size() - 1) + 0.4);
        }
        for (int k : ks) {
            Summary.Cell c = Summary.cell(runs, Condition.ANB, k);
            if (c != null) {
                measured.add(k, c.mean(), c.interval().low(), c.interval().high());
            }
        }
        if (estimates == null) {
            return;
        }
        double[] logMe = estimates.perCut().stream().mapToDouble(Estimates.PerCut::logMe).toArray();
        double[] hScore = estimates.perCut().stream().mapToDouble(Estimates.PerCut::hScore).toArray();
        double[] logMeScaled = scaled(logMe);
        double[] hScoreScaled = scaled(hScore);
        for (int i = 0; i < estimates.perCut().size(); i++) {
            int k = estimates.perCut().get(i).k();
            predicted.getSeries(0).add(k, logMeScaled[i]);
            predicted.getSeries(1).add(k, hScoreScaled[i]);
        }
    }

    /** Min-max scaling to 0..1 (all 0.5 when every value is the same): only the order is compared. */
    static double[] scaled(double[] v) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = max > min ? (v[i] - min) / (max - min) : 0.5;
        }
        return out;
    }
}
