package org.transferworkbench.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.transferworkbench.core.data.TensorSet;

class FeatureStoreTest {

    private static final int[] ROW = {2, 3};

    /** Rows 0..rows-1 of [rows, 2, 3], row r's values r*10 + 0..5. */
    private static INDArray batch(int first, int rows) {
        float[] v = new float[rows * 6];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < 6; j++) {
                v[r * 6 + j] = (first + r) * 10 + j;
            }
        }
        return Nd4j.create(v, new long[] {rows, 2, 3}, 'c');
    }

    @Test
    void aStoreForAKnownNumberOfRowsHandsOnTheSameValuesAsOneThatCollectsBatches() {
        INDArray[] batches = {batch(0, 4), batch(4, 4), batch(8, 2)};
        int[] labels = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0};
        TensorSet sized;
        TensorSet collected;
        try (FeatureStore known = FeatureStore.inMemory(10); FeatureStore unknown = FeatureStore.inMemory()) {
            for (INDArray b : batches) {
                known.append(b, ROW);
                unknown.append(b, ROW);
            }
            sized = known.read(labels, 3);
            collected = unknown.read(labels, 3);
        }
        assertThat(sized.exampleShape()).containsExactly(2, 3);
        assertThat(sized.size()).isEqualTo(10);
        assertThat(sized.data()).containsExactly(collected.data());
        assertThat(sized.data()[9 * 6 + 5]).isEqualTo(95f);
        assertThat(sized.labels()).containsExactly(labels);
    }

    @Test
    void aStoreForAKnownNumberOfRowsCopiesViewsAndRefusesMoreOrFewerRows() {
        INDArray wide = batch(0, 4);
        INDArray view = wide.permute(0, 2, 1).dup('f').permute(0, 2, 1);
        try (FeatureStore store = FeatureStore.inMemory(5)) {
            store.append(view, ROW);
            assertThatThrownBy(() -> store.append(batch(4, 2), ROW)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("more rows than the 5");
            assertThatThrownBy(() -> store.read(new int[5], 1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("4 rows stored, not the 5 expected");
            assertThatThrownBy(() -> store.append(Nd4j.zeros(DataType.FLOAT, 1, 6), new int[] {6}))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("shape changed");
            store.append(batch(4, 1), ROW);
            TensorSet set = store.read(new int[5], 1);
            assertThat(set.data()[3 * 6 + 4]).isEqualTo(34f);
            assertThat(set.data()[4 * 6]).isEqualTo(40f);
        }
        assertThatThrownBy(() -> FeatureStore.inMemory(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
