package org.transferworkbench.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.transferworkbench.core.data.InputShape;

class ArchitectureTest {

    @Test
    void transferCnnHasSixWeightLayersAndCutPointsSkipPooling() {
        Architecture arch = Architecture.transferCnn(new InputShape(1, 28, 28), 5);
        assertThat(arch.weightLayerNames()).containsExactly("conv1", "conv2", "conv3", "conv4", "fc5", "fc6");
        assertThat(arch.cutPoints()).containsExactly(1, 2, 3, 4, 5);
        // conv1 is followed by pool1: the transferred prefix for k=1 ends after the pooling
        assertThat(arch.layers().get(arch.lastTransferredLayerIndex(1)).name()).isEqualTo("pool1");
        assertThat(arch.layers().get(arch.lastTransferredLayerIndex(2)).name()).isEqualTo("conv2");
        assertThat(arch.layers().get(arch.lastTransferredLayerIndex(3)).name()).isEqualTo("pool3");
        assertThat(arch.layers().get(arch.lastTransferredLayerIndex(5)).name()).isEqualTo("fc5");
        assertThatThrownBy(() -> arch.lastTransferredLayerIndex(6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> arch.lastTransferredLayerIndex(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void familyAdaptsToLargerColorInputs() {
        Architecture arch = Architecture.transferCnn(new InputShape(3, 64, 64), 4);
        assertThat(arch.weightLayerCount()).isEqualTo(6);
        assertThat(arch.spatialSizes()[0]).isEqualTo(30); // stride-2 conv1
        assertThatThrownBy(() -> Architecture.transferCnn(new InputShape(1, 8, 8), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too small");
    }
}
