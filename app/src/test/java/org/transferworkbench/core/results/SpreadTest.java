package org.transferworkbench.core.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunRecord;

/** The split/seed decomposition of the spread, against a case computed by hand. */
class SpreadTest {

    static RunRecord run(long splitSeed, long seed, double accuracy) {
        return new RunRecord(Condition.ANB, 1, splitSeed, seed, accuracy, List.of(), 1, false, "t",
                new int[][] {{10}}, new int[0], null, null);
    }

    @Test
    void theSpreadSplitsTheVarianceBetweenSplitAndSeedAsByHand() {
        // Split 1: 0.8, 0.9; split 2: 0.6, 0.7. Split means 0.85 and 0.65: variance 0.02; within each split 0.005.
        Spread s = Spread.of(List.of(run(1, 1, 0.8), run(1, 2, 0.9), run(2, 1, 0.6), run(2, 2, 0.7)));
        assertThat(s.splitShare()).isCloseTo(0.8, within(1e-9));
        assertThat(s.seedShare()).isCloseTo(0.2, within(1e-9));
        assertThat(s.cells()).isEqualTo(1);
        assertThat(Spread.of(List.of(run(1, 1, 0.8), run(1, 2, 0.9)))).as("one split: nothing to split").isNull();
    }
}
