package org.transferworkbench.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.transferworkbench.core.Json;
import org.transferworkbench.core.experiment.BaseNetInfo;
import org.transferworkbench.core.pretrained.NetReport;
import org.transferworkbench.core.pretrained.PretrainedNet;
import org.transferworkbench.core.pretrained.PretrainedNetLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "inspect-net", mixinStandardHelpOptions = true,
        description = "List a net's layers, input and cut points: a DL4J MultiLayerNetwork or ComputationGraph zip, "
                + "or a Keras HDF5 file (Sequential or functional).")
final class InspectNetCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE",
            description = "Net file (.zip from DL4J or train-base, .h5 from Keras).")
    Path file;

    @Option(names = "--json", description = "Print as JSON (with the sidecar's provenance when there is one).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PretrainedNet net = PretrainedNetLoader.load(file);
        NetReport report = NetReport.of(net);
        net.close();
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(report));
            return 0;
        }
        out.printf("%s: %s, %d layers, %,d parameters%n", file, report.format(), report.layers().size(),
                report.parameters());
        out.printf("Input: %s%n", report.input().describe());
        for (PretrainedNet.Node n : report.layers()) {
            out.printf("  %3d  %-16s %-24s %6s -> %-6s %,12d params%s%n", n.order(), n.name(), n.type(),
                    n.nIn() > 0 ? Long.toString(n.nIn()) : "", n.nOut() > 0 ? Long.toString(n.nOut()) : "",
                    n.parameters(), n.weightLayer() ? "" : "   (no cut point)");
        }
        out.print("Cut points:");
        report.cutPoints().forEach(c -> out.printf(" k=%d (up to %s)", c.k(), c.lastTransferredLayer()));
        out.println();
        out.printf("Classifier %s is replaced by a new output layer for your classes.%n", report.replacedClassifier());
        report.notes().forEach(n -> out.println("Note: " + n));
        BaseNetInfo info = report.trainedOn();
        if (info != null) {
            out.printf("Trained on %s, side %s, classes %s, input %s, test accuracy %.4f (seed %d, %s)%n",
                    info.datasetName(), info.side(), info.classes(), Arrays.toString(info.inputShape()),
                    info.testAccuracy(), info.seed(), info.recipe());
        } else {
            out.println("No workbench sidecar: what it was trained on is not recorded in the file.");
        }
        return 0;
    }
}
