package org.transferworkbench.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The properties Kornblith et al. prove for linear CKA, checked on small random representations. */
class CkaTest {

    static INDArray random(int n, int d, long seed) {
        Random r = new Random(seed);
        double[][] v = new double[n][d];
        for (double[] row : v) {
            for (int j = 0; j < d; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return Nd4j.createFromArray(v);
    }

    /** A random orthogonal d x d matrix (Gram-Schmidt on a random one). */
    static INDArray rotation(int d, long seed) {
        double[][] q = random(d, d, seed).toDoubleMatrix();
        for (int j = 0; j < d; j++) {
            for (int p = 0; p < j; p++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += q[i][j] * q[i][p];
                }
                for (int i = 0; i < d; i++) {
                    q[i][j] -= dot * q[i][p];
                }
            }
            double norm = 0;
            for (int i = 0; i < d; i++) {
                norm += q[i][j] * q[i][j];
            }
            for (int i = 0; i < d; i++) {
                q[i][j] /= Math.sqrt(norm);
            }
        }
        return Nd4j.createFromArray(q);
    }

    @Test
    void identicalRepresentationsGiveOne() {
        INDArray x = random(60, 12, 1);
        assertThat(Cka.linear(x, x)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void invariantToRotationsIsotropicScalingAndShifts() {
        INDArray x = random(60, 12, 2);
        INDArray y = random(60, 9, 3).add(x.get(NDArrayIndex.all(),
                NDArrayIndex.interval(0, 9)).mul(0.7));
        double base = Cka.linear(x, y);
        assertThat(Cka.linear(x.mmul(rotation(12, 4)), y)).isCloseTo(base, within(1e-9));
        assertThat(Cka.linear(x.mul(17.5), y.mul(0.01))).isCloseTo(base, within(1e-9));
        assertThat(Cka.linear(x.add(3.0), y)).isCloseTo(base, within(1e-9));
        assertThat(base).isBetween(0.2, 0.99);
    }

    @Test
    void representationsWithOrthogonalCentredColumnsGiveZero() {
        // 2d orthonormal directions among centred examples: X takes the first d, Y the others.
        int n = 40;
        int d = 5;
        INDArray m = random(n, 2 * d, 5);
        m = m.subRowVector(m.mean(0));
        double[][] q = m.toDoubleMatrix();
        for (int j = 0; j < 2 * d; j++) {
            for (int p = 0; p < j; p++) {
                double dot = 0;
                double pp = 0;
                for (int i = 0; i < n; i++) {
                    dot += q[i][j] * q[i][p];
                    pp += q[i][p] * q[i][p];
                }
                for (int i = 0; i < n; i++) {
                    q[i][j] -= dot / pp * q[i][p];
                }
            }
        }
        INDArray all = Nd4j.createFromArray(q);
        INDArray x = all.get(NDArrayIndex.all(),
                NDArrayIndex.interval(0, d));
        INDArray y = all.get(NDArrayIndex.all(),
                NDArrayIndex.interval(d, 2 * d));
        assertThat(Cka.linear(x, y)).isCloseTo(0.0, within(1e-9));
        // Independent random representations are far from alike, not exactly 0.
        assertThat(Cka.linear(random(400, 10, 6), random(400, 10, 7))).isLessThan(0.1);
    }

    @Test
    void floatActivationsOfAnyShapeCompareAsRowsPerExample() {
        INDArray conv = Nd4j.rand(DataType.FLOAT, 30, 4, 3, 3);
        assertThat(Cka.gram(conv).shape()).containsExactly(30, 30);
        assertThat(Cka.linear(conv, conv.reshape(30, 36))).isCloseTo(1.0, within(1e-6));
    }
}
