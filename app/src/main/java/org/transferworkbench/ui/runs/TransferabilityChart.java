package org.transferworkbench.ui.runs;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.transferworkbench.ui.common.ChartPane;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.split.Side;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.results.Findings;
import org.transferworkbench.core.results.LearningCheck;
import org.transferworkbench.core.results.Summary;
import org.transferworkbench.ui.common.Palette;
import org.transferworkbench.ui.net.NetModel;

/**
 * Test accuracy on B against cut point k for BnB, BnB+, AnB, AnB+ (lines through the means, every seed's run as a
 * dot) with baseB as a dashed reference line, as in the paper's Figure 2. Fills in as runs finish.
 */
public final class TransferabilityChart extends VBox {

    private static final List<Condition> CURVES = List.of(Condition.BNB, Condition.BNB_PLUS, Condition.ANB,
            Condition.ANB_PLUS);
    private final RunsModel model;
    private final NetModel net;
    private final YIntervalSeriesCollection means = new YIntervalSeriesCollection();
    private final XYSeriesCollection points = new XYSeriesCollection();
    private final XYPlot plot;
    private final Label findings = new Label();
    private final ChartPane pane;
    private int plotted;

    public TransferabilityChart(RunsModel model, NetModel net) {
        this.model = model;
        this.net = net;
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
            lines.setSeriesPaint(i, Palette.awt(c));
            lines.setSeriesStroke(i, new BasicStroke(c.frozen() ? 3f : 2.5f, BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND,
                    1f, c.frozen() ? null : new float[] {8f, 5f}, 0f));
            lines.setSeriesShape(i, c.frozen() ? new Ellipse2D.Double(-6, -6, 12, 12) : new Rectangle2D.Double(-5, -5,
                    10, 10));
            dots.setSeriesPaint(i, Palette.awt(c));
            dots.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
            dots.setSeriesVisibleInLegend(i, false);
        }
        int base = CURVES.size();
        lines.setSeriesPaint(base, Palette.awt(Condition.BASE_B));
        lines.setSeriesShape(base, new Ellipse2D.Double(-7, -7, 14, 14));
        dots.setSeriesPaint(base, Palette.awt(Condition.BASE_B));
        dots.setSeriesShape(base, new Ellipse2D.Double(-3, -3, 6, 6));
        dots.setSeriesVisibleInLegend(base, false);
        // Runs whose nets did not learn stay visible, crossed out in grey, and no finding uses them.
        dots.setSeriesPaint(base + 1, new java.awt.Color(0x99, 0x99, 0x99));
        dots.setSeriesShape(base + 1, ShapeUtils.createDiagonalCross(4, 1));

        NumberAxis x = new NumberAxis("cut point k: layers copied from the base net");
        x.setTickUnit(new NumberTickUnit(1));
        x.setRange(-0.3, 5.3);
        NumberAxis y = new NumberAxis("test accuracy on B");
        y.setAutoRangeIncludesZero(false);
        Font tick = new Font("SansSerif", Font.PLAIN, 14);
        Font label = new Font("SansSerif", Font.PLAIN, 15);
        x.setTickLabelFont(tick);
        y.setTickLabelFont(tick);
        x.setLabelFont(label);
        y.setLabelFont(label);
        plot = new XYPlot(means, x, y, lines);
        plot.setDataset(1, points);
        plot.setRenderer(1, dots);
        plot.setBackgroundPaint(java.awt.Color.WHITE);
        plot.setDomainGridlinePaint(new java.awt.Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new java.awt.Color(0xdd, 0xdd, 0xdd));
        JFreeChart chart = new JFreeChart("Transferability: accuracy on B vs. cut point",
                new Font("SansSerif", Font.BOLD, 17), plot, true);
        chart.getLegend().setItemFont(new Font("SansSerif", Font.PLAIN, 14));
        chart.setBackgroundPaint(java.awt.Color.WHITE);
        pane = new ChartPane(chart);
        pane.setId("transferabilityChart");
        pane.setMinSize(200, 160);
        VBox.setVgrow(pane, Priority.ALWAYS);
        findings.setId("findings");
        findings.setWrapText(true);
        findings.setMinHeight(Region.USE_PREF_SIZE);
        getChildren().add(pane);
        getStyleClass().add("panel");

