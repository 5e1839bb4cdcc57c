package org.transferworkbench.core.train;

/**
 * The loss became NaN or infinite: the learning rate is too high for this net and data, or the inputs are not in the
 * value range the net was trained on. The sweep records the run as diverged and goes on.
 */
public class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(int epoch, int batch) {
        super("training diverged (loss became NaN or infinite) in epoch " + epoch + ", mini-batch " + batch);
    }
}
