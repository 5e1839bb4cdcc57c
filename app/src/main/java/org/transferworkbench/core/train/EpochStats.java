package org.transferworkbench.core.train;

/**
 * What one epoch measured.
 *
 * @param epoch              1-based
 * @param trainLoss          mean cross-entropy over the epoch's mini-batches (weighted by batch size)
 * @param validationAccuracy accuracy on the validation set after the epoch
 * @param seconds            wall time of the epoch including validation
 */
public record EpochStats(int epoch, double trainLoss, double validationAccuracy, double seconds) {
}
