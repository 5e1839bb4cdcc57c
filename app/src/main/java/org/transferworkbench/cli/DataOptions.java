package org.transferworkbench.cli;

import java.nio.file.Path;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.data.DatasetLoader;
import org.transferworkbench.core.data.LoadOptions;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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

    LoadOptions options() {
        return LoadOptions.defaults().withImageSize(imageSize).withChannels(channels);
    }

    Dataset load() {
        return DatasetLoader.load(data, options());
    }
}
