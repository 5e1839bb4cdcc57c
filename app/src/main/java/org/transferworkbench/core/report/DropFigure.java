package org.transferworkbench.core.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.transferworkbench.core.results.Drop;

/**
 * The paper's Fig. 3 as a chart: AnB - baseB (points) against the cut point for several settings side by side, e.g.
 * a dissimilar split and random ones, each mean with its 95% interval; zero (no loss) as a line.
 */
public final class DropFigure {

    private static final Color[] COLOURS = {new Color(0xc0, 0x1f, 0x2a), new Color(0x1f, 0x4e, 0xb4),
        new Color(0x2e, 0x7d, 0x32), new Color(0x6a, 0x1b, 0x9a)};

    private DropFigure() {
    }

    /** One curve per setting, labelled; settings beyond four reuse the colours. */
    public static JFreeChart create(List<String> labels, List<List<Drop.Point>> drops) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        XYErrorRenderer lines = new XYErrorRenderer();
        lines.setDefaultLinesVisible(true);
        lines.setDrawXError(false);
        lines.setCapLength(6);
        lines.setErrorPaint(null);
        int minK = Integer.MAX_VALUE;
        int maxK = Integer.MIN_VALUE;
        for (int i = 0; i < labels.size(); i++) {
            YIntervalSeries s = new YIntervalSeries(labels.get(i));
            // Side by side within a k, so the error bars do not hide each other.
            double offset = (i - (labels.size() - 1) / 2.0) * 0.06;
            for (Drop.Point p : drops.get(i)) {
                s.add(p.k() + offset, p.points(), p.interval().low(), p.interval().high());
                minK = Math.min(minK, p.k());
                maxK = Math.max(maxK, p.k());
            }
            data.addSeries(s);
            lines.setSeriesPaint(i, COLOURS[i % COLOURS.length]);
            lines.setSeriesStroke(i, new BasicStroke(3f));
            lines.setSeriesShape(i, new Ellipse2D.Double(-6, -6, 12, 12));
        }
        NumberAxis x = Figures.styled(new NumberAxis("cut point k (layers copied from A, frozen)"));
        x.setTickUnit(new NumberTickUnit(1));
        if (minK <= maxK) {
            x.setRange(minK - 0.4, maxK + 0.4);
        }
        NumberAxis y = Figures.styled(new NumberAxis("AnB - baseB (accuracy points)"));
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, x, y, lines);
        plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1.5f)));
        return Figures.chart("Frozen transfer vs. B's own net, by how alike the tasks are", plot);
    }
}
