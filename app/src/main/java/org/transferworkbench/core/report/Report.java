package org.transferworkbench.core.report;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.results.ExperimentHeader;
import org.transferworkbench.core.results.Findings;
import org.transferworkbench.core.results.LearningCheck;
import org.transferworkbench.core.results.ResultsFile;

/**
 * A sweep's report as one self-contained HTML file (well-formed XHTML, nothing fetched): the settings, the backend,
 * the transferability figure (inline SVG, with a PNG to download), what the runs show with intervals and tests, and
 * every run. Works on results files of every version: files without stored findings get them computed now.
 */
public final class Report {

    static final int WIDTH = 900;
    static final int HEIGHT = 560;

    private Report() {
    }

    public static String html(ResultsFile results) {
        ExperimentHeader e = results.experiment();
        List<RunRecord> runs = results.runs();
        List<Integer> ks = e.architecture().cutPoints().isEmpty() ? List.of(1) : e.architecture().cutPoints();
        JFreeChart figure = TransferabilityFigure.create();
        TransferabilityFigure.fill(figure, runs, ks, e.isPretrained());
        List<Findings.Finding> findings = results.findings().isEmpty()
                ? Findings.of(runs, ks, e.isPretrained() ? "the loaded net's own task" : "A") : results.findings();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>").append(esc("Transfer Workbench: " + e.dataset().name()
                        + ", " + e.split().name())).append("</title>\n<style>").append(STYLE).append("</style>\n")
                .append("</head>\n<body>\n<h1>").append(esc(e.dataset().name() + ": " + e.split().name()))
                .append("</h1>\n<p class=\"muted\">How transferable are features in deep neural networks? ")
                .append("(Yosinski et al., 2014), measured by Transfer Workbench.</p>\n");
        settings(h, e);
        h.append("<h2>Transferability</h2>\n<div class=\"figure\" id=\"transferability\">")
                .append(Pictures.svg(figure, WIDTH, HEIGHT)).append("</div>\n<p><a id=\"png\" download=\"")
                .append("transferability.png\" href=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(Pictures.png(figure, WIDTH, HEIGHT)))
                .append("\">The figure as PNG</a></p>\n<h2>What the runs show</h2>\n<ul id=\"findings\">\n");
        for (Findings.Finding f : findings) {
            h.append("<li>").append(esc(f.text()));
            if (!f.test().isEmpty()) {
                h.append(" <span class=\"muted\">(").append(esc(f.test())).append(")</span>");
            }
            h.append("</li>\n");
        }
        h.append("</ul>\n");
        runsTable(h, runs);
        h.append("<p class=\"muted\">Written ").append(Instant.now()).append(" from ").append(runs.size())
                .append(" runs (results schema ").append(results.schemaVersion()).append(").</p>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void settings(StringBuilder h, ExperimentHeader e) {
        h.append("<h2>Setting</h2>\n<table class=\"settings\">\n");
        row(h, "data", String.format(Locale.ROOT, "%s (%s): %d classes, %s images, %d train / %d validation / %d test",
                e.dataset().name(), e.dataset().format(), e.dataset().classes().size(),
                shape(e.dataset().inputShape()), e.dataset().train(), e.dataset().validation(), e.dataset().test()));
        row(h, "A (source task)", e.split().classesA().isEmpty() ? "the loaded net's own classes"
                : String.join(", ", e.split().classesA()));
        row(h, "B (target task)", String.join(", ", e.split().classesB())
                + (e.split().bPerClass() > 0 ? "; " + e.split().bPerClass() + " training images per class" : ""));
        row(h, "source of transfer", e.source());
        row(h, "net", e.architecture().family() + ", cut points " + e.architecture().cutPoints());
        row(h, "recipe", String.format(Locale.ROOT, "Adam, learning rate %s, mini-batches of %d, %d epochs, "
                + "transferred layers at %s x the rate when fine-tuned", e.recipe().learningRate(),
                e.recipe().batchSize(), e.recipe().epochs(), e.recipe().transferLearningRateScale()));
        row(h, "computed on", e.backend().describe());
        h.append("</table>\n");
    }

    private static void runsTable(StringBuilder h, List<RunRecord> runs) {
        h.append("<h2>Runs</h2>\n<table id=\"runs\">\n<tr><th>condition</th><th>k</th><th>split seed</th>")
                .append("<th>seed</th><th>test accuracy</th><th>95% interval</th><th>test images</th>")
                .append("<th>seconds</th><th>note</th></tr>\n");
        for (RunRecord r : runs) {
            LearningCheck check = LearningCheck.of(r);
            h.append(check.learned() ? "<tr>" : "<tr class=\"not-learned\">")
                    .append(td(r.condition().label())).append(td(Integer.toString(r.k())))
                    .append(td(Long.toString(r.splitSeed()))).append(td(Long.toString(r.seed())))
                    .append(td(r.diverged() != null ? "-" : String.format(Locale.ROOT, "%.4f", r.testAccuracy())))
                    .append(td(r.diverged() != null ? "-" : r.accuracyInterval().asAccuracy()))
                    .append(td(Integer.toString(r.testImages())))
                    .append(td(String.format(Locale.ROOT, "%.1f%s", r.seconds(), r.reused() ? " (cached)" : "")))
                    .append(td(check.learned() ? "" : "did not learn: " + check.reason())).append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><th>").append(esc(name)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    private static String td(String text) {
        return "<td>" + esc(text) + "</td>";
    }

    private static String shape(int[] chw) {
        return chw.length == 3 ? chw[1] + "x" + chw[2] + "x" + chw[0] : Arrays.toString(chw);
    }

    /** Text for XHTML: markup characters and the control characters XML forbids. */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? '?' : c);
            }
        }
        return out.toString();
    }

    static final String STYLE = "body{font-family:sans-serif;max-width:960px;margin:2em auto;padding:0 1em;"
            + "color:#1f2328}h1{font-size:1.6em}table{border-collapse:collapse;margin:0.5em 0}th,td{padding:3px 10px;"
            + "border-bottom:1px solid #ddd;text-align:left;vertical-align:top}.muted{color:#656d76;font-size:0.9em}"
            + "tr.not-learned td{color:#8c959f;font-style:italic}.figure svg{max-width:100%;height:auto}"
            + "li{margin:0.4em 0}";
}
