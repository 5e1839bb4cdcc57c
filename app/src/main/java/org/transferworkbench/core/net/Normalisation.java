package org.transferworkbench.core.net;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The value range a pretrained net was trained on. The workbench keeps images in [0,1]; a net trained on another
 * range sees garbage unless the batch is mapped first. Nothing in a DL4J zip or a Keras file records this, so the
 * default is [0,1] (the workbench's own nets, most small Keras and DL4J examples) and the user states otherwise.
 */
public enum Normalisation {
    /** Values in [0,1]: workbench nets, Keras nets trained on x/255, DL4J's ImagePreProcessingScaler. */
    UNIT("unit", "[0,1]"),
    /** Values in [-1,1]: Keras "tf" mode (MobileNet, Inception, Xception). */
    SIGNED("signed", "[-1,1]"),
    /** Keras "caffe" mode (VGG16, ResNet50): BGR order, 0..255 minus the ImageNet channel means. */
    CAFFE("caffe", "BGR 0..255 minus ImageNet means"),
    /** DL4J's VGG16ImagePreProcessor (the zoo's VGG16/VGG19): RGB order, 0..255 minus the ImageNet channel means. */
    VGG("vgg", "RGB 0..255 minus ImageNet means"),
    /** PyTorch/torchvision style: RGB [0,1], minus ImageNet mean, divided by its standard deviation. */
    IMAGENET("imagenet", "RGB (x - ImageNet mean) / std");

    private static final double[] CAFFE_MEAN_BGR = {103.939, 116.779, 123.68};
    private static final double[] IMAGENET_MEAN = {0.485, 0.456, 0.406};
    private static final double[] IMAGENET_STD = {0.229, 0.224, 0.225};

    private final String id;
    private final String description;

    Normalisation(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public static Normalisation fromId(String id) {
        for (Normalisation n : values()) {
            if (n.id.equalsIgnoreCase(id)) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown normalisation '" + id
                + "' (one of unit, signed, caffe, vgg, imagenet)");
    }

    /** A new array (NCHW) in this range; the input is left alone. */
    INDArray apply(INDArray nchw) {
        switch (this) {
            case UNIT:
                return nchw;
            case SIGNED:
                return nchw.mul(2.0).subi(1.0);
            default:
                break;
        }
        long channels = nchw.size(1);
        INDArray out = Nd4j.createUninitialized(nchw.dataType(), nchw.shape(), 'c');
        for (int c = 0; c < channels; c++) {
            if (this == CAFFE || this == VGG) {
                // Source channel order is RGB; Caffe nets want BGR, so output channel c takes input channel 2-c.
                int from = channels == 3 && this == CAFFE ? 2 - c : c;
                double mean = channels != 3 ? 114.799 : this == CAFFE ? CAFFE_MEAN_BGR[c] : CAFFE_MEAN_BGR[2 - c];
                out.get(all(), point(c)).assign(nchw.get(all(), point(from)).mul(255.0).subi(mean));
            } else {
                double mean = channels == 3 ? IMAGENET_MEAN[c] : 0.449;
                double std = channels == 3 ? IMAGENET_STD[c] : 0.226;
                out.get(all(), point(c)).assign(nchw.get(all(), point(c)).sub(mean).divi(std));
            }
        }
        return out;
    }

    private static INDArrayIndex all() {
        return NDArrayIndex.all();
    }

    private static INDArrayIndex point(int i) {
        return NDArrayIndex.point(i);
    }
}
