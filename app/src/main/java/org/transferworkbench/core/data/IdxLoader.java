package org.transferworkbench.core.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reads the MNIST / Fashion-MNIST layout: a folder with {@code train-images-idx3-ubyte},
         {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte} (each optionally gzipped,
         {@code test-} accepted for
 * {@code t10k-}), plus an optional {@code classes.txt} with one class name per line.
 */
public final class IdxLoader {

    private static final int IMAGES_MAGIC = 2051;
    private static final int LABELS_MAGIC = 2049;

    private IdxLoader() {
    }

    public static boolean looksLikeIdx(Path folder) {
        return find(folder, "train-images").isPresent();
    }

    public static Dataset load(Path folder, LoadOptions options) {
        MessageDigest digest = Fingerprint.newDigest();
        digest.update(("idx|" + options.imageSize() + "|" + options.channels()).getBytes(StandardCharsets.UTF_8));
        Raw train = readPair(folder, "train", digest);
        Raw test = readPair(folder, "t10k", digest);
        int numClasses = Math.max(max(train.labels), max(test.labels)) + 1;
        List<String> names = classNames(folder, numClasses);
        int size = options.imageSize() == 0 ? train.height : options.imageSize();
        int channels = options.channels() == 0 ? 1 : options.channels();
        InputShape shape = new InputShape(channels, size, (int) Math.round(size * (double) train.width / train.height));
        TensorSet trainAll = toTensors(train, shape, numClasses);
        TensorSet testSet = toTensors(test, shape, numClasses);
        TensorSet[] valAndTrain = Partitioner.holdOut(trainAll, options.validationFraction(), options.partitionSeed());
        return new Dataset(folder.getFileName().toString(), folder.toString(), "idx", names, shape,
                valAndTrain[1], valAndTrain[0], testSet, Fingerprint.hex(digest), List.of());
    }

    private record Raw(byte[] pixels, int[] labels, int height, int width) {
    }

    /**
     * The first {@code limit} images of the training ({@code train=true}) or test file, in file order, at native size
     * and 10 classes: what the speed benchmark feeds both DL4J and PyTorch.
     */
    public static TensorSet readInFileOrder(Path folder, boolean train, int limit) {
        Raw raw = readPair(folder, train ? "train" : "t10k", Fingerprint.newDigest());
        int n = Math.min(limit, raw.labels.length);
        int per = raw.height * raw.width;
        byte[] pixels = Arrays.copyOf(raw.pixels, n * per);
        int[] labels = Arrays.copyOf(raw.labels, n);
        int classes = Math.max(10, max(labels) + 1);
        return toTensors(new Raw(pixels, labels, raw.height, raw.width), new InputShape(1, raw.height, raw.width),
                classes);
    }

    private static Raw readPair(Path folder, String prefix, MessageDigest digest) {
        String alt = prefix.equals("t10k") ? "test" : prefix;
        Path images = find(folder, prefix + "-images").or(() -> find(folder, alt + "-images"))
                .orElseThrow(() -> new DataException(folder + ": no " + prefix + "-images-idx3-ubyte[.gz] file"));
        Path labels = find(folder, prefix + "-labels").or(() -> find(folder, alt + "-labels"))
                .orElseThrow(() -> new DataException(folder + ": no " + prefix + "-labels-idx1-ubyte[.gz] file"));
        byte[] imageBytes = read(images, digest);
        byte[] labelBytes = read(labels, digest);
        if (imageBytes.length < 16 || readInt(imageBytes, 0) != IMAGES_MAGIC) {
            throw new DataException(images + ": not an IDX image file (magic number is not 2051)");
        }
        if (labelBytes.length < 8 || readInt(labelBytes, 0) != LABELS_MAGIC) {
            throw new DataException(labels + ": not an IDX label file (magic number is not 2049)");
        }
        int n = readInt(imageBytes, 4);
        int rows = readInt(imageBytes, 8);
        int cols = readInt(imageBytes, 12);
        if (n < 0 || rows < 1 || cols < 1 || imageBytes.length < 16L + (long) n * rows * cols) {
            throw new DataException(images + ": truncated (header says " + n + " images of " + rows + "x" + cols + ")");
        }
        int nLabels = readInt(labelBytes, 4);
        if (nLabels != n || labelBytes.length < 8 + n) {
            throw new DataException(labels + ": holds " + nLabels + " labels for " + n + " images");
        }
        int[] lab = new int[n];
        for (int i = 0; i < n; i++) {
            lab[i] = labelBytes[8 + i] & 0xff;
        }
        byte[] pixels = new byte[n * rows * cols];
        System.arraycopy(imageBytes, 16, pixels, 0, pixels.length);
        return new Raw(pixels, lab, rows, cols);
    }

    private static TensorSet toTensors(Raw raw, InputShape shape, int numClasses) {
        int n = raw.labels.length;
        int per = shape.channels() * shape.height() * shape.width();
        long values = (long) n * per;
        if (values > Integer.MAX_VALUE - 8) {
            // One Java array holds a set: 9,000 images of 512x512x3 would need 7 billion values.
            throw new DataException(String.format(Locale.ROOT,
                    "%d images of %s are %d values, more than one array holds; use a "
                    + "smaller --image-size or 1 channel", n, shape, values));
        }
        float[] data = new float[(int) values];
        int rawPer = raw.height * raw.width;
        boolean sameSize = shape.height() == raw.height && shape.width() == raw.width;
        for (int i = 0; i < n; i++) {
            if (sameSize) {
                for (int c = 0; c < shape.channels(); c++) {
                    int base = i * per + c * rawPer;
                    for (int p = 0; p < rawPer; p++) {
                        data[base + p] = (raw.pixels[i * rawPer + p] & 0xff) / 255f;
                    }
                }
            } else {
                ImageConversion.toChw(ImageConversion.grayImage(raw.pixels, i * rawPer, raw.width, raw.height),
                        shape, data, i * per);
            }
        }
        return new TensorSet(shape.toArray(), data, raw.labels, numClasses);
    }

    private static List<String> classNames(Path folder, int numClasses) {
        Path file = folder.resolve("classes.txt");
        List<String> names = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        names.add(line.strip());
                    }
                }
            } catch (IOException e) {
                throw new DataException(file + ": cannot read (" + e.getMessage() + ")", e);
            }
            if (names.size() != numClasses) {
                throw new DataException(file + ": lists " + names.size() + " names but the labels have "
                        + numClasses + " classes");
            }
            return names;
        }
        for (int i = 0; i < numClasses; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    private static Optional<Path> find(Path folder, String stem) {
        for (String suffix : new String[] {"-idx3-ubyte.gz", "-idx1-ubyte.gz", "-idx3-ubyte", "-idx1-ubyte"}) {
            Path p = folder.resolve(stem + suffix);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static byte[] read(Path file, MessageDigest digest) {
        try {
            byte[] raw = Files.readAllBytes(file);
            digest.update(raw);
            if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4);
                    in.transferTo(out);
                    return out.toByteArray();
                }
            }
            return raw;
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static int readInt(byte[] b, int offset) {
        return ((b[offset] & 0xff) << 24) | ((b[offset + 1] & 0xff) << 16) | ((b[offset + 2] & 0xff) << 8)
                | (b[offset + 3] & 0xff);
    }

    private static int max(int[] values) {
        int m = -1;
        for (int v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
