package org.transferworkbench.core.sweep;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.transferworkbench.core.experiment.RunKey;

/**
 * Sees each finished net on the training thread, before it is released: the GUI snapshots filters and predictions,
 * tests check what was transferred. Must not keep references to the nets.
 *
 * @see Sweep#inspectedBy
 */
@FunctionalInterface
public interface RunInspector {

    /**
     * @param source               the base net the prefix came from (null for base conditions)
     * @param lastTransferredIndex index of the last transferred layer (-1 for base conditions)
     */
    void inspect(RunKey key, MultiLayerNetwork net, MultiLayerNetwork source, int lastTransferredIndex);

    RunInspector NONE = (key, net, source, last) -> { };
}
