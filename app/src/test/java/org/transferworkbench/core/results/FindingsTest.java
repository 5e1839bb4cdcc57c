package org.transferworkbench.core.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunRecord;

class FindingsTest {

    static RunRecord run(String condition, int k, long seed, double accuracy) {
        return new RunRecord(Condition.fromLabel(condition), k, 1, seed, accuracy, List.of(), 1, false, "t",
                new int[0][0], new int[0]);
    }

    @Test
    void sentencesComeFromTheRunsAndWarnAboutSingleSeeds() {
        List<RunRecord> runs = new ArrayList<>(List.of(run("baseB", 0, 1, 0.90), run("AnB", 1, 1, 0.91),
                run("AnB", 3, 1, 0.80), run("AnB+", 3, 1, 0.93), run("BnB+", 3, 1, 0.92), run("BnB", 2, 1, 0.85)));
        List<String> lines = Findings.of(runs, List.of(1, 2, 3));
        assertThat(lines).anyMatch(l -> l.contains("falls from 0.910 at k=1 to 0.800 at k=3 (-11.0 points)"));
        assertThat(lines).anyMatch(l -> l.contains("AnB+ 0.930 vs AnB 0.800 (+13.0 points)"));
        assertThat(lines).anyMatch(l -> l.contains("AnB+ minus BnB+ is at most +1.0 points (k=3)"));
        assertThat(lines).anyMatch(l -> l.contains("lowest BnB at middle k is 0.850 (k=2), -5.0 points"));
        assertThat(lines).anyMatch(l -> l.contains("One training seed per point"));

        runs.add(run("AnB", 1, 2, 0.93));
        runs.add(run("AnB", 1, 3, 0.89));
        assertThat(Findings.of(runs, List.of(1, 2, 3))).noneMatch(l -> l.contains("One training seed"));
        assertThat(Findings.of(List.of(), List.of(1, 2, 3))).isEmpty();
        assertThat(Findings.of(runs, List.of(1, 2, 3), "the loaded net's own task"))
                .anyMatch(l -> l.contains("specific to the loaded net's own task"));
    }
}
