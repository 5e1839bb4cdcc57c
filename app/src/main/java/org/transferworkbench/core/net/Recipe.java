package org.transferworkbench.core.net;

/**
 * The one training recipe used for every condition, so conditions differ only in what is transferred and frozen.
 *
 * <p>Defaults: Adam, learning rate 1e-3, mini-batch 64, 6 epochs. As in the paper, fine-tuned transferred layers
 * learn at the same rate as the new layers ({@code transferLearningRateScale} = 1); a smaller scale (say 0.1) is the
 * common practical alternative.
 */
public record Recipe(int epochs, int batchSize, double learningRate, double transferLearningRateScale, int minSteps) {

    public static final Recipe DEFAULT = new Recipe(6, 64, 1e-3, 1.0, 0);

    /** The paper's recipe, without a minimum of steps (results files from 0.1.0 have none). */
    public Recipe(int epochs, int batchSize, double learningRate, double transferLearningRateScale) {
        this(epochs, batchSize, learningRate, transferLearningRateScale, 0);
    }

    public Recipe {
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
        return new Recipe(e, batchSize, learningRate, transferLearningRateScale, minSteps);
    }

    public Recipe withLearningRate(double rate) {
        return new Recipe(epochs, batchSize, rate, transferLearningRateScale, minSteps);
    }

    public Recipe withTransferLearningRateScale(double scale) {
        return new Recipe(epochs, batchSize, learningRate, scale, minSteps);
    }

    /**
     * At least {@code steps} mini-batch updates per net: with 5 images per class a B task is one mini-batch, so
     * 6 epochs would be 6 updates, and a net that was barely trained says nothing about transfer. The same rule
     * for every condition; 0 = epochs alone (the paper sweep).
     */
    public Recipe withMinSteps(int steps) {
        return new Recipe(epochs, batchSize, learningRate, transferLearningRateScale, steps);
    }

    /** Epochs to train on {@code examples} images: the recipe's, or more to reach {@link #minSteps}. */
    public int epochsFor(int examples) {
        int batches = Math.max(1, (examples + batchSize - 1) / batchSize);
        return Math.max(epochs, (minSteps + batches - 1) / batches);
    }

    /** A stable text form for cache keys and provenance. */
    public String key() {
        return "adam|epochs=" + epochs + "|batch=" + batchSize + "|lr=" + learningRate + "|transferScale="
                + transferLearningRateScale + (minSteps > 0 ? "|minSteps=" + minSteps : "");
    }
}
