package org.transferworkbench.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The estimators against values computed with NumPy from the papers' formulas
 * ({@code src/test/resources/estimators/reference.py}, same data), and against cases worked by hand.
 */
class TransferabilityTest {

    static final int N = 40;
    static final int D = 6;
    static final int CLASSES = 3;
    static final int Z = 4;

    static int[] labels() {
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            y[i] = i % CLASSES;
        }
        return y;
    }

    static double[][] features() {
        int[] y = labels();
        double[][] f = new double[N][D];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < D; j++) {
                f[i][j] = Math.sin(0.37 * i + 1.1 * j) + (j == y[i] ? 1.0 : 0.0) + 0.1 * Math.cos(0.5 * i * j);
            }
        }
        return f;
    }

    static double[][] sourceSoftmax() {
        int[] y = labels();
        double[][] theta = new double[N][Z];
        for (int i = 0; i < N; i++) {
            double sum = 0;
            for (int k = 0; k < Z; k++) {
                theta[i][k] = Math.exp(Math.cos(0.3 * i + k) + (k == y[i] ? 1.5 : 0.0));
                sum += theta[i][k];
            }
            for (int k = 0; k < Z; k++) {
                theta[i][k] /= sum;
            }
        }
        return theta;
    }

    @Test
    void logMeHScoreAndLeepMatchTheNumPyReference() {
        assertThat(Transferability.logMe(features(), labels(), CLASSES)).isCloseTo(0.6728574590273726,
                within(1e-9));
        assertThat(Transferability.hScore(features(), labels(), CLASSES)).isCloseTo(1.9715744549738796,
                within(1e-9));
        assertThat(Transferability.leep(sourceSoftmax(), labels(), CLASSES)).isCloseTo(-0.7732505215889378,
                within(1e-12));
    }

    @Test
    void featuresThatSeparateTheClassesScoreHigherThanNoise() {
        int[] y = labels();
        double[][] separating = new double[N][2];
        double[][] noise = new double[N][2];
        for (int i = 0; i < N; i++) {
            separating[i] = new double[] {y[i] + 0.01 * Math.sin(i), 0.01 * Math.cos(3 * i)};
            noise[i] = new double[] {Math.sin(7.3 * i), Math.cos(5.1 * i)};
        }
        assertThat(Transferability.logMe(separating, y, CLASSES)).isGreaterThan(Transferability.logMe(noise, y,
                CLASSES));
        assertThat(Transferability.hScore(separating, y, CLASSES)).isGreaterThan(Transferability.hScore(noise, y,
                CLASSES));
        // By hand: one feature equal to the label. Its class means are the feature itself, so cov(E[f|y]) =
        // cov(f) and tr(cov(f)^-1 cov(f)) = 1.
        double[][] exact = new double[N][1];
        for (int i = 0; i < N; i++) {
            exact[i][0] = y[i];
        }
        assertThat(Transferability.hScore(exact, y, CLASSES)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void leepOfASourceThatKnowsTheLabelsIsZeroAndOfAUniformOneIsLogOfChance() {
        int[] y = labels();
        double[][] perfect = new double[N][CLASSES];
        double[][] uniform = new double[N][CLASSES];
        for (int i = 0; i < N; i++) {
            perfect[i][y[i]] = 1;
            Arrays.fill(uniform[i], 1.0 / CLASSES);
        }
        assertThat(Transferability.leep(perfect, y, CLASSES)).isCloseTo(0, within(1e-12));
        // A uniform source: P(y|z) is the label's frequency (14, 13 and 13 of 40), whatever z.
        double expected = (14 * Math.log(14 / 40.0) + 26 * Math.log(13 / 40.0)) / 40;
        assertThat(Transferability.leep(uniform, y, CLASSES)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void kendallTauByHandAndTheEigenSolverOnAKnownMatrix() {
        // 6 pairs: (2,3) swapped, the other 5 agree: (5 - 1) / 6.
        assertThat(Transferability.kendallTau(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4}))
                .isCloseTo(4.0 / 6, within(1e-12));
        assertThat(Transferability.kendallTau(new double[] {1, 2, 3}, new double[] {3, 2, 1})).isEqualTo(-1.0);
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}});
        double[] sorted = e.values().clone();
        Arrays.sort(sorted);
        assertThat(sorted).containsExactly(new double[] {1, 3}, within(1e-12));
        for (int k = 0; k < 2; k++) {
            double[] v = {e.vectors()[0][k], e.vectors()[1][k]};
            assertThat(2 * v[0] + v[1]).isCloseTo(e.values()[k] * v[0], within(1e-12));
        }
    }
}
