package org.transferworkbench.core.net;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;

/**
 * The shape of one 2-d convolution over NCHW planes, and its im2col: a matrix with a row per (input channel, kernel
 * row, kernel column) and a column per (image, output row, output column), so that a product with the gradient at
 * the layer's outputs ([out channels, images * positions]) is the gradient of the weights for the whole batch.
 */
record ConvGeometry(int channels, int h, int w, int kh, int kw, int sy, int sx, int py, int px, int oh, int ow) {

    /**
     * The geometry of {@code conf} over {@code h} x {@code w} inputs with {@code channels} channels, the padding and
     * output size as DL4J computes them (Truncate: the explicit padding; Same, at stride 1 with odd kernels only: half
     * the kernel), or null where the output would be empty.
     */
    static ConvGeometry of(ConvolutionLayer conf, int channels, int h, int w) {
        int[] k = conf.getKernelSize();
        int[] s = conf.getStride();
        boolean same = conf.getConvolutionMode() == ConvolutionMode.Same;
        int py = same ? (k[0] - 1) / 2 : conf.getPadding()[0];
        int px = same ? (k[1] - 1) / 2 : conf.getPadding()[1];
        int oh = same ? h : (h + 2 * py - k[0]) / s[0] + 1;
        int ow = same ? w : (w + 2 * px - k[1]) / s[1] + 1;
        return oh < 1 || ow < 1 ? null : new ConvGeometry(channels, h, w, k[0], k[1], s[0], s[1], py, px, oh, ow);
    }

    /** Rows of the im2col matrix. */
    int rows() {
        return channels * kh * kw;
    }

    /** Output positions per image. */
    int positions() {
        return oh * ow;
    }

    /** Input values per image. */
    int imageSize() {
        return channels * h * w;
    }

    /**
     * Fills {@code cols} ([rows, images * positions], row-major) from {@code images} images of {@code x} (NCHW,
     * row-major), zero where a window reaches over the padding.
     */
    void im2col(float[] x, float[] cols, int images) {
        int width = images * positions();
        for (int c = 0; c < channels; c++) {
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    int row = ((c * kh + ky) * kw + kx) * width;
                    int lo = firstInside(kx);
                    int hi = Math.max(lo, endInside(kx));
                    for (int i = 0; i < images; i++) {
                        int plane = (i * channels + c) * h * w;
                        for (int oy = 0; oy < oh; oy++) {
                            int y = oy * sy + ky - py;
                            int dst = row + i * positions() + oy * ow;
                            if (y < 0 || y >= h) {
                                zero(cols, dst, ow);
                            } else {
                                int src = plane + y * w + kx - px;
                                zero(cols, dst, lo);
                                copy(x, src, cols, dst, lo, hi);
                                zero(cols, dst + hi, ow - hi);
                            }
                        }
                    }
                }
            }
        }
    }

    // Short loops as small methods: the JIT compiles and unrolls them on their own (output rows here are a few dozen
    // values at most, too short for Arrays.fill and System.arraycopy, whose calls cost more than the copying).
    private static void zero(float[] a, int from, int n) {
        for (int j = 0; j < n; j++) {
            a[from + j] = 0f;
        }
    }

    private void copy(float[] x, int src, float[] cols, int dst, int lo, int hi) {
        if (sx == 1) {
            for (int ox = lo; ox < hi; ox++) {
                cols[dst + ox] = x[src + ox];
            }
        } else {
            for (int ox = lo; ox < hi; ox++) {
                cols[dst + ox] = x[src + ox * sx];
            }
        }
    }

    /** The first output column whose window column {@code kx} falls inside the input. */
    private int firstInside(int kx) {
        int lo = 0;
        while (lo < ow && lo * sx + kx - px < 0) {
            lo++;
        }
        return lo;
    }

    /** One past the last output column whose window column {@code kx} falls inside the input. */
    private int endInside(int kx) {
        int hi = ow;
        while (hi > 0 && (hi - 1) * sx + kx - px >= w) {
            hi--;
        }
        return hi;
    }
}
