package org.transferworkbench.core.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.results.LearningCheck;
import org.transferworkbench.core.results.Summary;
import org.transferworkbench.core.split.Side;
import org.transferworkbench.core.stats.Interval;

/**
 * The paper's Figure 2 from measured runs: test accuracy on B against cut point k for BnB, BnB+, AnB, AnB+ (lines
 * through the means with 95% error bars, every run a dot), baseB as a dashed line, runs whose nets did not learn as
 * grey crosses, chance and the largest class as dotted lines. One builder for the window (redrawn as runs finish, on
 * its chart thread) and for exported reports and pictures.
 */
public final class TransferabilityFigure {

    static final List<Condition> CURVES = List.of(Condition.BNB, Condition.BNB_PLUS, Condition.ANB,
            Condition.ANB_PLUS);

    private TransferabilityFigure() {
    }

    /** An empty figure; {@link #fill} draws runs into it. */
    public static JFreeChart create() {
        YIntervalSeriesCollection means = new YIntervalSeriesCollection();
        XYSeriesCollection points = new XYSeriesCollection();
        for (Condition c : CURVES) {
            means.addSeries(new YIntervalSeries(c.label()));
            points.addSeries(new XYSeries(c.label() + " runs"));
        }
        means.addSeries(new YIntervalSeries("baseB"));
        points.addSeries(new XYSeries("baseB runs"));
        points.addSeries(new XYSeries("did not learn"));

        // Means with their 95% intervals as error bars (Wilson for one run, a bootstrap over runs for several).
        XYErrorRenderer lines = new XYErrorRenderer();
        lines.setDefaultLinesVisible(true);
        lines.setDrawXError(false);
        lines.setCapLength(6);
        lines.setErrorPaint(null);
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        for (int i = 0; i < CURVES.size(); i++) {
            Condition c = CURVES.get(i);
            lines.setSeriesPaint(i, Colors.of(c));
            lines.setSeriesStroke(i, new BasicStroke(c.frozen() ? 3f : 2.5f, BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND, 1f, c.frozen() ? null : new float[] {8f, 5f}, 0f));
            lines.setSeriesShape(i, c.frozen() ? new Ellipse2D.Double(-6, -6, 12, 12)
                    : new Rectangle2D.Double(-5, -5, 10, 10));
            dots.setSeriesPaint(i, Colors.of(c));
            dots.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
            dots.setSeriesVisibleInLegend(i, false);
        }
        int base = CURVES.size();
        lines.setSeriesPaint(base, Colors.of(Condition.BASE_B));
        lines.setSeriesShape(base, new Ellipse2D.Double(-7, -7, 14, 14));
        dots.setSeriesPaint(base, Colors.of(Condition.BASE_B));
        dots.setSeriesShape(base, new Ellipse2D.Double(-3, -3, 6, 6));
        dots.setSeriesVisibleInLegend(base, false);
        // Runs whose nets did not learn stay visible, crossed out in grey, and no finding uses them.
        dots.setSeriesPaint(base + 1, new Color(0x99, 0x99, 0x99));
        dots.setSeriesShape(base + 1, ShapeUtils.createDiagonalCross(4, 1));

        NumberAxis x = new NumberAxis("cut point k: layers copied from the base net");
        x.setTickUnit(new NumberTickUnit(1));
        x.setRange(-0.3, 5.3);
        XYPlot plot = new XYPlot(means, x, Figures.accuracyAxis(), lines);
        plot.setDataset(1, points);
        plot.setRenderer(1, dots);
        plot.setDataset(2, liveSeries());
        plot.setRenderer(2, liveRenderer());
        return Figures.chart("Transferability: accuracy on B vs. cut point", plot);
    }

    /** This machine's runs over a replay: one series per condition, drawn as large outlined diamonds. */
    private static XYSeriesCollection liveSeries() {
        XYSeriesCollection live = new XYSeriesCollection();
        for (Condition c : CURVES) {
            live.addSeries(new XYSeries(c.label() + " live"));
        }
        live.addSeries(new XYSeries("baseB live"));
        return live;
    }

