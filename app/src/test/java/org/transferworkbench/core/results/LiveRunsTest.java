package org.transferworkbench.core.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunRecord;

/** A class's live runs against a lesson's replay: counted exactly, base A and cells the replay lacks left out. */
class LiveRunsTest {

    private static RunRecord run(Condition c, int k, long seed, double accuracy) {
        return new RunRecord(c, k, 1, seed, accuracy, List.of(), 1, false, "t", null, new int[0], null, null);
    }

    @Test
    void countsTheLiveRunsInsideTheReplaysRange() {
        List<RunRecord> replay = List.of(run(Condition.BASE_B, 0, 1, 0.90), run(Condition.BASE_B, 0, 2, 0.94),
                run(Condition.ANB, 5, 1, 0.60), run(Condition.ANB, 5, 2, 0.70), run(Condition.ANB_PLUS, 5, 1, 0.88));
        List<RunRecord> live = List.of(run(Condition.BASE_A, 0, 1, 0.99), run(Condition.BASE_B, 0, 1, 0.92),
                run(Condition.ANB, 5, 1, 0.70), run(Condition.ANB, 5, 2, 0.75), run(Condition.ANB_PLUS, 5, 1, 0.88),
                run(Condition.BNB, 3, 1, 0.80));
        LiveRuns fit = LiveRuns.against(replay, live);
        // baseA is not on the figure; AnB+ k=5 and BnB k=3 have fewer than two replayed runs to compare with.
        assertThat(fit).isEqualTo(new LiveRuns(5, 3, 2));
        assertThat(fit.sentence()).isEqualTo("Live on this machine (diamonds): 5 runs so far; 2 of 3 lie within the "
                + "range of the replayed runs at the same condition and k.");
    }

    @Test
    void saysNothingBeforeTheFirstLiveRun() {
        assertThat(LiveRuns.against(List.of(run(Condition.BASE_B, 0, 1, 0.9)), List.of()).sentence()).isEmpty();
        assertThat(LiveRuns.against(List.of(), List.of(run(Condition.BASE_B, 0, 1, 0.9))).sentence())
                .isEqualTo("Live on this machine (diamonds): 1 run so far.");
    }
}
