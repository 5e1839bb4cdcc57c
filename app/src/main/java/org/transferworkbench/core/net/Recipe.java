package org.transferworkbench.core.net;

/**
 * The one training recipe used for every condition, so conditions differ only in what is transferred and frozen.
 *
 * <p>Defaults: Adam, learning rate 1e-3, mini-batch 64, 6 epochs. As in the paper, fine-tuned transferred layers
 * learn at the same rate as the new layers ({@code transferLearningRateScale} = 1); a smaller scale (say 0.1) is the
 * common practical alternative.
 */
public record Recipe(int epochs, int batchSize, double learningRate, double transferLearningRateScale) {

    public static final Recipe DEFAULT = new Recipe(6, 64, 1e-3, 1.0);

    public Recipe {
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
        return new Recipe(e, batchSize, learningRate, transferLearningRateScale);
    }

    public Recipe withLearningRate(double rate) {
        return new Recipe(epochs, batchSize, rate, transferLearningRateScale);
    }

    public Recipe withTransferLearningRateScale(double scale) {
        return new Recipe(epochs, batchSize, learningRate, scale);
    }

    /** A stable text form for cache keys and provenance. */
    public String key() {
        return "adam|epochs=" + epochs + "|batch=" + batchSize + "|lr=" + learningRate + "|transferScale="
                + transferLearningRateScale;
    }
}
