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

    @Test
    void aDatasetWithFewerTrainingImagesKeepsValidationAndTestAndHasItsOwnFingerprint() {
        Dataset full = Synthetic.dataset(4, 30, 12, 5);
        Dataset fewer = full.withTrainingPerClass(10);
        assertThat(fewer.train().size()).isEqualTo(40);
        assertThat(fewer.validation()).isSameAs(full.validation());
        assertThat(fewer.test()).isSameAs(full.test());
        assertThat(fewer.fingerprint()).isNotEqualTo(full.fingerprint()).endsWith("|train-per-class=10");
        assertThat(fewer.notes()).anyMatch(n -> n.contains("limited to 10 per class (40 of 120)"));
        for (int c = 0; c < 4; c++) {
            int cls = c;
            assertThat(java.util.Arrays.stream(fewer.train().labels()).filter(l -> l == cls).count()) // qualified: once
                    .isEqualTo(10);
        }
        assertThat(full.withTrainingPerClass(30)).isSameAs(full);
        assertThat(fewer.withTrainingPerClass(10).train().labels()).isEqualTo(fewer.train().labels());
    }
}
