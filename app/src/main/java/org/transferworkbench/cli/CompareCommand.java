package org.transferworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.report.DropFigure;
import org.transferworkbench.core.report.Pictures;
import org.transferworkbench.core.results.Drop;
import org.transferworkbench.core.results.ResultsFile;
import org.transferworkbench.core.results.ResultsStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "The paper's Fig. 3: how far frozen transfer (AnB) falls below baseB at each k, for several "
                + "sweeps side by side (e.g. a dissimilar groups split and random splits), with 95%% intervals.")
final class CompareCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RESULTS", arity = "2..8",
            description = "Sweeps to compare: a results.json, its folder, or a --splits folder (all its split-S).")
    List<Path> results;

    @Option(names = "--labels", paramLabel = "LIST", split = ",",
            description = "A name per sweep, comma-separated (default: the split names).")
    List<String> labels;

    @Option(names = "--png", paramLabel = "FILE", description = "Save the chart as PNG.")
    Path png;

    @Option(names = "--svg", paramLabel = "FILE", description = "Save the chart as SVG.")
    Path svg;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (labels != null && labels.size() != results.size()) {
            throw new IllegalArgumentException("--labels names " + labels.size() + " sweeps, not " + results.size());
        }
        List<String> names = new ArrayList<>();
        List<List<Drop.Point>> drops = new ArrayList<>();
        List<Integer> ks = List.of();
        for (int i = 0; i < results.size(); i++) {
            List<ResultsFile> files = ResultsStore.readSweeps(results.get(i));
            List<RunRecord> runs = files.stream().flatMap(f -> f.runs().stream()).toList();
            ResultsFile first = files.get(0);
            ks = first.experiment().architecture().cutPoints();
            long splits = runs.stream().mapToLong(RunRecord::splitSeed).distinct().count();
            long seeds = runs.stream().mapToLong(RunRecord::seed).distinct().count();
            names.add(labels != null ? labels.get(i).strip() : first.experiment().split().name()
                    + (splits > 1 ? " x" + splits : ""));
            drops.add(Drop.ofAnB(runs, ks));
            spec.commandLine().getOut().printf("%s: %s, %d split(s) x %d seed(s), %d runs%n", names.get(i),
                    results.get(i), splits, seeds, runs.size());
        }
        print(spec.commandLine().getOut(), names, drops, ks);
        var chart = DropFigure.create(names, drops);
        for (Path picture : new Path[] {png, svg}) {
            if (picture != null) {
                Pictures.save(chart, picture, 1200, 750);
            }
        }
        return 0;
    }

    private static void print(PrintWriter out, List<String> names, List<List<Drop.Point>> drops, List<Integer> ks) {
        out.println();
        out.println("AnB - baseB in accuracy points (mean [95% interval]; ~ = within noise):");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-3s", "k"));
        names.forEach(n -> head.append(String.format(Locale.ROOT, "  %-28s", n)));
        out.println(head);
        for (int k : ks) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-3d", k));
            for (List<Drop.Point> d : drops) {
                row.append(String.format(Locale.ROOT, "  %-28s", at(d, k).map(p -> String.format(Locale.ROOT,
                        "%+.1f [%+.1f, %+.1f]%s", p.points(), p.interval().low(), p.interval().high(),
                        p.supported() ? "" : " ~")).orElse("-")));
            }
            out.println(row);
        }
        if (drops.size() >= 2) {
            // The highest cut point both first settings measured: where the paper saw the dissimilar split fall most.
            for (int i = ks.size() - 1; i >= 0; i--) {
                int k = ks.get(i);
                var a = at(drops.get(0), k);
                var b = at(drops.get(1), k);
                if (a.isPresent() && b.isPresent()) {
                    boolean differ = Drop.differ(a.get(), b.get());
                    out.printf(Locale.ROOT, "At k=%d: %s %+.1f vs %s %+.1f points: %s%n", k, names.get(0),
                            a.get().points(), names.get(1), b.get().points(), differ ? "the 95% intervals do not "
                            + "overlap, the drops differ" : "the 95% intervals overlap, within noise");
                    break;
                }
            }
        }
    }

    private static Optional<Drop.Point> at(List<Drop.Point> d, int k) {
        return d.stream().filter(p -> p.k() == k).findFirst();
    }
}
