package org.transferworkbench.core.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.transferworkbench.core.results.FindingsTest.run;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.stats.Interval;

class DropTest {

    @Test
    void aClearFallAtTheTopIsSupportedAndTheSameAccuracyIsWithinNoise() {
        List<RunRecord> runs = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            runs.addAll(List.of(run("baseB", 0, seed, 0.90), run("AnB", 1, seed, 0.90), run("AnB", 2, seed, 0.75)));
        }
        List<Drop.Point> drops = Drop.ofAnB(runs, List.of(1, 2, 3));
        assertThat(drops).extracting(Drop.Point::k).containsExactly(1, 2); // k=3 has no runs
        Drop.Point k1 = drops.get(0);
        Drop.Point k2 = drops.get(1);
        assertThat(k1.replicates()).isEqualTo(3);
        // Points, not fractions: the runs' own accuracies differ by their random draws of 400 images.
        assertThat(k2.points()).isBetween(-20.0, -10.0);
        assertThat(k2.supported()).isTrue();
        assertThat(k2.interval().high()).isLessThan(0);
        assertThat(k1.points()).isBetween(-5.0, 5.0);
        assertThat(k1.interval().contains(k1.points())).isTrue();
        assertThat(Drop.differ(k1, k2)).isTrue();
    }

    @Test
    void overlappingIntervalsAreWithinNoise() {
        Drop.Point a = new Drop.Point(5, -4, new Interval(-6, -2), 2);
        Drop.Point b = new Drop.Point(5, -1, new Interval(-3, 1), 2);
        Drop.Point c = new Drop.Point(5, 2, new Interval(1, 3), 2);
        assertThat(Drop.differ(a, b)).isFalse();
        assertThat(Drop.differ(a, c)).isTrue();
        assertThat(Drop.differ(c, a)).isTrue();
    }
}
