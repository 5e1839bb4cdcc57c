package org.transferworkbench.core.report;

import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.results.FewShot;
import org.transferworkbench.core.results.Summary;

/**
 * The few-examples figure: test accuracy on B against B's training images per class (evenly spaced, like a log
 * scale for 1, 2, 5, 10, ...), for baseB, AnB and AnB+ at one cut point, means with their 95% intervals. One builder
 * for the window and for pictures.
 */
public final class FewShotFigure {

    static final List<Condition> CURVES = List.of(Condition.BASE_B, Condition.ANB, Condition.ANB_PLUS);

    private FewShotFigure() {
    }

    public static JFreeChart create() {
        YIntervalSeriesCollection means = new YIntervalSeriesCollection();
        XYErrorRenderer lines = new XYErrorRenderer();
        lines.setDefaultLinesVisible(true);
        lines.setDrawXError(false);
        lines.setCapLength(6);
        lines.setErrorPaint(null);
        for (int i = 0; i < CURVES.size(); i++) {
            Condition c = CURVES.get(i);
            means.addSeries(new YIntervalSeries(c.label()));
            lines.setSeriesPaint(i, Colors.of(c));
            lines.setSeriesStroke(i, new BasicStroke(c.frozen() ? 3f : 2.5f, BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND, 1f, c == Condition.ANB_PLUS ? new float[] {8f, 5f} : null, 0f));
            lines.setSeriesShape(i, c == Condition.ANB_PLUS ? new Rectangle2D.Double(-5, -5, 10, 10)
                    : new Ellipse2D.Double(-6, -6, 12, 12));
        }
        SymbolAxis x = new SymbolAxis("images per B class", new String[] {"1", "2", "5", "10"});
        x.setGridBandsVisible(false);
        return Figures.chart("Few examples: accuracy on B vs. size of B", new XYPlot(means, Figures.styled(x),
                Figures.accuracyAxis(), lines));
    }

    /** Draws the rows (in their order, one tick each) at cut point {@code k}; no rows clears the figure. */
    public static void fill(JFreeChart chart, List<FewShot.Row> rows, int k) {
        XYPlot plot = chart.getXYPlot();
        YIntervalSeriesCollection means = (YIntervalSeriesCollection) plot.getDataset();
        for (int i = 0; i < means.getSeriesCount(); i++) {
            means.getSeries(i).clear();
        }
        String[] labels = rows.isEmpty() ? new String[] {"1", "2", "5", "10"}
                : rows.stream().map(r -> r.perClass() == 0 ? "all" : Integer.toString(r.perClass()))
                .toArray(String[]::new);
        SymbolAxis x = new SymbolAxis(k > 0 ? "images per B class (AnB, AnB+ at k=" + k + ")"
                : "images per B class", labels);
        Figures.styled(x).setGridBandsVisible(false);
        x.setRange(-0.4, labels.length - 0.6);
        plot.setDomainAxis(x);
        for (int i = 0; i < rows.size(); i++) {
            FewShot.Row r = rows.get(i);
            Summary.Cell[] cells = {r.baseB(), r.frozen(), r.fineTuned()};
            for (int c = 0; c < cells.length; c++) {
                if (cells[c] != null) {
                    // Side by side within a size, so the error bars do not hide each other.
                    means.getSeries(c).add(i + (c - 1) * 0.08, cells[c].mean(), cells[c].interval().low(),
                            cells[c].interval().high());
                }
            }
        }
    }
}
