package org.transferworkbench.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class HeapFloatsTest {

    @Test
    void copiesDenseArraysViewsWithAnOffsetStridedViewsAndOtherTypesInRowMajorOrder() {
        INDArray whole = Nd4j.rand(DataType.FLOAT, 3, 4, 5);
        INDArray[] arrays = {whole, whole.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all(), NDArrayIndex.all()),
            whole.permute(2, 0, 1), whole.castTo(DataType.DOUBLE), whole.dup('f')};
        for (INDArray a : arrays) {
            float[] expected = new float[(int) a.length()];
            long[] shape = a.shape();
            int k = 0;
            for (long i = 0; i < shape[0]; i++) {
                for (long j = 0; j < shape[1]; j++) {
                    for (long m = 0; m < shape[2]; m++) {
                        expected[k++] = a.getFloat(i, j, m);
                    }
                }
            }
            assertThat(HeapFloats.of(a)).containsExactly(expected);
            assertThat(a.wasClosed()).isFalse();
        }
    }

    @Test
    void toNativeFillsANewRowMajorArrayOfTheShapeFromTheGivenOffset() {
        float[] values = {9, 1, 2, 3, 4, 5, 6, 7};
        INDArray a = HeapFloats.toNative(values, 1, new long[] {2, 3});
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.ordering()).isEqualTo('c');
        assertThat(a.getFloat(0, 0)).isEqualTo(1f);
        assertThat(a.getFloat(1, 2)).isEqualTo(6f);
        assertThat(HeapFloats.of(a)).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(HeapFloats.toNative(values, new long[] {2, 2}).getFloat(1, 1)).isEqualTo(3f);
        assertThatThrownBy(() -> HeapFloats.toNative(values, 3, new long[] {2, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 6 values from 3");
    }
}
