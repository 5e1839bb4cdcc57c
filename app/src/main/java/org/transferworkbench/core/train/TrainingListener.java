package org.transferworkbench.core.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Called on the training thread; implementations must be quick (copy what they need and return). */
public interface TrainingListener {

    void epochFinished(EpochStats stats);

    /** Every few mini-batches, with the net so a listener can snapshot weights (e.g. first-layer filters). */
    default void batchesFinished(int epoch, int batch, int batchesPerEpoch, double loss, MultiLayerNetwork net) {
    }

    TrainingListener NONE = stats -> { };
}
