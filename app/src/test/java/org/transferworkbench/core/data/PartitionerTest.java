package org.transferworkbench.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.transferworkbench.Synthetic;

class PartitionerTest {

    @Test
    void holdOutIsStratifiedDisjointAndDeterministic() {
        TensorSet set = Synthetic.tensors(4, 50, 12, 1);
        TensorSet[] a = Partitioner.holdOut(set, 0.2, 7);
        TensorSet[] b = Partitioner.holdOut(set, 0.2, 7);
        TensorSet[] c = Partitioner.holdOut(set, 0.2, 8);
        assertThat(a[0].classCounts()).containsExactly(10, 10, 10, 10);
        assertThat(a[1].classCounts()).containsExactly(40, 40, 40, 40);
        assertThat(a[0].data()).isEqualTo(b[0].data());
        assertThat(a[0].data()).isNotEqualTo(c[0].data());
    }

    @Test
    void limitPerClassKeepsAtMostNOfEachClass() {
        TensorSet set = Synthetic.tensors(3, 20, 12, 2);
        TensorSet few = Partitioner.limitPerClass(set, 5, 1);
        assertThat(few.classCounts()).containsExactly(5, 5, 5);
        assertThat(Partitioner.limitPerClass(set, 100, 1).size()).isEqualTo(60);
    }
}
