package org.transferworkbench.cli;

import java.util.ArrayList;
import java.util.List;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.split.ClassSplit;
import org.transferworkbench.core.split.SplitSpec;
import picocli.CommandLine.Option;

/** Split, seeds and recipe options shared by train-base, sweep, fewshot, estimate and cka. */
final class ExperimentOptions {

    @Option(names = "--split", paramLabel = "random|random:N|groups:FILE", defaultValue = "random",
            description = "How classes are split into A and B: random halves, random with N classes in A (e.g. "
                    + "random:8 for 8:2), or the groups in a file (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "First training seed; also the split seed unless --split-seed is given (default: "
                    + "${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--split-seed", paramLabel = "N",
            description = "Seed of the random class split, kept apart from training seeds.")
    Long splitSeed;

    @Option(names = "--b-per-class", paramLabel = "N", defaultValue = "0",
            description = "Training images per B class (0 = all): the few-shot question.")
    int bPerClass;

    @Option(names = "--epochs", paramLabel = "E", description = "Epochs per net (default: 6).")
    Integer epochs;

    @Option(names = "--transfer-lr-scale", paramLabel = "S", defaultValue = "1.0",
            description = "Learning-rate factor for fine-tuned transferred layers (paper: 1; practice: 0.1).")
    double transferLrScale;

    @Option(names = "--learning-rate", paramLabel = "LR", defaultValue = "0.001",
            description = "Adam's learning rate for every net (default: ${DEFAULT-VALUE}); lower it if runs diverge.")
    double learningRate;

    /** Training seeds --seed, --seed+1, ... ({@code count} of them). */
    List<Long> seeds(int count) {
        List<Long> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(seed + i);
        }
        return list;
    }

    ClassSplit split(Dataset dataset) {
        return SplitSpec.parse(split).apply(dataset.classNames(), splitSeed != null ? splitSeed : seed);
    }

    @Option(names = "--patience", paramLabel = "E",
            description = "Early stopping: stop a net after E epochs without a better validation loss, keeping its "
                    + "best weights; 0 = off (default: 10 for image folders, off for IDX).")
    Integer patience;

    @Option(names = "--augment", negatable = true, description = "Shifts and flips of the training images (8 views "
            + "of each, one per epoch) "
            + "(default: on for image folders, off for IDX); --no-augment turns it off.")
    Boolean augment;

    @Option(names = "--paper-recipe", description = "The paper's recipe on any data: for image folders too, no "
            + "minimum of updates, no early stopping, no augmentation.")
    boolean paperRecipe;

    /** The recipe for {@code dataset}: the paper's, the small-data rule for image folders, then what was asked. */
    Recipe recipe(Dataset dataset) {
        Recipe r = Recipe.DEFAULT.withLearningRate(learningRate).withTransferLearningRateScale(transferLrScale);
        r = epochs == null ? r : r.withEpochs(epochs);
        r = paperRecipe ? r : r.forFormat(dataset.format());
        if (patience != null) {
            r = r.withPatience(patience);
        }
        return augment == null ? r : r.withAugment(augment);
    }
}
