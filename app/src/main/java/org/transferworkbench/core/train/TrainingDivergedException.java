package org.transferworkbench.core.train;

/** The loss became NaN or infinite: the learning rate is too high for this net and data. */
public class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(int epoch, int batch) {
        super("training diverged (loss became NaN or infinite) in epoch " + epoch + ", mini-batch " + batch
                + "; try a lower learning rate");
    }
}
