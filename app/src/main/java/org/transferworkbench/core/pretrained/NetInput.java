package org.transferworkbench.core.pretrained;

import org.transferworkbench.core.net.InputAdapter;
import org.transferworkbench.core.net.Normalisation;

/**
 * The input a pretrained net takes, and how the user's images are adapted to it.
 *
 * @param channels      1 (gray) or 3 (RGB)
 * @param height        input height in pixels, 0 when the net accepts any size (global pooling, no dense layer)
 * @param width         input width, 0 likewise
 * @param channelsLast  true for Keras-imported nets (NHWC); DL4J's own nets are channels-first (NCHW)
 * @param normalisation the value range the net was trained on (see {@link Normalisation})
 * @param sizeSource    where the size came from, in words: "sidecar", "Keras model_config", "inferred from the
 *                      first dense layer's inputs", or "any size"
 */
public record NetInput(int channels, int height, int width, boolean channelsLast, Normalisation normalisation,
                       String sizeSource) {

    public NetInput {
        if (height < 0 || width < 0) {
            throw new IllegalArgumentException("input size must be >= 0");
        }
    }

    public boolean anySize() {
        return height == 0;
    }

    public NetInput withNormalisation(Normalisation n) {
        return new NetInput(channels, height, width, channelsLast, n, sizeSource);
    }

    public InputAdapter adapter() {
        return new InputAdapter(normalisation, channelsLast);
    }

    public String describe() {
        String size = anySize() ? "any size" : height + "x" + width;
        return size + "x" + channels + (channelsLast ? " (channels last)" : "") + ", values "
                + normalisation.description() + " [size: " + sizeSource + "]";
    }
}
