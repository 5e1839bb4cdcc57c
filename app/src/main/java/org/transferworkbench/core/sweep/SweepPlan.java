package org.transferworkbench.core.sweep;

import java.util.List;
import java.util.Set;
import org.transferworkbench.core.backend.BackendInfo;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunKey;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.results.ExperimentHeader;
import org.transferworkbench.core.results.TransferSource;

/**
 * What a sweep will train: the data, where the transferred layers come from, the recipe, and which conditions, cut
 * points and training seeds. Two kinds, one loop ({@link SweepRunner}): the paper's protocol with base nets trained on
 * A and B ({@link PaperPlan}), and transfer from a net trained elsewhere ({@link LoadedNetPlan}).
 */
public sealed interface SweepPlan permits PaperPlan, LoadedNetPlan {

    Dataset dataset();

    /** The split seed every record of this plan carries (0 for a net file: there is no split). */
    long splitSeed();

    /** Training images per B class, 0 = all. */
    int bPerClass();

    Recipe recipe();

    Set<Condition> conditions();

    List<Integer> cutPoints();

    List<Long> seeds();

    /** The runs in the order they are trained (base nets before the runs that start from them). */
    List<RunKey> runs();

    String describe();

    /** Where the transferred layers come from, as the results header records it. */
    TransferSource transferSource();

    default ExperimentHeader header(BackendInfo backend) {
        return ExperimentHeader.of(dataset(), transferSource(), recipe(), backend);
    }
}
