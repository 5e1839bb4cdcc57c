package org.transferworkbench.core.report;

import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.transferworkbench.core.UserError;

/** A chart as a PNG (slides, handouts) or as SVG (scales on a projector, edits in a drawing program). */
public final class Pictures {

    private Pictures() {
    }

    public static byte[] png(JFreeChart chart, int width, int height) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(out, chart, width, height);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An SVG element (no XML declaration), ready to stand alone in a file or inline in HTML. */
    public static String svg(JFreeChart chart, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        return g.getSVGElement();
    }

    /** Saves a chart by the file's extension: .png or .svg. */
    public static void save(JFreeChart chart, Path file, int width, int height) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".svg")) {
                Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg(chart, width, height),
                        StandardCharsets.UTF_8);
            } else if (name.endsWith(".png")) {
                Files.write(file, png(chart, width, height));
            } else {
                throw new UserError(file + ": save a chart as .png or .svg");
            }
        } catch (IOException e) {
            throw new UserError(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }
}
