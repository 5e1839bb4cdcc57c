package org.transferworkbench.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.transferworkbench.Synthetic;
import org.transferworkbench.core.data.InputShape;
import org.transferworkbench.core.data.TensorSet;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.NetFactory;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.net.TrainableNet;

/** Augmentation moves pixels exactly as drawn; early stopping ends training and keeps the best weights. */
class AugmentationTest {

    /** Draws a fixed shift and flip. */
    private static Random fixed(int dx, int dy, boolean flip) {
        return new Random() {
            private int calls;

            @Override
            public int nextInt(int bound) {
                int shift = calls++ % 2 == 0 ? dx : dy;
                return shift + bound / 2; // the augmentation subtracts the maximum shift again
            }

            @Override
            public boolean nextBoolean() {
                return flip;
            }
        };
    }

    @Test
    void aShiftRepeatsTheEdgeAndAFlipMirrorsEveryChannel() {
        // One image, 2 channels, 2 x 4 pixels; the largest shift at width 4 is 1 pixel.
        float[] image = {1, 2, 3, 4, 5, 6, 7, 8, /* channel 2 */ 10, 20, 30, 40, 50, 60, 70, 80};
        float[] shifted = image.clone();
        Augmentation.shiftAndFlip(shifted, 1, new int[] {2, 2, 4}, fixed(1, 0, false));
        assertThat(shifted).containsExactly(1, 1, 2, 3, 5, 5, 6, 7, 10, 10, 20, 30, 50, 50, 60, 70);
        float[] flipped = image.clone();
        Augmentation.shiftAndFlip(flipped, 1, new int[] {2, 2, 4}, fixed(0, 1, true));
        // Down by one row (the top row repeated), mirrored left to right.
        assertThat(flipped).containsExactly(4, 3, 2, 1, 4, 3, 2, 1, 40, 30, 20, 10, 40, 30, 20, 10);
    }

    @Test
    void everyImageHasFixedViewsAndEachEpochShowsOneOfThem() {
        TensorSet images = Synthetic.tensors(2, 5, 8, 3); // 10 images of 1 x 8 x 8
        TrainingViews views = TrainingViews.of(images, Recipe.DEFAULT.withAugment(true));
        assertThat(views.views()).isEqualTo(Augmentation.VIEWS);
        assertThat(views.rowCount()).isEqualTo(80);
        float[] original = new float[64];
        views.copyRow(3, original, 0); // view 0 of image 3: the image itself
        assertThat(original).containsExactly(Arrays.copyOfRange(images.data(), 3 * 64, 4 * 64));
        float[] once = new float[64];
        float[] again = new float[64];
        views.copyRow(2 * 10 + 3, once, 0);
        views.copyRow(2 * 10 + 3, again, 0);
        assertThat(once).containsExactly(again).isNotEqualTo(original);
        // An epoch's batch holds each image as the view that epoch draws for it.
        float[] batch = new float[128];
        views.copyBatch(new int[] {3, 7}, 0, 2, 42, 5, batch);
        float[] expected = new float[64];
        views.copyRow(Augmentation.viewOf(42, 5, 7) * 10 + 7, expected, 0);
        assertThat(Arrays.copyOfRange(batch, 64, 128)).containsExactly(expected);
        Set<Integer> drawn = new HashSet<>();
        for (int epoch = 1; epoch <= 200; epoch++) {
            drawn.add(Augmentation.viewOf(42, epoch, 3));
        }
        assertThat(drawn).hasSize(Augmentation.VIEWS);
        // Without augmentation a set is used as it is.
        assertThat(TrainingViews.of(images, Recipe.DEFAULT).views()).isEqualTo(1);
    }

    @Test
    void earlyStoppingEndsTrainingAndKeepsTheWeightsOfTheBestEpoch() {
        // Labels that cannot be learnt from the images: the validation loss soon stops improving.
        TensorSet train = Synthetic.tensors(3, 30, 28, 5);
        Random labels = new Random(9);
        int[] shuffled = new int[train.size()];
        for (int i = 0; i < shuffled.length; i++) {
            shuffled[i] = labels.nextInt(3);
        }
        TensorSet noise = new TensorSet(train.exampleShape(), train.data(), shuffled, 3);
        TensorSet validation = Synthetic.tensors(3, 20, 28, 6);
        Architecture arch = Architecture.transferCnn(new InputShape(1, 28, 28), 3);
        Recipe recipe = new Recipe(40, 16, 3e-3, 1.0).withPatience(2).withAugment(true);
        var net = NetFactory.full(arch, recipe, 1);
        List<EpochStats> history = Trainer.train(net, noise, validation, recipe, 1, new CancellationToken(),
                TrainingListener.NONE);
        assertThat(history.size()).isLessThan(40);
        // The weights tested are those of an epoch that was reported, not of the last one trained.
        double kept = Trainer.accuracy(TrainableNet.of(net), validation);
        assertThat(history).extracting(EpochStats::validationAccuracy).contains(kept);
        net.close();
    }
}
