package org.transferworkbench.core.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.transferworkbench.Synthetic;
import org.transferworkbench.core.data.InputShape;
import org.transferworkbench.core.data.TensorSet;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.NetFactory;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.train.CancellationToken;
import org.transferworkbench.core.train.Trainer;
import org.transferworkbench.core.train.TrainingViews;

class PrefixActivationsTest {

    private static final Architecture ARCH = Architecture.transferCnn(new InputShape(1, 28, 28), 5);

    private static PrefixActivations.Entry direct(MultiLayerNetwork net, int cut, TrainingViews views,
                                                  TensorSet validation) {
        CancellationToken cancel = new CancellationToken();
        return new PrefixActivations.Entry(cut, Trainer.featurize(net, cut, views, cancel),
                Trainer.featurize(net, cut, validation, cancel));
    }

    private static void assertSame(PrefixActivations.Entry a, PrefixActivations.Entry b) {
        assertThat(a.cut()).isEqualTo(b.cut());
        for (TensorSet[] pair : new TensorSet[][] {{a.train(), b.train()}, {a.validation(), b.validation()}}) {
            assertThat(pair[0].exampleShape()).isEqualTo(pair[1].exampleShape());
            assertThat(pair[0].labels()).isEqualTo(pair[1].labels());
            // The same layers on the same values in the same batches: equal to the last digit.
            assertThat(pair[0].data()).isEqualTo(pair[1].data());
        }
    }

    @Test
    void continuingFromAnEarlierCutPointComputesWhatTheWholePrefixComputes() {
        MultiLayerNetwork net = NetFactory.full(ARCH, Recipe.DEFAULT, 3);
        // 300 training rows: more than one batch of the featurizing (256); with views, 8 rows an image.
        TensorSet images = Synthetic.tensors(5, 60, 28, 1);
        TensorSet validation = Synthetic.tensors(5, 8, 28, 2);
        for (Recipe recipe : new Recipe[] {Recipe.DEFAULT, Recipe.DEFAULT.withAugment(true)}) {
            TrainingViews views = TrainingViews.of(recipe.augment() ? Synthetic.tensors(5, 8, 28, 1) : images,
                    recipe);
            PrefixActivations.Entry previous = null;
            for (int k = 1; k <= 5; k++) {
                int cut = ARCH.lastTransferredLayerIndex(k);
                PrefixActivations.Entry whole = direct(net, cut, views, validation);
                if (previous != null) {
                    assertSame(PrefixActivations.continued(previous, net, ARCH, recipe, cut,
                            new CancellationToken()), whole);
                }
                previous = whole;
            }
            // Across several cut points at once too (k=1 to k=4).
            PrefixActivations.Entry atOne = direct(net, ARCH.lastTransferredLayerIndex(1), views, validation);
            int four = ARCH.lastTransferredLayerIndex(4);
            assertSame(PrefixActivations.continued(atOne, net, ARCH, recipe, four, new CancellationToken()),
                    direct(net, four, views, validation));
        }
    }

    @Test
    void keepsTheDeepestCutPointPerBaseNetWithinItsBudget() {
        MultiLayerNetwork net = NetFactory.full(ARCH, Recipe.DEFAULT, 3);
        TrainingViews views = TrainingViews.plain(Synthetic.tensors(5, 4, 28, 1));
        TensorSet validation = Synthetic.tensors(5, 2, 28, 2);
        CancellationToken cancel = new CancellationToken();
        int one = ARCH.lastTransferredLayerIndex(1);
        int two = ARCH.lastTransferredLayerIndex(2);
        int three = ARCH.lastTransferredLayerIndex(3);

        PrefixActivations shared = new PrefixActivations(1L << 30);
        PrefixActivations.Entry first = shared.at("A", net, ARCH, Recipe.DEFAULT, two, views, validation, cancel);
        assertThat(shared.kept("A")).isSameAs(first);
        // A shallower cut point is computed from the images and does not replace the deeper one.
        PrefixActivations.Entry shallow = shared.at("A", net, ARCH, Recipe.DEFAULT, one, views, validation, cancel);
        assertSame(shallow, direct(net, one, views, validation));
        assertThat(shared.kept("A")).isSameAs(first);
        PrefixActivations.Entry deeper = shared.at("A", net, ARCH, Recipe.DEFAULT, three, views, validation, cancel);
        assertSame(deeper, direct(net, three, views, validation));
        assertThat(shared.kept("A")).isSameAs(deeper);
        assertThat(shared.kept("B")).isNull();
        shared.clear();
        assertThat(shared.kept("A")).isNull();

        // Over the budget: nothing kept, every run starts from the images.
        PrefixActivations tight = new PrefixActivations(first.bytes() - 1);
        tight.at("A", net, ARCH, Recipe.DEFAULT, two, views, validation, cancel);
        assertThat(tight.kept("A")).isNull();
        // Within it for one base net but not for two: the second is not kept.
        PrefixActivations forOne = new PrefixActivations(first.bytes());
        forOne.at("A", net, ARCH, Recipe.DEFAULT, two, views, validation, cancel);
        forOne.at("B", net, ARCH, Recipe.DEFAULT, two, views, validation, cancel);
        assertThat(forOne.kept("A")).isNotNull();
        assertThat(forOne.kept("B")).isNull();
    }
}
