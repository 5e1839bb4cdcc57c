package org.transferworkbench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.transferworkbench.core.Json;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.data.SkippedFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show a dataset's classes, counts, image size and skipped files.")
final class InspectCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    record ClassCount(String name, int train, int validation, int test) {
    }

    /**
     * Everything the loader found and decided: what {@code --json} prints and what the GUI shows after a drop.
     *
     * @param resize  the rule that fitted non-square images
     * @param notes   decisions made for the user (smaller images to fit memory, classes left out)
     * @param skipped every file not used, with its reason
     */
    record Report(String name, String source, String format, int[] inputShape, String resize, String fingerprint,
                  List<ClassCount> classes, int train, int validation, int test, List<String> notes,
                  List<SkippedFile> skipped) {
    }

    @Override
    public Integer call() throws Exception {
        Dataset d = data.load();
        int[] tr = d.train().classCounts();
        int[] va = d.validation().classCounts();
        int[] te = d.test().classCounts();
        List<ClassCount> classes = new ArrayList<>();
        for (int i = 0; i < d.numClasses(); i++) {
            classes.add(new ClassCount(d.classNames().get(i), tr[i], va[i], te[i]));
        }
        Report report = new Report(d.name(), d.source(), d.format(), d.inputShape().toArray(),
                data.options().resize().id(), d.fingerprint(), classes, d.train().size(), d.validation().size(),
                d.test().size(), d.notes(), d.skipped());
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(report));
            return 0;
        }
        out.printf("%s (%s, %s): %d classes, images %s%n", d.name(), d.format(), d.source(), d.numClasses(),
                d.inputShape());
        out.printf("  %-24s %7s %7s %7s%n", "class", "train", "val", "test");
        for (ClassCount c : classes) {
            out.printf("  %-24s %7d %7d %7d%n", c.name(), c.train(), c.validation(), c.test());
        }
        out.printf("  %-24s %7d %7d %7d%n", "total", d.train().size(), d.validation().size(), d.test().size());
        d.notes().forEach(n -> out.println("Note: " + n));
        if (!d.skipped().isEmpty()) {
            out.printf("Skipped %d file(s):%n", d.skipped().size());
            for (SkippedFile s : d.skipped()) {
                out.printf("  %s: %s%n", s.path(), s.reason());
            }
        }
        return 0;
    }
}
