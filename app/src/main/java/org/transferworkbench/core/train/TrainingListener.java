package org.transferworkbench.core.train;

import org.transferworkbench.core.net.TrainableNet;

/** Called on the training thread; implementations must be quick (copy what they need and return). */
public interface TrainingListener {

    void epochFinished(EpochStats stats);

    /** Every few mini-batches, with the net so a listener can snapshot weights (e.g. first-layer filters). */
    default void batchesFinished(int epoch, int batch, int batchesPerEpoch, double loss, TrainableNet net) {
    }

    TrainingListener NONE = stats -> { };
}