    private static XYLineAndShapeRenderer liveRenderer() {
        Shape diamond = ShapeUtils.createDiamond(7);
        XYLineAndShapeRenderer live = new XYLineAndShapeRenderer(false, true) {
            @Override
            public LegendItem getLegendItem(int datasetIndex, int series) {
                // One entry for all conditions: colour says the condition, the diamond says "run here, now".
                XYSeriesCollection data = (XYSeriesCollection) getPlot().getDataset(datasetIndex);
                boolean any = data != null && data.getSeries().stream()
                        .anyMatch(x -> ((XYSeries) x).getItemCount() > 0);
                return series == 0 && any ? new LegendItem("live, this machine", null, null, null, diamond,
                        new Color(0xdd, 0xdd, 0xdd), new BasicStroke(1.5f), Color.BLACK) : null;
            }
        };
        live.setUseOutlinePaint(true);
        live.setDefaultOutlinePaint(Color.BLACK);
        live.setDefaultOutlineStroke(new BasicStroke(1.5f));
        for (int i = 0; i <= CURVES.size(); i++) {
            live.setSeriesPaint(i, Colors.of(i < CURVES.size() ? CURVES.get(i) : Condition.BASE_B));
            live.setSeriesShape(i, diamond);
        }
        return live;
    }

    /**
     * Draws {@code runs} into a figure made by {@link #create}.
     *
     * @param loadedNet a sweep against a net file: no selffer curves in the legend, the axis names the loaded net
     */
    public static void fill(JFreeChart chart, List<RunRecord> runs, List<Integer> ks, boolean loadedNet) {
        fill(chart, runs, List.of(), ks, loadedNet, Set.of());
    }

    /**
     * Draws a figure with a lesson's emphasis: {@code runs} (a replay, or the runs of the sweep shown) as means, error
     * bars and dots; {@code live}, this machine's runs over a replay, as outlined diamonds; conditions not in
     * {@code highlighted} (when it is not empty) faded, so the class looks where the step says.
     */
    public static void fill(JFreeChart chart, List<RunRecord> runs, List<RunRecord> live, List<Integer> ks,
                            boolean loadedNet, Set<Condition> highlighted) {
        fill(chart, runs, live, ks, loadedNet, highlighted, Summary::cell);
    }

    /**
     * The same figure at once: error bars only where the interval is known already (the bootstrap of a 132-run
     * replay's cells takes seconds); the window draws this first, then {@link #fill} when the bars are ready.
     */
    public static void fillSoFar(JFreeChart chart, List<RunRecord> runs, List<RunRecord> live, List<Integer> ks,
                                 boolean loadedNet, Set<Condition> highlighted) {
        fill(chart, runs, live, ks, loadedNet, highlighted, Summary::cellSoFar);
    }

    /** How a cell of the figure is summarised: with its interval, or with what is known of it now. */
    private interface Cells {
        Summary.Cell of(List<RunRecord> runs, Condition condition, int k);
    }

