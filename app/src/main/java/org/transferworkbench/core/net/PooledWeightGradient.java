package org.transferworkbench.core.net;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The gradient of a first convolution's weights and bias computed from the gradient at the output of the 2x2 max
 * pooling (stride 2) above it, without spreading that gradient over the convolution's output.
 *
 * <p>Why it is smaller: a window's gradient reaches one output of the convolution, the window's largest, which sits
 * at one of four offsets (row and column 0 or 1 inside the window). For the windows whose largest sits at offset
 * (dy, dx), the input value that a weight (ky, kx) of input channel c multiplied is
 * {@code x[c][2 r sy + dy sy + ky - py][2 q sx + dx sx + kx - px]} for window (r, q): a value of one of
 * (sy + kh) x (sx + kw) planes per input channel, each sampled on the windows' grid ({@link #sample}). So, with
 * {@code G} the pooled gradient split by offset ([4 x outChannels, windows]: four rows per output channel, zero where
 * a window's largest sits elsewhere) and {@code S} those planes ([windows, planes]), one product {@code G S} holds
 * every sum the weights' gradient needs: the gradient of weight (co, c, ky, kx) adds, over the four offsets, the
 * product's value at (offset, co) and plane (c, dy sy + ky, dx sx + kx). For the sweep's CNN (28x28 gray images, 5x5,
 * 32 channels, batch 64) the product is [128, 9216] x [9216, 36], 42 million multiply-adds against 29 million for the
 * plain backward pass's [32, 36864] x [36864, 25]; what it saves is the passes over the convolution's output: the
 * pooling no longer spreads its gradient over it, and nothing reads it back (README: Speed).
 */
final class PooledWeightGradient {

    private final ConvGeometry g;
    private final int images;
    private final int outChannels;
    /** The pooled planes' height and width, and the planes per input channel (sy + kh) x (sx + kw). */
    private final int ph;
    private final int pw;
    private final int rowsA;
    private final int colsB;

    PooledWeightGradient(ConvGeometry g, int images, int outChannels, int ph, int pw) {
        this.g = g;
        this.images = images;
        this.outChannels = outChannels;
        this.ph = ph;
        this.pw = pw;
        this.rowsA = g.sy() + g.kh();
        this.colsB = g.sx() + g.kw();
    }

    /** Windows of the batch: columns of {@code G}, rows of {@code S}. */
    private int windows() {
        return images * ph * pw;
    }

    /** Sampled planes: columns of {@code S}. */
    private int planes() {
        return g.channels() * rowsA * colsB;
    }

    /** Values in {@code S}, the larger of the two matrices where strides are large. */
    long sampledValues() {
        return (long) planes() * windows();
    }

    /**
     * The weights' gradient ([outChannels][channels][kh][kw], row-major) into {@code weights} and the bias's into
     * {@code bias}, from the images {@code x} (NCHW) and the pooling's gradient and largest values {@code p}.
     *
     * @param relu true if the convolution's activation is ReLU: a window whose largest value is not positive passes
     *             no gradient (the identity passes every one)
     */
    void compute(float[] x, FirstConvolution.PooledGradient p, boolean relu, float[] weights, float[] bias) {
        int n = windows();
        int rows = 4 * outChannels;
        float[] split = LeanLayers.scratch(2, rows * n);
        split(p, relu, split, bias);
        INDArray gradientMatrix = LeanLayers.nativeMatrix(1, rows, n);
        gradientMatrix.data().asNioFloat().put(0, split, 0, rows * n);

        float[] sampled = LeanLayers.scratch(1, planes() * n);
        sample(x, sampled);
        INDArray planeMatrix = LeanLayers.nativeMatrix(0, n, planes());
        planeMatrix.data().asNioFloat().put(0, sampled, 0, planes() * n);

        // [rows, windows] x [windows, planes]: OpenBLAS ran this product in 0.6 ms, and the same with the planes
        // matrix transposed ([planes, windows], which is simpler to fill) in 1.2 ms (one thread, side by side).
        INDArray sums = LeanLayers.nativeMatrix(2, rows, planes());
        Nd4j.gemm(gradientMatrix, planeMatrix, sums, false, false, 1.0, 0.0);
        float[] s = new float[rows * planes()];
        FloatBuffer b = sums.data().asNioFloat();
        b.get(0, s, 0, s.length);
        gather(s, weights);
    }

    /**
     * {@code G}: row (offset, co), column (image, window): the window's gradient in the row of the offset of its
     * largest value, zero in the other three; {@code bias} gets each channel's sum. Without branches: the offset is
     * an index, and ReLU's derivative a factor of 0 or 1 ({@link FirstConvolution#POSITIVE}).
     */
    private void split(FirstConvolution.PooledGradient p, boolean relu, float[] out, float[] bias) {
        int n = windows();
        int perImage = ph * pw;
        Arrays.fill(out, 0, 4 * outChannels * n, 0f);
        float[] d = p.gradient();
        byte[] largest = p.largest();
        int positiveShift = Integer.numberOfTrailingZeros(FirstConvolution.POSITIVE);
        double[] sums = new double[outChannels];
        for (int i = 0; i < images; i++) {
            for (int co = 0; co < outChannels; co++) {
                int k = (i * outChannels + co) * perImage;
                int column = i * perImage;
                float sum = 0f;
                for (int q = 0; q < perImage; q++, k++) {
                    int code = largest[k];
                    float v = relu ? d[k] * ((code >> positiveShift) & 1) : d[k];
                    out[((code & 3) * outChannels + co) * n + column + q] = v;
                    sum += v;
                }
                sums[co] += sum;
            }
        }
        for (int co = 0; co < outChannels; co++) {
            bias[co] = (float) sums[co];
        }
    }

    /**
     * {@code S}: row (image, window (r, q)), column (input channel c, a, b): the input value at row
     * {@code 2 r sy + a - py}, column {@code 2 q sx + b - px}, zero in the padding.
     */
    private void sample(float[] x, float[] out) {
        if (windowsInside()) {
            sampleInside(x, out);
            return;
        }
        int at = 0;
        for (int i = 0; i < images; i++) {
            for (int r = 0; r < ph; r++) {
                for (int q = 0; q < pw; q++) {
                    for (int c = 0; c < g.channels(); c++) {
                        int plane = (i * g.channels() + c) * g.h() * g.w();
                        for (int a = 0; a < rowsA; a++) {
                            int y = 2 * r * g.sy() + a - g.py();
                            boolean rowInside = y >= 0 && y < g.h();
                            int x0 = 2 * q * g.sx() - g.px();
                            for (int b = 0; b < colsB; b++) {
                                int xc = x0 + b;
                                out[at++] = rowInside && xc >= 0 && xc < g.w() ? x[plane + y * g.w() + xc] : 0f;
                            }
                        }
                    }
                }
            }
        }
    }

    /** True if no window's samples reach into the padding or past the input (the sweep's CNN: no padding). */
    private boolean windowsInside() {
        return g.py() == 0 && g.px() == 0 && 2 * (ph - 1) * g.sy() + rowsA <= g.h()
                && 2 * (pw - 1) * g.sx() + colsB <= g.w();
    }

    /**
     * {@link #sample} where {@link #windowsInside}: each window's rows copied without the bounds tests, which cost
     * a branch per value (0.9 ms a batch of the sweep's CNN, a sixth of the first convolution's backward pass).
     */
    private void sampleInside(float[] x, float[] out) {
        int at = 0;
        int w = g.w();
        for (int i = 0; i < images; i++) {
            for (int r = 0; r < ph; r++) {
                for (int q = 0; q < pw; q++) {
                    for (int c = 0; c < g.channels(); c++) {
                        int from = (i * g.channels() + c) * g.h() * w + 2 * r * g.sy() * w + 2 * q * g.sx();
                        for (int a = 0; a < rowsA; a++, from += w, at += colsB) {
                            System.arraycopy(x, from, out, at, colsB);
                        }
                    }
                }
            }
        }
    }

    /** Each weight's gradient: the sum over the four offsets of the product's value for its plane. */
    private void gather(float[] s, float[] weights) {
        int planes = planes();
        for (int co = 0; co < outChannels; co++) {
            for (int c = 0; c < g.channels(); c++) {
                for (int ky = 0; ky < g.kh(); ky++) {
                    for (int kx = 0; kx < g.kw(); kx++) {
                        float sum = 0f;
                        for (int offset = 0; offset < 4; offset++) {
                            int a = (offset >> 1) * g.sy() + ky;
                            int b = (offset & 1) * g.sx() + kx;
                            sum += s[(offset * outChannels + co) * planes + (c * rowsA + a) * colsB + b];
                        }
                        weights[((co * g.channels() + c) * g.kh() + ky) * g.kw() + kx] = sum;
                    }
                }
            }
        }
    }
}