        model.records().addListener((ListChangeListener<RunRecord>) c -> refresh());
        refresh();
        net.architectureProperty().addListener((o, a, b) -> refresh());
        net.foreignNetProperty().addListener((o, a, b) -> refresh());
    }

    /** What the finished runs show, in sentences computed from them; placed by the window. */
    public Label findings() {
        return findings;
    }

    /** Number of plotted run points (for tests). */
    public int plottedRuns() {
        return plotted;
    }

    private void refresh() {
        // One redraw per refresh, not one per changed point.
        List<RunRecord> runs = List.copyOf(model.records());
        Architecture arch = net.architecture();
        boolean foreign = net.foreignNet() != null;
        List<Integer> ks = arch == null ? List.of(1, 2, 3, 4, 5) : arch.cutPoints();
        plotted = (int) runs.stream().filter(r -> r.condition() != Condition.BASE_A).count();
        String sourceTask = foreign ? "the loaded net's own task" : "A";
        String xLabel = foreign ? "cut point k: layers copied from the loaded net"
                : "cut point k: layers copied from the base net";
        // The findings' bootstrap is too slow for the FX thread: it runs with the chart, the text comes back.
        pane.update(chart -> {
            chart.setNotify(false);
            chart.getXYPlot().getDomainAxis().setLabel(xLabel);
            // Against a loaded net there are no selffer conditions: keep them out of the legend.
            var renderer = chart.getXYPlot().getRenderer(0);
            for (int i = 0; i < CURVES.size(); i++) {
                Condition c = CURVES.get(i);
                renderer.setSeriesVisibleInLegend(i, !foreign || c.source() != Side.B, false);
            }
            rebuild(runs, ks);
            chart.setNotify(true);
            return Findings.sentences(runs, ks, sourceTask);
        }, lines -> findings.setText(lines.isEmpty() ? "What the runs show appears here as they finish."
                : "Measured: " + String.join("  ", lines)));
    }

    /**
     * What B's test set would give without learning: chance (one over the classes) and, when the classes are uneven,
     * always answering the largest one. A run near these lines did not learn.
     */
    private void referenceLines(List<RunRecord> runs) {
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
        ValueMarker m = new ValueMarker(value, new java.awt.Color(0x88, 0x88, 0x88), new BasicStroke(1f,
                BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {2f, 4f}, 0f));
        m.setLabel(label);
        m.setLabelFont(new Font("SansSerif", Font.PLAIN, 12));
        m.setLabelPaint(new java.awt.Color(0x66, 0x66, 0x66));
        m.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
        m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
        return m;
    }

    /** Runs on the chart renderer thread. */
    private void rebuild(List<RunRecord> runs, List<Integer> ks) {
        List<RunRecord> learned = runs.stream().filter(r -> LearningCheck.of(r).learned()).toList();
        for (int i = 0; i < means.getSeriesCount(); i++) {
            means.getSeries(i).clear();
            points.getSeries(i).clear();
        }
        ((NumberAxis) plot.getDomainAxis()).setRange(-0.3, ks.get(ks.size() - 1) + 0.3);
        for (int i = 0; i < CURVES.size(); i++) {
            Condition c = CURVES.get(i);
            for (int k : ks) {
                Summary.Cell cell = Summary.cell(learned, c, k);
                if (cell != null) {
                    means.getSeries(i).add(k, cell.mean(), cell.interval().low(), cell.interval().high());
                }
            }
        }
        int base = CURVES.size();
        for (RunRecord r : runs) {
            Condition c = r.condition();
            int series = c == Condition.BASE_B ? base : CURVES.indexOf(c);
            if (series >= 0 && !LearningCheck.of(r).learned()) {
                points.getSeries(base + 1).add(r.k() + (c == Condition.BASE_B ? 0 : (series - 1.5) * 0.06),
                        r.testAccuracy());
            } else if (series >= 0) {
                // Small sideways offsets keep each condition's seed dots apart at the same k.
                double offset = c == Condition.BASE_B ? 0 : (series - 1.5) * 0.06;
                points.getSeries(series).add(r.k() + offset, r.testAccuracy());
            }
        }
        plot.getRenderer(1).setSeriesVisibleInLegend(base + 1, learned.size() < runs.size(), false);
        Summary.Cell baseCell = Summary.cell(learned, Condition.BASE_B, 0);
        plot.clearRangeMarkers();
        referenceLines(runs);
        if (baseCell != null) {
            means.getSeries(base).add(0, baseCell.mean(), baseCell.interval().low(), baseCell.interval().high());
            ValueMarker baseMarker = new ValueMarker(baseCell.mean(), Palette.awt(Condition.BASE_B),
                    new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 6f}, 0f));
            baseMarker.setLabel(String.format(Locale.ROOT, "baseB %.3f", baseCell.mean()));
            baseMarker.setLabelFont(new Font("SansSerif", Font.PLAIN, 13));
            baseMarker.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
            baseMarker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addRangeMarker(baseMarker);
        }
    }
}
