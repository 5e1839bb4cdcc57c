package org.transferworkbench.core.net;

/**
 * The one training recipe used for every condition, so conditions differ only in what is transferred and frozen.
 *
 * <p>Defaults: Adam, learning rate 1e-3, mini-batch 64, 6 epochs. As in the paper, fine-tuned transferred layers
 * learn at the same rate as the new layers ({@code transferLearningRateScale} = 1); a smaller scale (say 0.1) is the
 * common practical alternative. Image folders, small and varied, get the small-data rule ({@link #forData}).
 *
 * @param patience early stopping: training ends when the validation loss has not improved for this many epochs,
 *                 and the net keeps its best weights; 0 = off (the paper's fixed epochs)
 * @param augment  shifts (up to 1/8 of the side) and horizontal flips of the training images: each image has 8 fixed
 *                 views and every epoch shows one of them, so frozen runs still train on cached activations (of every
 *                 view)
 */
public record Recipe(int epochs, int batchSize, double learningRate, double transferLearningRateScale, int minSteps,
                     int patience, boolean augment) {

    public static final Recipe DEFAULT = new Recipe(6, 64, 1e-3, 1.0, 0);
    /** Image folders: at least this many updates per net, whatever the folder's size. */
    public static final int FOLDER_MIN_STEPS = 300;
    /** Views per training image when augmenting (see {@code Augmentation}): part of the recipe's key. */
    public static final int AUGMENT_VIEWS = 8;
    /** Image folders: epochs without a better validation loss before a net stops. */
    public static final int FOLDER_PATIENCE = 10;

    /** The paper's recipe, without a minimum of steps (results files from 0.1.0 have none). */
    public Recipe(int epochs, int batchSize, double learningRate, double transferLearningRateScale) {
        this(epochs, batchSize, learningRate, transferLearningRateScale, 0);
    }

    public Recipe(int epochs, int batchSize, double learningRate, double transferLearningRateScale, int minSteps) {
        this(epochs, batchSize, learningRate, transferLearningRateScale, minSteps, 0, false);
    }

    public Recipe {
        if (patience < 0 || patience > 1000) {
            throw new IllegalArgumentException("patience must be 0..1000 epochs, not " + patience);
        }
        if (minSteps < 0 || minSteps > 1_000_000) {
            throw new IllegalArgumentException("minimum steps must be 0..1000000, not " + minSteps);
        }
        if (epochs < 1 || epochs > 1000) {
            throw new IllegalArgumentException("epochs must be 1..1000, not " + epochs);
        }
        if (batchSize < 1 || batchSize > 4096) {
            throw new IllegalArgumentException("batch size must be 1..4096, not " + batchSize);
        }
        if (!(learningRate > 0 && learningRate < 10)) {
            throw new IllegalArgumentException("learning rate must be in (0, 10), not " + learningRate);
        }
        if (!(transferLearningRateScale >= 0 && transferLearningRateScale <= 10)) {
            throw new IllegalArgumentException("transfer learning-rate scale must be in [0, 10]");
        }
    }

    public Recipe withEpochs(int e) {
        return new Recipe(e, batchSize, learningRate, transferLearningRateScale, minSteps, patience, augment);
    }

    public Recipe withLearningRate(double rate) {
        return new Recipe(epochs, batchSize, rate, transferLearningRateScale, minSteps, patience, augment);
    }

    public Recipe withTransferLearningRateScale(double scale) {
        return new Recipe(epochs, batchSize, learningRate, scale, minSteps, patience, augment);
    }

    public Recipe withPatience(int epochsWithoutImprovement) {
        return new Recipe(epochs, batchSize, learningRate, transferLearningRateScale, minSteps,
                epochsWithoutImprovement, augment);
    }

    public Recipe withAugment(boolean on) {
        return new Recipe(epochs, batchSize, learningRate, transferLearningRateScale, minSteps, patience, on);
    }

    /**
     * The recipe for this data. IDX files (Fashion-MNIST: thousands of images per class, the paper's setting) keep it
     * as it is. Image folders (tens of images per class, varied) get the small-data rule, the same for every
     * condition: at least {@link #FOLDER_MIN_STEPS} updates, early stopping after {@link #FOLDER_PATIENCE} epochs
     * without a better validation loss (keeping the best weights), and augmentation.
     */
    public Recipe forFormat(String format) {
        if (!"folder".equals(format)) {
            return this;
        }
        return new Recipe(epochs, batchSize, learningRate, transferLearningRateScale,
                Math.max(minSteps, FOLDER_MIN_STEPS), patience > 0 ? patience : FOLDER_PATIENCE, true);
    }

    /**
     * At least {@code steps} mini-batch updates per net: with 5 images per class a B task is one mini-batch, so
     * 6 epochs would be 6 updates, and a net that was barely trained says nothing about transfer. The same rule
     * for every condition; 0 = epochs alone (the paper sweep).
     */
    public Recipe withMinSteps(int steps) {
        return new Recipe(epochs, batchSize, learningRate, transferLearningRateScale, steps, patience, augment);
    }

    /** Epochs to train on {@code examples} images: the recipe's, or more to reach {@link #minSteps}. */
    public int epochsFor(int examples) {
        int batches = Math.max(1, (examples + batchSize - 1) / batchSize);
        return Math.max(epochs, (minSteps + batches - 1) / batches);
    }

    /** In words, for the console and reports. */
    public String describe() {
        return "Adam " + learningRate + ", batches of " + batchSize + ", " + epochs + " epochs"
                + (minSteps > 0 ? ", at least " + minSteps + " updates" : "")
                + (patience > 0 ? ", early stopping after " + patience + " epochs without a better validation loss"
                        + " (best weights kept)" : "")
                + (augment ? ", training images shifted and flipped (" + AUGMENT_VIEWS
                        + " views of each, one per epoch)" : "");
    }

    /** A stable text form for cache keys and provenance. */
    public String key() {
        return "adam|epochs=" + epochs + "|batch=" + batchSize + "|lr=" + learningRate + "|transferScale="
                + transferLearningRateScale + (minSteps > 0 ? "|minSteps=" + minSteps : "")
                + (patience > 0 ? "|patience=" + patience : "")
                // Fixed views since 0.2 (before: drawn anew every epoch), so older cached base nets do not match.
                + (augment ? "|augment=" + AUGMENT_VIEWS + "views" : "");
    }
}
