package org.transferworkbench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.data.InputShape;
import org.transferworkbench.core.data.TensorSet;

/**
 * Tiny, learnable synthetic images for tests: class c is a bright 5x5 square at a class-specific position plus a
 * class-specific stripe, on noise. A small CNN separates them in an epoch or two.
 */
public final class Synthetic {

    private Synthetic() {
    }

    public static byte[] image(int cls, int size, Random random) {
        byte[] px = new byte[size * size];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) random.nextInt(60);
        }
        int cells = 3;
        int cx = (cls % cells) * (size - 6) / (cells - 1) + random.nextInt(2);
        int cy = ((cls / cells) % cells) * (size - 6) / (cells - 1) + random.nextInt(2);
        for (int y = cy; y < Math.min(size, cy + 5); y++) {
            for (int x = cx; x < Math.min(size, cx + 5); x++) {
                px[y * size + x] = (byte) 230;
            }
        }
        int row = (cls * 3) % size;
        for (int x = 0; x < size; x++) {
            px[row * size + x] = (byte) 160;
        }
        return px;
    }

    public static TensorSet tensors(int classes, int perClass, int size, long seed) {
        Random random = new Random(seed);
        int n = classes * perClass;
        float[] data = new float[n * size * size];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int cls = i % classes;
            byte[] px = image(cls, size, random);
            for (int p = 0; p < px.length; p++) {
                data[i * px.length + p] = (px[p] & 0xff) / 255f;
            }
            labels[i] = cls;
        }
        return new TensorSet(new int[] {1, size, size}, data, labels, classes);
    }

    public static Dataset dataset(int classes, int trainPerClass, int size, long seed) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class" + c);
        }
        return new Dataset("synthetic", "memory", "idx", names, new InputShape(1, size, size),
                tensors(classes, trainPerClass, size, seed), tensors(classes, 10, size, seed + 1),
                tensors(classes, 20, size, seed + 2), "synthetic-" + classes + "-" + trainPerClass + "-" + size + "-"
                        + seed,
                List.of());
    }

    /** Writes an MNIST-layout folder (gzipped) with the given class names. */
    public static void writeIdx(Path dir, int classes, int trainPerClass, int testPerClass, int size, long seed)
            throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(seed);
        writePair(dir, "train", classes, trainPerClass, size, random);
        writePair(dir, "t10k", classes, testPerClass, size, random);
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class " + c);
        }
        Files.write(dir.resolve("classes.txt"), names);
    }

    private static void writePair(Path dir, String prefix, int classes, int perClass, int size, Random random)
            throws IOException {
        int n = classes * perClass;
        ByteArrayOutputStream images = new ByteArrayOutputStream();
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        writeInt(images, 2051);
        writeInt(images, n);
        writeInt(images, size);
        writeInt(images, size);
        writeInt(labels, 2049);
        writeInt(labels, n);
        for (int i = 0; i < n; i++) {
            int cls = i % classes;
            images.write(image(cls, size, random));
            labels.write(cls);
        }
        gzip(dir.resolve(prefix + "-images-idx3-ubyte.gz"), images.toByteArray());
        gzip(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), labels.toByteArray());
    }

    private static void gzip(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes);
        }
    }

    public static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
