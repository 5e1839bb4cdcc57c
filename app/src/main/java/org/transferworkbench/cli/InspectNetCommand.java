package org.transferworkbench.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.transferworkbench.core.experiment.BaseNetInfo;
import org.transferworkbench.core.experiment.NetFiles;
import org.transferworkbench.core.net.NetDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "inspect-net", mixinStandardHelpOptions = true,
        description = "List a saved net's layers, input and cut points (a DL4J MultiLayerNetwork zip).")
final class InspectNetCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "DL4J zip (e.g. written by train-base).")
    Path file;

    @Option(names = "--json", description = "Print as JSON (with the sidecar's provenance when there is one).")
    boolean json;

    @Spec
    CommandSpec spec;

    record Report(String file, NetDescription net, BaseNetInfo trainedOn) {
    }

    @Override
    public Integer call() throws Exception {
        NetFiles.Loaded loaded = NetFiles.load(file);
        NetDescription d = NetDescription.of(loaded.net());
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(org.transferworkbench.core.Json.MAPPER.writeValueAsString(new Report(file.toString(), d, loaded.info())));
            return 0;
        }
        out.printf("%s: %d layers, %,d parameters, input %s%n", file, d.layers().size(), d.parameters(), d.inputShape());
        for (NetDescription.LayerRow r : d.layers()) {
            out.printf("  %2d  %-10s %-20s %6s -> %-6s %,10d params%n", r.index(), r.name(), r.type(),
                    r.nIn() > 0 ? Long.toString(r.nIn()) : "", r.nOut() > 0 ? Long.toString(r.nOut()) : "", r.parameters());
        }
        out.print("Cut points:");
        d.cutPoints().forEach(c -> out.printf(" k=%d (up to %s)", c.k(), c.lastTransferredLayer()));
        out.println();
        BaseNetInfo info = loaded.info();
        if (info != null) {
            out.printf("Trained on %s, side %s, classes %s, input %s, test accuracy %.4f (seed %d, %s)%n",
                    info.datasetName(), info.side(), info.classes(), Arrays.toString(info.inputShape()),
                    info.testAccuracy(), info.seed(), info.recipe());
        } else {
            out.println("No JSON sidecar: what it was trained on is unknown.");
        }
        return 0;
    }
}
