package org.transferworkbench.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The minimum of updates: small B sets get more epochs, big ones keep the recipe's, and old keys do not change. */
class RecipeTest {

    @Test
    void aMinimumOfStepsRaisesEpochsOnlyForSmallTrainingSets() {
        Recipe paper = Recipe.DEFAULT;
        assertThat(paper.epochsFor(5)).isEqualTo(6);
        Recipe small = paper.withMinSteps(300);
        // 5 images = 1 batch of 64: 300 epochs; 640 images = 10 batches: 30 epochs; 4500 = 71 batches: 6 epochs.
        assertThat(small.epochsFor(5)).isEqualTo(300);
        assertThat(small.epochsFor(640)).isEqualTo(30);
        assertThat(small.epochsFor(641)).isEqualTo(28);
        assertThat(small.epochsFor(4500)).isEqualTo(6);
        assertThat(paper.key()).isEqualTo("adam|epochs=6|batch=64|lr=0.001|transferScale=1.0");
        assertThat(small.key()).isEqualTo("adam|epochs=6|batch=64|lr=0.001|transferScale=1.0|minSteps=300");
        assertThat(small.withEpochs(2).minSteps()).isEqualTo(300);
    }
}
