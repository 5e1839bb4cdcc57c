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

    /** conv1 of a base net saved by the workbench (the bundled one, or one from train-base); null if it has none. */
    public static FilterSnapshot ofBaseNet(Path zip) {
        // ND4J starts once, under the backend's lock: started here from two threads at once (this read and the
        // status bar's backend probe at window start), its static initialisers deadlocked.
        Backend.ensureInitialised();
        try (TrainableNet net = TrainableNet.of(NetFiles.load(zip).net())) {
            return of(net);
        }
    }

    /** conv1 of a net already loaded; null if it has no convolution. */
    public static FilterSnapshot of(TrainableNet net) {
        return RunContext.firstLayerFilters(net);
    }
}
