package org.transferworkbench.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jfree.chart.JFreeChart;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.report.Pictures;
import org.transferworkbench.core.report.Report;
import org.transferworkbench.core.report.TransferabilityFigure;
import org.transferworkbench.core.results.ResultsFile;
import org.transferworkbench.core.results.ResultsStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a sweep's report (one HTML file: settings, figure, findings with intervals, every run) "
                + "and, if asked, the figure as PNG or SVG.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RESULTS", description = "A results.json (any version) or the folder holding it.")
    Path results;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The HTML file to write.")
    Path out;

    @Option(names = "--png", paramLabel = "FILE", description = "Also save the transferability figure as PNG.")
    Path png;

    @Option(names = "--svg", paramLabel = "FILE", description = "Also save the transferability figure as SVG.")
    Path svg;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path json = Files.isDirectory(results) ? results.resolve(ResultsStore.JSON_NAME) : results;
        ResultsFile file = ResultsStore.read(json);
        try {
            Files.writeString(out, Report.html(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError(out + ": cannot write (" + e.getMessage() + ")", e);
        }
        JFreeChart figure = TransferabilityFigure.create();
        List<Integer> ks = file.experiment().architecture().cutPoints();
        TransferabilityFigure.fill(figure, file.runs(), ks.isEmpty() ? List.of(1) : ks,
                file.experiment().isPretrained());
        for (Path picture : new Path[] {png, svg}) {
            if (picture != null) {
                Pictures.save(figure, picture, 1200, 750);
            }
        }
        spec.commandLine().getOut().printf("Report of %d runs: %s%n", file.runs().size(), out);
        return 0;
    }
}
