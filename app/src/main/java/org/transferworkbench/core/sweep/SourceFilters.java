package org.transferworkbench.core.sweep;

import java.nio.file.Path;
import org.transferworkbench.core.backend.Backend;
import org.transferworkbench.core.experiment.FilterSnapshot;
import org.transferworkbench.core.experiment.NetFiles;
import org.transferworkbench.core.net.TrainableNet;

/**
 * The first-layer filters of a source net before any run, so the window has something to show from the first frame
 * (a lesson starts there). Read on a background thread: the first read starts ND4J.
 */
public final class SourceFilters {

    private SourceFilters() {
    }

    /**
     * conv1 of a base net saved by the workbench (the bundled one, or one from train-base), and the fingerprint of
     * the data it was trained on (null without a sidecar): the window shows its filters only beside that data.
     */
    public record BaseNetFilters(FilterSnapshot filters, String datasetFingerprint) {
    }

    public static BaseNetFilters ofBaseNetFile(Path zip) {
        // ND4J starts once, under the backend's lock (NetFiles.load takes it too): a window once hung at start with
        // no thread making progress while this read and other start-up work ran side by side.
        Backend.ensureInitialised();
        NetFiles.Loaded loaded = NetFiles.load(zip);
        try (TrainableNet net = TrainableNet.of(loaded.net())) {
            return new BaseNetFilters(of(net), loaded.info() == null ? null : loaded.info().datasetFingerprint());
        }
    }

    /** conv1 of a net already loaded; null if it has no convolution. */
    public static FilterSnapshot of(TrainableNet net) {
        return RunContext.firstLayerFilters(net);
    }
}
