package org.transferworkbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.transferworkbench.ui.Screenshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "screenshot", mixinStandardHelpOptions = true,
        description = "Open the window, run a scripted demo and save the window as a PNG (needs a display; use "
                + "xvfb-run).")
final class ScreenshotCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "PNG to write.")
    Path out;

    @Option(names = "--preset", defaultValue = "sweep",
            description = "start | sweep | report (the load report of --data) | fewshot (the few-examples view after "
                    + "a run with --sizes and --k) | predicted (predictions vs. measured AnB after a sweep) | "
                    + "similarity (layer similarity, CKA, at --k) (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--size", defaultValue = "1440x900", description = "Window size (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--epochs", defaultValue = "6",
            description = "Epochs per net for the sweep preset (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--b-per-class", defaultValue = "0", description = "B training images per class, 0 = all.")
    int bPerClass;

    @Option(names = "--seeds", defaultValue = "1", description = "Training seeds (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Dataset to open (default: the bundled Fashion-MNIST sample).")
    Path data;

    @Option(names = "--groups", paramLabel = "FILE", description = "Groups file for a dissimilar split.")
    Path groups;

    @Option(names = "--net", paramLabel = "FILE", description = "Net file to transfer from (DL4J zip or Keras .h5).")
    Path net;

    @Option(names = "--sizes", defaultValue = "1,2,5,10,25,50,100,all",
            description = "Images per B class for the fewshot preset (default: ${DEFAULT-VALUE}).")
    String sizes;

    @Option(names = "--k", defaultValue = "0", description = "Cut point for the fewshot preset (0 = the probe's) and "
            + "the similarity preset.")
    int k;

    @Option(names = "--lesson", paramLabel = "FILE",
            description = "Open this lesson (as the window's --lesson does) and render --step; --preset is ignored.")
    Path lesson;

    @Option(names = "--step", defaultValue = "1", description = "The lesson's step to render, from 1 (default: "
            + "${DEFAULT-VALUE}).")
    int step;

    @Option(names = "--live", description = "With --lesson: press \"Run it live\" on the step and render when its "
            + "runs have finished.")
    boolean live;

    @Option(names = "--present", description = "With --lesson: presentation mode (large type, side controls hidden).")
    boolean present;

    @Option(names = "--dark", description = "Dark theme.")
    boolean dark;

    @Option(names = "--timeout", defaultValue = "1200",
            description = "Give up after this many seconds (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!List.of("start", "sweep", "report", "fewshot", "predicted", "similarity").contains(preset)) {
            throw new IllegalArgumentException("--preset must be start, sweep, report, fewshot, predicted or "
                    + "similarity, not " + preset);
        }
        if (lesson != null && step < 1) {
            throw new IllegalArgumentException("--step counts from 1, not " + step);
        }
        if ((live || present) && lesson == null) {
            throw new IllegalArgumentException("--live and --present need --lesson");
        }
        String[] wh = size.toLowerCase().split("x");
        if (wh.length != 2) {
            throw new IllegalArgumentException("--size must look like 1440x900, not " + size);
        }
        Screenshot.take(new Screenshot.Options(out, preset, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), epochs,
                bPerClass, seeds, dark, timeout, data, groups, net, sizes, k, lesson == null ? null
                : lesson.toAbsolutePath(), step, live, present));
        spec.commandLine().getOut().println("Saved " + out);
        return 0;
    }
}
