package org.transferworkbench.core.pretrained;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rewrites channels-last (NHWC) layers, as Keras nets are imported, to channels-first (NCHW). Training a
 * channels-last convolution crashes the DL4J 1.0.0-M2.1 native library (a segmentation fault in the convolution's
 * backward pass, seen here with and without the oneDNN helpers), while its forward pass is fine; channels-first is
 * DL4J's native layout and trains. The one weight that depends on the layout is the dense layer after a flatten:
 * Keras flattens in (height, width, channel) order, DL4J channels-first in (channel, height, width), so its input
 * rows are permuted when it is copied ({@link #denseRowsToChannelsFirst}).
 */
final class ChannelsFirst {

    private ChannelsFirst() {
    }

    /** Sets every 2D layout field of a (cloned) layer to NCHW. */
    static void convert(Layer layer) {
        if (layer instanceof ConvolutionLayer c) {
            c.setCnn2dDataFormat(CNN2DFormat.NCHW);
        } else if (layer instanceof SubsamplingLayer s) {
            s.setCnn2dDataFormat(CNN2DFormat.NCHW);
        } else if (layer instanceof BatchNormalization b) {
            b.setCnn2DFormat(CNN2DFormat.NCHW);
        } else if (layer instanceof ZeroPaddingLayer z) {
            z.setDataFormat(CNN2DFormat.NCHW);
        } else if (layer instanceof Upsampling2D u) {
            u.setFormat(CNN2DFormat.NCHW);
        } else if (layer instanceof Cropping2D c) {
            c.setDataFormat(CNN2DFormat.NCHW);
        } else if (layer instanceof LocalResponseNormalization l) {
            l.setDataFormat(CNN2DFormat.NCHW);
        } else if (layer instanceof GlobalPoolingLayer g && Arrays.equals(g.getPoolingDimensions(),
                new int[] {1, 2})) {
            // Keras' global pooling over height and width of [batch, h, w, c]: channels-first, those are 2 and 3.
            g.setPoolingDimensions(new int[] {2, 3});
        }
    }

    /** A channels-first copy of a preprocessor (null stays null). */
    static InputPreProcessor convert(InputPreProcessor pre) {
        if (pre instanceof CnnToFeedForwardPreProcessor p && p.getFormat() == CNN2DFormat.NHWC) {
            return new CnnToFeedForwardPreProcessor(p.getInputHeight(), p.getInputWidth(), p.getNumChannels(),
                    CNN2DFormat.NCHW);
        }
        return pre == null ? null : pre.clone();
    }

    /** The flatten that feeds a dense layer in channels-last order, or null if there is none. */
    static CnnToFeedForwardPreProcessor channelsLastFlatten(InputPreProcessor pre) {
        return pre instanceof CnnToFeedForwardPreProcessor p && p.getFormat() == CNN2DFormat.NHWC ? p : null;
    }

    /** W [h*w*c, nOut] with rows in (h, w, c) order -> rows in (c, h, w) order. */
    static INDArray denseRowsToChannelsFirst(INDArray w, CnnToFeedForwardPreProcessor flatten) {
        long h = flatten.getInputHeight();
        long wd = flatten.getInputWidth();
        long c = flatten.getNumChannels();
        long nOut = w.size(1);
        return w.dup('c').reshape('c', h, wd, c, nOut).permute(2, 0, 1, 3).dup('c').reshape('c', c * h * wd, nOut);
    }
}
