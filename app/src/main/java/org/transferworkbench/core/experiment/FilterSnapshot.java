package org.transferworkbench.core.experiment;

/**
 * A copy of a conv layer's weights, [filters][channels][kernel][kernel] flattened in that order.
 */
public record FilterSnapshot(int filters, int channels, int kernel, float[] weights) {

    public FilterSnapshot {
        if (weights.length != filters * channels * kernel * kernel) {
            throw new IllegalArgumentException("weights length does not match the filter shape");
        }
    }
}
