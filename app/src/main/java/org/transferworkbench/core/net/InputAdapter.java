package org.transferworkbench.core.net;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns a batch as the workbench stores it (NCHW, values in [0,1]) into what a net expects: its value range
 * ({@link Normalisation}) and its layout (channels-first, or channels-last as Keras nets are imported).
 */
public record InputAdapter(Normalisation normalisation, boolean channelsLast) {

    public static final InputAdapter IDENTITY = new InputAdapter(Normalisation.UNIT, false);

    public boolean isIdentity() {
        return normalisation == Normalisation.UNIT && !channelsLast;
    }

    public INDArray adapt(INDArray nchw) {
        if (isIdentity()) {
            return nchw;
        }
        INDArray x = normalisation.apply(nchw);
        if (channelsLast) {
            INDArray permuted = x.permute(0, 2, 3, 1).dup('c');
            if (x != nchw) {
                x.close();
            }
            x = permuted;
        }
        return x;
    }

    /** Frees what {@link #adapt} allocated (never the caller's batch). */
    public void release(INDArray original, INDArray adapted) {
        if (adapted != original && adapted.closeable()) {
            adapted.close();
        }
    }
}
