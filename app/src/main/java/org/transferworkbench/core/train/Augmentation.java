package org.transferworkbench.core.train;

import java.util.Random;
import org.transferworkbench.core.net.Recipe;

/**
 * Training-time augmentation for small image folders: each image shifted by up to 1/8 of its side in x and y (edges
 * repeated, so no black border appears on white drawings) and flipped left-right half of the time.
 *
 * <p>Every training image has {@link #VIEWS} fixed views: view 0 is the image itself, views 1.. are shifted and
 * flipped, each fixed by the image's index and the view's number alone. Every epoch shows each image as one of its
 * views, drawn from the run's seed. Fixed views let a frozen run train on the frozen layers' activations of every
 * view, computed once, and still see exactly the inputs a run through the frozen layers sees; every condition of a
 * sweep draws from the same views (the paper's fairness: one rule for all).
 */
public final class Augmentation {

    /** Views per training image: 8 views x ~300 images gives 2,400 distinct inputs to a small folder's nets. */
    public static final int VIEWS = Recipe.AUGMENT_VIEWS;

    private Augmentation() {
    }

    /** The view of {@code example} an epoch of the run seeded {@code seed} shows: 0..{@link #VIEWS}-1. */
    public static int viewOf(long seed, int epoch, int example) {
        return (int) Long.remainderUnsigned(mix(mix(seed, epoch), example), VIEWS);
    }

    /**
     * Turns the image of {@code example} at {@code offset} in {@code buffer} (shape [channels, height, width]) into
     * its view {@code view}, in place; view 0 leaves it as it is.
     */
    public static void applyView(float[] buffer, int offset, int[] shape, int example, int view) {
        if (view == 0) {
            return;
        }
        shiftAndFlip(buffer, offset, shape, new Random(mix(mix(0x5eedL, example), view)),
                new float[shape[0] * shape[1] * shape[2]]);
    }

    /** SplitMix64's finaliser over two values: views differ for neighbouring indices and seeds. */
    private static long mix(long a, long b) {
        long h = a * 0x9E3779B97F4A7C15L + b;
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    /**
     * Augments {@code count} images of shape [channels, height, width] stored one after another in {@code batch}, in
     * place.
     */
    public static void shiftAndFlip(float[] batch, int count, int[] shape, Random random) {
        int per = shape[0] * shape[1] * shape[2];
        float[] image = new float[per];
        for (int e = 0; e < count; e++) {
            shiftAndFlip(batch, e * per, shape, random, image);
        }
    }

    private static void shiftAndFlip(float[] batch, int offset, int[] shape, Random random, float[] image) {
        int channels = shape[0];
        int h = shape[1];
        int w = shape[2];
        int plane = h * w;
        int maxShift = Math.max(1, Math.min(h, w) / 8);
        int dx = random.nextInt(2 * maxShift + 1) - maxShift;
        int dy = random.nextInt(2 * maxShift + 1) - maxShift;
        boolean flip = random.nextBoolean();
        System.arraycopy(batch, offset, image, 0, channels * plane);
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

    private static int clamp(int v, int size) {
        return v < 0 ? 0 : v >= size ? size - 1 : v;
    }
}
