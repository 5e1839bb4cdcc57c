package org.transferworkbench.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class InputAdapterTest {

    /** One 1x2 RGB image: left pixel (0.5, 0.2, 0.1), right pixel (1, 0, 0). */
    static INDArray image() {
        return Nd4j.create(new float[] {0.5f, 1f, 0.2f, 0f, 0.1f, 0f}, new long[] {1, 3, 1, 2}, 'c');
    }

    @Test
    void eachNormalisationMapsValuesAsDocumented() {
        INDArray x = image();
        assertThat(new InputAdapter(Normalisation.UNIT, false).adapt(x)).isSameAs(x);
        INDArray signed = new InputAdapter(Normalisation.SIGNED, false).adapt(x);
        assertThat(signed.getDouble(0, 0, 0, 0)).isCloseTo(0.0, within(1e-6));
        assertThat(signed.getDouble(0, 0, 0, 1)).isCloseTo(1.0, within(1e-6));
        INDArray caffe = new InputAdapter(Normalisation.CAFFE, false).adapt(x);
        assertThat(caffe.getDouble(0, 0, 0, 0)).as("B first").isCloseTo(0.1 * 255 - 103.939, within(1e-3));
        assertThat(caffe.getDouble(0, 2, 0, 0)).as("R last").isCloseTo(0.5 * 255 - 123.68, within(1e-3));
        INDArray vgg = new InputAdapter(Normalisation.VGG, false).adapt(x);
        assertThat(vgg.getDouble(0, 0, 0, 0)).as("R first").isCloseTo(0.5 * 255 - 123.68, within(1e-3));
        assertThat(vgg.getDouble(0, 2, 0, 0)).isCloseTo(0.1 * 255 - 103.939, within(1e-3));
        INDArray imagenet = new InputAdapter(Normalisation.IMAGENET, false).adapt(x);
        assertThat(imagenet.getDouble(0, 0, 0, 0)).isCloseTo((0.5 - 0.485) / 0.229, within(1e-5));
        assertThat(x.getDouble(0, 0, 0, 0)).as("input untouched").isEqualTo(0.5, within(1e-7));
    }

    @Test
    void channelsLastPermutesToNhwc() {
        INDArray nhwc = new InputAdapter(Normalisation.UNIT, true).adapt(image());
        assertThat(nhwc.shape()).containsExactly(1, 1, 2, 3);
        assertThat(nhwc.getDouble(0, 0, 0, 1)).isCloseTo(0.2, within(1e-6));
        assertThat(nhwc.getDouble(0, 0, 1, 0)).isCloseTo(1.0, within(1e-6));
    }
}
