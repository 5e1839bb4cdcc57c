package org.transferworkbench.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.transferworkbench.Synthetic;
import org.transferworkbench.core.data.InputShape;
import org.transferworkbench.core.data.TensorSet;
import org.transferworkbench.core.train.CancellationToken;
import org.transferworkbench.core.train.Trainer;
import org.transferworkbench.core.train.TrainingListener;

class WeightTransferTest {

    static final InputShape INPUT = new InputShape(1, 20, 20);

    @Test
    void copiedPrefixEqualsSourceAndUpperLayersKeepTheirFreshInitialisation() {
        Architecture arch = Architecture.transferCnn(INPUT, 3);
        MultiLayerNetwork source = NetFactory.full(arch, Recipe.DEFAULT, 1);
        TensorSet data = Synthetic.tensors(3, 20, 20, 1);
        Trainer.train(source, data, data, Recipe.DEFAULT.withEpochs(1), 1, new CancellationToken(),
                TrainingListener.NONE);

        int cut = arch.lastTransferredLayerIndex(3);
        MultiLayerNetwork target = NetFactory.fineTunable(arch, Recipe.DEFAULT, 99, cut);
        MultiLayerNetwork fresh = NetFactory.full(arch, Recipe.DEFAULT, 99);
        WeightTransfer.copyPrefix(source, target, cut);

        for (int i = 0; i < arch.layers().size(); i++) {
            if (!arch.layers().get(i).hasWeights()) {
                continue;
            }
            if (i <= cut) {
                assertThat(target.getLayer(i).params()).as("layer %d copied", i).isEqualTo(source.getLayer(i).params());
            } else {
                assertThat(target.getLayer(i).params()).as("layer %d fresh", i).isEqualTo(fresh.getLayer(i).params());
                assertThat(target.getLayer(i).params()).as("layer %d not the source's", i)
                        .isNotEqualTo(source.getLayer(i).params());
            }
        }
        // the copy is a copy: training the target leaves the source alone
        var before = source.params().dup();
        Trainer.train(target, data, data, Recipe.DEFAULT.withEpochs(1), 2, new CancellationToken(),
                TrainingListener.NONE);
        assertThat(source.params()).isEqualTo(before);
        assertThat(target.getLayer(0).params()).isNotEqualTo(source.getLayer(0).params());
    }

    @Test
    void headTakesTheLayersAboveTheCut() {
        Architecture arch = Architecture.transferCnn(INPUT, 3);
        MultiLayerNetwork full = NetFactory.full(arch, Recipe.DEFAULT, 5);
        int cut = arch.lastTransferredLayerIndex(2);
        TensorSet data = Synthetic.tensors(3, 4, 20, 3);
        TensorSet features = Trainer.featurize(full, cut, data, new CancellationToken());
        MultiLayerNetwork head = NetFactory.head(arch, cut + 1, features.exampleShape(), Recipe.DEFAULT, 5);
        assertThat(head.getnLayers()).isEqualTo(arch.layers().size() - cut - 1);
        WeightTransfer.copyLayers(full, head, cut + 1, arch.layers().size() - 1, -(cut + 1));
        // same weights, so the head on cached activations predicts exactly what the full net predicts
        assertThat(Trainer.predict(head, features)).containsExactly(Trainer.predict(full, data));
    }
}
