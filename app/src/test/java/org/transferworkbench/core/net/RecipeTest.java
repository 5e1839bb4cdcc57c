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

    @Test
    void imageFoldersGetTheSmallDataRuleAndIdxKeepsThePapersRecipe() {
        assertThat(Recipe.DEFAULT.forFormat("idx")).isEqualTo(Recipe.DEFAULT);
        Recipe folder = Recipe.DEFAULT.forFormat("folder");
        assertThat(folder.minSteps()).isEqualTo(300);
        assertThat(folder.patience()).isEqualTo(10);
        assertThat(folder.augment()).isTrue();
        assertThat(folder.epochs()).isEqualTo(6);
        assertThat(folder.key()).isEqualTo("adam|epochs=6|batch=64|lr=0.001|transferScale=1.0|minSteps=300"
                + "|patience=10|augment=8views");
        assertThat(Recipe.DEFAULT.withPatience(3).forFormat("folder").patience()).isEqualTo(3);
        assertThat(folder.withAugment(false).withPatience(0).key())
                .isEqualTo("adam|epochs=6|batch=64|lr=0.001|transferScale=1.0|minSteps=300");
        assertThat(folder.describe()).isEqualTo("Adam 0.001, batches of 64, 6 epochs, at least 300 updates, early "
                + "stopping after 10 epochs without a better validation loss (best weights kept), training images "
                + "shifted and flipped (8 views of each, one per epoch)");
    }
}
