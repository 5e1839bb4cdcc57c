package org.transferworkbench.core.train;

import java.util.Random;

/**
 * Training-time augmentation for small image folders: each image shifted by up to 1/8 of its side in x and y (edges
 * repeated, so no black border appears on white drawings) and flipped left-right half of the time. Drawn anew for
 * every image in every epoch from the run's seed, so a run is repeatable.
 */
public final class Augmentation {

    private Augmentation() {
    }

    /**
     * Augments {@code count} images of shape [channels, height, width] stored one after another in {@code batch}, in
     * place.
     */
    public static void shiftAndFlip(float[] batch, int count, int[] shape, Random random) {
        int channels = shape[0];
        int h = shape[1];
        int w = shape[2];
        int plane = h * w;
        int per = channels * plane;
        int maxShift = Math.max(1, Math.min(h, w) / 8);
        float[] image = new float[per];
        for (int e = 0; e < count; e++) {
            int dx = random.nextInt(2 * maxShift + 1) - maxShift;
            int dy = random.nextInt(2 * maxShift + 1) - maxShift;
            boolean flip = random.nextBoolean();
            int offset = e * per;
            System.arraycopy(batch, offset, image, 0, per);
            for (int y = 0; y < h; y++) {
                int sy = clamp(y - dy, h);
                for (int x = 0; x < w; x++) {
                    int sx = clamp((flip ? w - 1 - x : x) - dx, w);
                    for (int c = 0; c < channels; c++) {
                        batch[offset + c * plane + y * w + x] = image[c * plane + sy * w + sx];
                    }
                }
            }
        }
    }

    private static int clamp(int v, int size) {
        return v < 0 ? 0 : v >= size ? size - 1 : v;
    }
}
