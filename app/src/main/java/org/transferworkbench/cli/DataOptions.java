package org.transferworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.data.DatasetLoader;
import org.transferworkbench.core.data.LoadOptions;
import org.transferworkbench.core.data.LoadProgress;
import org.transferworkbench.core.data.ResizeRule;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The dataset argument and how to load it, shared by the commands. */
final class DataOptions {

    @Parameters(index = "0", paramLabel = "DATA",
            description = "Folder of IDX files (MNIST layout) or of labeled images (one subfolder per class).")
    Path data;

    @Option(names = "--image-size", paramLabel = "PIXELS",
            description = "Resize images to PIXELS x PIXELS (default: IDX native size; 32 for image folders).")
    int imageSize;

    @Option(names = "--channels", paramLabel = "1|3", description = "1 = gray, 3 = RGB (default: from the data).")
    int channels;

    @Option(names = "--resize", paramLabel = "squash|crop|pad", defaultValue = "squash",
            description = "How non-square images fit the square input: squash (stretch), crop (centre) or pad "
                    + "(white borders) (default: ${DEFAULT-VALUE}).")
    String resize;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    LoadOptions options() {
        return LoadOptions.defaults().withImageSize(imageSize).withChannels(channels)
                .withResize(ResizeRule.fromId(resize));
    }

    Dataset load() {
        return load(options());
    }

    /** Loads with decoding progress on stderr (stdout stays clean for reports and JSON). */
    Dataset load(LoadOptions options) {
        return DatasetLoader.load(data, options, progressPrinter(spec.commandLine().getErr()));
    }

    /** A line at most every second, and only for folders big enough to make the user wait. */
    static LoadProgress progressPrinter(PrintWriter err) {
        long start = System.nanoTime();
        long[] last = {start};
        return (done, total) -> {
            if (total < 500) {
                return;
            }
            long now = System.nanoTime();
            synchronized (last) {
                if (done == total || now - last[0] > 1_000_000_000L) {
                    last[0] = now;
                    err.printf(Locale.ROOT, "Decoding images: %d/%d (%.1f s)%n", done, total, (now - start) / 1e9);
                    err.flush();
                }
            }
        };
    }
}