    private static void fill(JFreeChart chart, List<RunRecord> runs, List<RunRecord> live, List<Integer> ks,
                             boolean loadedNet, Set<Condition> highlighted, Cells cells) {
        XYPlot plot = chart.getXYPlot();
        YIntervalSeriesCollection means = (YIntervalSeriesCollection) plot.getDataset(0);
        XYSeriesCollection points = (XYSeriesCollection) plot.getDataset(1);
        plot.getDomainAxis().setLabel(loadedNet ? "cut point k: layers copied from the loaded net"
                : "cut point k: layers copied from the base net");
        for (int i = 0; i < CURVES.size(); i++) {
            plot.getRenderer(0).setSeriesVisibleInLegend(i, !loadedNet || CURVES.get(i).source() != Side.B, false);
        }
        for (int i = 0; i < means.getSeriesCount(); i++) {
            means.getSeries(i).clear();
        }
        for (int i = 0; i < points.getSeriesCount(); i++) {
            points.getSeries(i).clear();
        }
        ((NumberAxis) plot.getDomainAxis()).setRange(-0.3, ks.get(ks.size() - 1) + 0.3);
        List<RunRecord> learned = runs.stream().filter(r -> LearningCheck.of(r).learned()).toList();
        for (int i = 0; i < CURVES.size(); i++) {
            for (int k : ks) {
                Summary.Cell cell = cells.of(learned, CURVES.get(i), k);
                if (cell != null) {
                    add(means.getSeries(i), k, cell);
                }
            }
        }
        int base = CURVES.size();
        for (RunRecord r : runs) {
            Condition c = r.condition();
            int series = c == Condition.BASE_B ? base : CURVES.indexOf(c);
            if (series < 0) {
                continue;
            }
            // Small sideways offsets keep each condition's seed dots apart at the same k.
            double x = r.k() + (c == Condition.BASE_B ? 0 : (series - 1.5) * 0.06);
            points.getSeries(LearningCheck.of(r).learned() ? series : base + 1).add(x, r.testAccuracy());
        }
        plot.getRenderer(1).setSeriesVisibleInLegend(base + 1, learned.size() < runs.size(), false);
        plot.clearRangeMarkers();
        referenceLines(plot, runs);
        Summary.Cell baseCell = cells.of(learned, Condition.BASE_B, 0);
        if (baseCell != null) {
            add(means.getSeries(base), 0, baseCell);
            ValueMarker marker = new ValueMarker(baseCell.mean(), Colors.of(Condition.BASE_B),
                    new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 6f}, 0f));
            marker.setLabel(String.format(Locale.ROOT, "baseB %.3f", baseCell.mean()));
            marker.setLabelFont(new Font("SansSerif", Font.PLAIN, 13));
            marker.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
            marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addRangeMarker(marker);
        }
        XYSeriesCollection livePoints = (XYSeriesCollection) plot.getDataset(2);
        for (int i = 0; i < livePoints.getSeriesCount(); i++) {
            livePoints.getSeries(i).clear();
        }
        for (RunRecord r : live) {
            Condition c = r.condition();
            int series = c == Condition.BASE_B ? base : CURVES.indexOf(c);
            if (series >= 0) {
                // Beside the replay's dots of the same condition, not on them.
                livePoints.getSeries(series).add(r.k() + (c == Condition.BASE_B ? 0.12 : (series - 1.5) * 0.035 + 0.16),
                        r.testAccuracy());
            }
        }
        emphasise(plot, highlighted);
    }

    /** A mean with its error bar; without one (not bootstrapped yet) as a bar of no length. */
    private static void add(YIntervalSeries series, int k, Summary.Cell cell) {
        Interval ci = cell.interval();
        series.add(k, cell.mean(), ci == null ? cell.mean() : ci.low(), ci == null ? cell.mean() : ci.high());
    }

    /** Full colour for the highlighted conditions, a faint tint of their colour for the rest. */
    private static void emphasise(XYPlot plot, Set<Condition> highlighted) {
        for (int i = 0; i <= CURVES.size(); i++) {
            Condition c = i < CURVES.size() ? CURVES.get(i) : Condition.BASE_B;
            Color full = Colors.of(c);
            Color paint = highlighted.isEmpty() || highlighted.contains(c) ? full
                    : new Color(full.getRed(), full.getGreen(), full.getBlue(), 55);
            for (int r = 0; r < 3; r++) {
                plot.getRenderer(r).setSeriesPaint(i, paint, false);
            }
        }
    }

    /**
     * What B's test set would give without learning: chance (one over the classes) and, when the classes are uneven,
     * always answering the largest one. A run near these lines did not learn.
     */
    private static void referenceLines(XYPlot plot, List<RunRecord> runs) {
        RunRecord onB = runs.stream().filter(r -> r.condition().target() == Side.B && r.confusion() != null
                && r.confusion().length > 0).findFirst().orElse(null);
        if (onB == null) {
            return;
        }
        double chance = 1.0 / onB.confusion().length;
        double majority = onB.majorityShare();
        boolean uneven = majority - chance > 0.005;
        plot.addRangeMarker(reference(chance, String.format(Locale.ROOT, uneven ? "chance %.3f"
                : "chance = largest class %.3f", chance)));
        if (uneven) {
            plot.addRangeMarker(reference(majority, String.format(Locale.ROOT, "largest class %.3f", majority)));
        }
    }

    private static ValueMarker reference(double value, String label) {
        ValueMarker m = new ValueMarker(value, new Color(0x88, 0x88, 0x88), new BasicStroke(1f,
                BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {2f, 4f}, 0f));
        m.setLabel(label);
        m.setLabelFont(new Font("SansSerif", Font.PLAIN, 12));
        m.setLabelPaint(new Color(0x66, 0x66, 0x66));
        m.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
        m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
        return m;
    }
}
