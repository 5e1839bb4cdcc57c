package org.transferworkbench.core.data;

/**
 * How to turn files into tensors.
 *
 * @param imageSize          side of the square input images are resized to; 0 = keep the data's own size (IDX) or
 *                           32 (folders)
 * @param channels           1 (gray), 3 (RGB) or 0 = decide from the data (gray only if every image is gray)
 * @param validationFraction share of the training data held out for validation when the data has no validation part
 * @param testFraction       share held out for testing when the data has no test part
 * @param partitionSeed      seed of those hold-outs; fixed by default so partitions are the same on every machine
 * @param resize             how non-square images are fitted to the square input
 * @param memoryBudgetBytes  what decoded images may take; 0 = a third of the Java heap. Above it, images are loaded
 *                           smaller, then fewer per class, and the dataset's notes say so
 */
public record LoadOptions(int imageSize, int channels, double validationFraction, double testFraction,
                          long partitionSeed, ResizeRule resize, long memoryBudgetBytes) {

    public static final int DEFAULT_FOLDER_IMAGE_SIZE = 32;

    public LoadOptions {
        if (imageSize != 0 && (imageSize < 8 || imageSize > 512)) {
            throw new IllegalArgumentException("image size must be 0 (auto) or 8..512, not " + imageSize);
        }
        if (channels != 0 && channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 0 (auto), 1 or 3, not " + channels);
        }
        if (validationFraction <= 0 || validationFraction >= 0.5 || testFraction <= 0 || testFraction >= 0.5) {
            throw new IllegalArgumentException("validation and test fractions must be in (0, 0.5)");
        }
        if (resize == null) {
            resize = ResizeRule.DEFAULT;
        }
        if (memoryBudgetBytes < 0) {
            throw new IllegalArgumentException("memory budget must be >= 0");
        }
    }

    public static LoadOptions defaults() {
        return new LoadOptions(0, 0, 0.1, 0.2, 0L, ResizeRule.DEFAULT, 0);
    }

    public LoadOptions withImageSize(int size) {
        return new LoadOptions(size, channels, validationFraction, testFraction, partitionSeed, resize,
                memoryBudgetBytes);
    }

    public LoadOptions withChannels(int c) {
        return new LoadOptions(imageSize, c, validationFraction, testFraction, partitionSeed, resize,
                memoryBudgetBytes);
    }

    public LoadOptions withResize(ResizeRule rule) {
        return new LoadOptions(imageSize, channels, validationFraction, testFraction, partitionSeed, rule,
                memoryBudgetBytes);
    }

    public LoadOptions withMemoryBudget(long bytes) {
        return new LoadOptions(imageSize, channels, validationFraction, testFraction, partitionSeed, resize, bytes);
    }

    /** The budget in effect: the stated one, or a third of the heap (the rest is for training and the window). */
    public long effectiveMemoryBudget() {
        return memoryBudgetBytes > 0 ? memoryBudgetBytes : Runtime.getRuntime().maxMemory() / 3;
    }
}
