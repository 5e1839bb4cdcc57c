package org.transferworkbench.core.net;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A convolution's output stored channels-last (NHWC) and handed on as an NCHW view of that memory.
 *
 * <p>Why: oneDNN's convolutions on AVX-512 (brgconv) compute NHWC, and DL4J asks them for NCHW, so every call reordered
 * its output array into NHWC before the convolution (the old contents, overwritten right after) and the result back
 * to NCHW (README: Speed). The view is read correctly by every DL4J layer (by its strides) and in bulk by the
 * workbench's ({@link LeanLayers#readPlanes}, {@link JavaMaxPooling}). Used for the first convolution, whose output
 * goes to the pooling's loop. Tried for the second and third convolutions too, with the pooling handing on
 * channels-last: no faster (their backward passes, from strided inputs, lost what the forward passes gained: README).
 */
final class ChannelsLast {

    private ChannelsLast() {
    }

    /** True if {@code a} (4-d, NCHW shape) is the view of a dense channels-last array. */
    static boolean is(INDArray a) {
        if (a == null || a.rank() != 4) {
            return false;
        }
        long[] st = a.stride();
        long c = a.size(1);
        return c > 1 && st[1] == 1 && st[3] == c && st[2] == a.size(3) * c && st[0] == a.size(2) * st[2];
    }

    /**
     * The geometry of {@code layer}'s forward pass over {@code input} where this class's convolution covers it
     * (float, no mask, dropout or weight noise, dilation 1, Truncate, or Same at stride 1 with odd kernels, sizes
     * within {@code maxValues}), else null.
     */
    static ConvGeometry geometry(ConvolutionLayer layer, INDArray input, long maxValues) {
        var c = layer.layerConf();
        if (input == null || input.dataType() != DataType.FLOAT || input.rank() != 4 || layer.getMaskArray() != null
                || input.size(1) != c.getNIn() || input.length() > maxValues || c.getIDropout() != null
                || c.getWeightNoise() != null
                || c.getCnn2dDataFormat() != CNN2DFormat.NCHW || !Arrays.equals(c.getDilation(), new int[] {1, 1})
                || !(c.getConvolutionMode() == ConvolutionMode.Truncate
                        || c.getConvolutionMode() == ConvolutionMode.Same
                                && Arrays.equals(c.getStride(), new int[] {1, 1})
                                && c.getKernelSize()[0] % 2 == 1 && c.getKernelSize()[1] % 2 == 1)) {
            return null;
        }
        ConvGeometry g = ConvGeometry.of(c, (int) input.size(1), (int) input.size(2), (int) input.size(3));
        return g != null && input.size(0) * g.positions() * c.getNOut() <= maxValues ? g : null;
    }

    /**
     * {@code layer}'s forward pass as libnd4j's {@code conv2d} on channels-last arrays (explicit padding, weights as
     * DL4J keeps them, [out, in, kh, kw]), the activation applied in place; returned as an NCHW view. The input is
     * used as it is where it is channels-last or has one channel (the same memory either way), else copied once.
     */
    static INDArray convolve(ConvolutionLayer layer, INDArray input, ConvGeometry g, boolean training,
                             LayerWorkspaceMgr workspaceMgr) {
        long images = input.size(0);
        INDArray src;
        if (is(input)) {
            src = input.permute(0, 2, 3, 1);
        } else if (g.channels() == 1) {
            src = input.reshape('c', images, g.h(), g.w(), 1);
        } else {
            src = input.permute(0, 2, 3, 1).dup('c');
        }
        var c = layer.layerConf();
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[] {images, g.oh(), g.ow(), c.getNOut()}, 'c');
        INDArray weights = layer.getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray[] inputs = c.hasBias()
                ? new INDArray[] {src, weights, layer.getParam(ConvolutionParamInitializer.BIAS_KEY)}
                : new INDArray[] {src, weights};
        // kh, kw, stride, padding, dilation 1, explicit padding (0), NHWC (1), weights [out, in, kh, kw] (1).
        Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(inputs).addOutputs(z)
                .addIntegerArguments(g.kh(), g.kw(), g.sy(), g.sx(), g.py(), g.px(), 1, 1, 0, 1, 1).build());
        return c.getActivationFn().getActivation(z, training).permute(0, 3, 1, 2);
    }
}
