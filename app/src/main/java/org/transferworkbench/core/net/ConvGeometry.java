package org.transferworkbench.core.net;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;

/**
 * The shape of one 2-d convolution over NCHW planes, and its windows as a matrix ({@link #patches}): a row per
 * (image, output row, output column) and a column per (input channel, kernel row, kernel column), so that the
 * gradient at the layer's outputs ([out channels, images * positions]) times it is the gradient of the weights for
 * the whole batch.
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

    /** Values in one window (columns of the patches matrix). */
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
     * Fills {@code patches} ([images * positions, rows], row-major: a row per output position of each image, holding
     * the input values its window covers, channel by channel, kernel row by kernel row) from {@code images} images of
     * {@code x} (NCHW, row-major), zero where a window reaches over the padding.
     *
     * <p>Position-major rather than im2col's usual [rows, positions]: OpenBLAS multiplies the first convolution's
     * gradient for a batch of 64 ([32, 36864]) by this matrix in 1.1-1.4 ms here, and by the transpose of im2col's
     * matrix in 1.8-2.5 ms (measured side by side, one thread).
     */
    void patches(float[] x, float[] patches, int images) {
        int rows = rows();
        int[] lo = new int[kw];
        int[] hi = new int[kw];
        for (int kx = 0; kx < kw; kx++) {
            lo[kx] = firstInside(kx);
            hi[kx] = Math.max(lo[kx], endInside(kx));
        }
        // One window value (channel, kernel row, kernel column) for all the positions of an output row at a time: a
        // strided loop of a few dozen steps, where a loop over one window row (a few values) per position ran about 20%
        // slower.
        for (int i = 0; i < images; i++) {
            for (int oy = 0; oy < oh; oy++) {
                int first = (i * oh + oy) * ow * rows;
                for (int c = 0; c < channels; c++) {
                    int plane = (i * channels + c) * h * w;
                    for (int ky = 0; ky < kh; ky++) {
                        int y = oy * sy + ky - py;
                        for (int kx = 0; kx < kw; kx++) {
                            int at = first + (c * kh + ky) * kw + kx;
                            if (y < 0 || y >= h) {
                                zero(patches, at, rows, 0, ow);
                            } else {
                                zero(patches, at, rows, 0, lo[kx]);
                                gather(x, plane + y * w + kx - px, patches, at, rows, lo[kx], hi[kx]);
                                zero(patches, at, rows, hi[kx], ow);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void zero(float[] a, int at, int stride, int from, int to) {
        for (int ox = from; ox < to; ox++) {
            a[at + ox * stride] = 0f;
        }
    }

    private void gather(float[] x, int src, float[] dst, int at, int stride, int from, int to) {
        for (int ox = from; ox < to; ox++) {
            dst[at + ox * stride] = x[src + ox * sx];
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
