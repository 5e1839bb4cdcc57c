package org.transferworkbench.ui.runs;

import java.util.List;
import org.transferworkbench.core.experiment.RunKey;
import org.transferworkbench.core.train.EpochStats;

/** The learning curve of one run so far (immutable; replaced as epochs arrive). */
public record RunCurve(int runIndex, RunKey key, List<EpochStats> epochs) {

    public RunCurve {
        epochs = List.copyOf(epochs);
    }

    public String label() {
        return key.toString();
    }
}
