package org.transferworkbench.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.transferworkbench.core.stats.Comparison.Replicate;
import org.transferworkbench.core.stats.Comparison.Score;

/** Wilson intervals against values computed by hand (Python, the formula in Wilson 1927), and the bootstrap rule. */
class StatsTest {

    @Test
    void wilsonMatchesHandComputedIntervals() {
        assertInterval(Wilson.interval(0, 10), 0.0, 0.2775328);
        assertInterval(Wilson.interval(5, 10), 0.2365931, 0.7634069);
        assertInterval(Wilson.interval(81, 100), 0.7222115, 0.8748525);
        // The example: 34 of 83 right, the largest class 0.361: within the interval.
        assertInterval(Wilson.interval(34, 83), 0.3101291, 0.5171423);
        assertInterval(Wilson.interval(66, 66), 0.9449974, 1.0);
        assertInterval(Wilson.interval(0, 0), 0.0, 1.0);
    }

    static void assertInterval(Interval i, double low, double high) {
        assertThat(i.low()).isCloseTo(low, within(1e-6));
        assertThat(i.high()).isCloseTo(high, within(1e-6));
    }

    @Test
    void correctnessRoundTripsAndKeepsTrailingWrongAnswers() {
        boolean[] right = {true, false, true, true, false, false, false};
        String encoded = Correctness.encode(right);
        assertThat(Correctness.decode(encoded, 7)).containsExactly(right);
        boolean[] many = new boolean[2000];
        new Random(3).ints(1500, 0, 2000).forEach(i -> many[i] = true);
        assertThat(Correctness.decode(Correctness.encode(many), 2000)).containsExactly(many);
        assertThat(Correctness.encode(many).length()).isLessThan(340);
    }

    static boolean[] answers(int n, double accuracy, long seed) {
        Random r = new Random(seed);
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.nextDouble() < accuracy;
        }
        return out;
    }

    @Test
    void identicalRunsDifferByZeroWithAZeroWidthInterval() {
        boolean[] a = answers(200, 0.8, 1);
        Comparison.Result r = Comparison.of(List.of(new Replicate(List.of(Score.of(a)), List.of(Score.of(a)))));
        assertThat(r.difference()).isZero();
        assertThat(r.interval().low()).isZero();
        assertThat(r.interval().high()).isZero();
        assertThat(r.supported()).isFalse();
        assertThat(r.paired()).isTrue();
    }

    @Test
    void aFivePointDifferenceOn66ImagesIsNoiseAndA15PointDifferenceOn200ImagesIsNot() {
        // 66 images, 37 vs 40 right (0.561 vs 0.606), answers independent: the "dip" that was noise.
        boolean[] first = answers(66, 0.56, 7);
        boolean[] second = answers(66, 0.61, 8);
        Comparison.Result noise = Comparison.of(List.of(new Replicate(List.of(Score.of(first)),
                List.of(Score.of(second)))));
        assertThat(noise.supported()).isFalse();
        assertThat(noise.interval().halfWidth()).isGreaterThan(0.08);

        List<Replicate> reps = new ArrayList<>();
        for (int seed = 0; seed < 3; seed++) {
            reps.add(new Replicate(List.of(Score.of(answers(200, 0.80, 10 + seed))),
                    List.of(Score.of(answers(200, 0.95, 20 + seed)))));
        }
        Comparison.Result clear = Comparison.of(reps);
        assertThat(clear.supported()).isTrue();
        assertThat(clear.difference()).isCloseTo(-0.15, within(0.04));
        assertThat(clear.interval().high()).isLessThan(0);
        assertThat(clear.replicates()).isEqualTo(3);
    }

    @Test
    void pairingNarrowsTheIntervalWhenTheRunsAgreeOnMostImages() {
        boolean[] a = answers(300, 0.85, 5);
        boolean[] b = a.clone();
        for (int i = 0; i < 12; i++) {
            b[i * 20] = !b[i * 20]; // the two disagree on 12 images only
        }
        Comparison.Result paired = Comparison.of(List.of(new Replicate(List.of(Score.of(a)), List.of(Score.of(b)))));
        int ca = Score.of(a).correct();
        int cb = Score.of(b).correct();
        Comparison.Result unpaired = Comparison.of(List.of(new Replicate(List.of(Score.counts(ca, 300)),
                List.of(Score.counts(cb, 300)))));
        assertThat(paired.difference()).isCloseTo(unpaired.difference(), within(1e-12));
        assertThat(paired.interval().halfWidth()).isLessThan(unpaired.interval().halfWidth() / 2);
        assertThat(unpaired.paired()).isFalse();
    }

    @Test
    void theSameRunsAlwaysGiveTheSameInterval() {
        List<Replicate> reps = List.of(new Replicate(List.of(Score.of(answers(100, 0.7, 1))),
                List.of(Score.of(answers(100, 0.6, 2)))));
        assertThat(Comparison.of(reps)).isEqualTo(Comparison.of(reps));
    }

    @Test
    void aCellsBootstrapIsComputedOnceAndKnownAfterwards() {
        // Counts no other test uses: the intervals are remembered for the whole JVM.
        List<Score> runs = List.of(Score.counts(811, 1000), Score.counts(793, 1000), Score.counts(829, 1000));
        assertThat(Comparison.knownMeanInterval(runs)).isNull();
        Interval first = Comparison.meanInterval(runs);
        assertThat(first.low()).isLessThan(0.811);
        assertThat(first.high()).isGreaterThan(0.811);
        assertThat(Comparison.knownMeanInterval(runs)).isSameAs(first);
        assertThat(Comparison.meanInterval(new ArrayList<>(runs))).isSameAs(first);
        // The order is part of what the bootstrap draws, so another order is another (unknown) computation.
        assertThat(Comparison.knownMeanInterval(List.of(runs.get(2), runs.get(1), runs.get(0)))).isNull();
        // One run needs no bootstrap: its Wilson interval is always known.
        assertThat(Comparison.knownMeanInterval(List.of(Score.counts(811, 1000))))
                .isEqualTo(Wilson.interval(811, 1000));
    }
}
