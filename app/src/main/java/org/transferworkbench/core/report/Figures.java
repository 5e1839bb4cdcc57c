package org.transferworkbench.core.report;

import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;

/** The look every figure shares: fonts large enough for a projector, a white plot, light grid lines. */
final class Figures {

    private static final Font TICK = new Font("SansSerif", Font.PLAIN, 14);
    private static final Font LABEL = new Font("SansSerif", Font.PLAIN, 15);
    private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);

    private Figures() {
    }

    static <A extends ValueAxis> A styled(A axis) {
        axis.setTickLabelFont(TICK);
        axis.setLabelFont(LABEL);
        return axis;
    }

    /** The y axis of every figure here: test accuracy on B, not forced to include zero. */
    static NumberAxis accuracyAxis() {
        NumberAxis y = styled(new NumberAxis("test accuracy on B"));
        y.setAutoRangeIncludesZero(false);
        return y;
    }

    static JFreeChart chart(String title, XYPlot plot) {
        styled(plot.getDomainAxis());
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 17), plot, true);
        chart.getLegend().setItemFont(new Font("SansSerif", Font.PLAIN, 14));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
