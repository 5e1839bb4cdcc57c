package org.transferworkbench.core.sweep;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferworkbench.core.experiment.FilterSnapshot;
import org.transferworkbench.core.experiment.RunKey;
import org.transferworkbench.core.experiment.SweepEvent;
import org.transferworkbench.core.experiment.SweepListener;
import org.transferworkbench.core.net.TrainableNet;
import org.transferworkbench.core.train.CancellationToken;
import org.transferworkbench.core.train.EpochStats;
import org.transferworkbench.core.train.Featurizer;
import org.transferworkbench.core.train.TrainingListener;

/** One run as the loop hands it to a {@link RunTrainer}: where it stands in the sweep, where to report, how to stop. */
record RunContext(int index, int total, RunKey key, SweepListener listener, CancellationToken cancel) {

    void started(int epochs, String what) {
        listener.onEvent(new SweepEvent.RunStarted(index, total, key, epochs, what));
    }

    void sourceFilters(FilterSnapshot filters) {
        if (filters != null) {
            listener.onEvent(new SweepEvent.SourceFilters(index, key, filters));
        }
    }

    /** Progress of the forward pass that computes cached activations before this run trains. */
    Featurizer.Progress featurizing() {
        return (done, total) -> listener.onEvent(new SweepEvent.Featurizing(index, key, done, total));
    }

    /** Epochs and mini-batches of this run as events; the first layer's filters ride along when it is trained. */
    TrainingListener progress(boolean firstLayerTrained) {
        return new TrainingListener() {
            @Override
            public void epochFinished(EpochStats stats) {
                listener.onEvent(new SweepEvent.EpochFinished(index, key, stats));
            }

            @Override
            public void batchesFinished(int epoch, int batch, int batchesPerEpoch, double loss, TrainableNet net) {
                listener.onEvent(new SweepEvent.BatchProgress(index, key, epoch, batch, batchesPerEpoch, loss,
                        firstLayerTrained ? firstLayerFilters(net) : null));
            }
        };
    }

    /** Copy of the first convolution's weights ([out, in, kh, kw] in DL4J), or null if the net has none. */
    static FilterSnapshot firstLayerFilters(TrainableNet net) {
        INDArray w = net.firstConvWeights();
        if (w == null) {
            return null;
        }
        long[] s = w.shape();
        return new FilterSnapshot((int) s[0], (int) s[1], (int) s[2], w.dup('c').data().asFloat());
    }
}
