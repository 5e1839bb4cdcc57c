package org.transferworkbench.core.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

/**
 * A batch-friendly block of labelled examples: one flat float array (example-major) plus one label per example.
 * Images are stored as [channels, height, width] in [0,1]; cached activations of a frozen prefix use the same type
 * with the activation's shape, so one training loop serves both.
 *
 * <p>Arrays are shared, not copied: treat instances as immutable.
 */
public record TensorSet(int[] exampleShape, float[] data, int[] labels, int numClasses) {

    public TensorSet {
        Objects.requireNonNull(exampleShape, "exampleShape");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(labels, "labels");
        if (exampleShape.length == 0) {
            throw new IllegalArgumentException("exampleShape must not be empty");
        }
        long per = 1;
        for (int d : exampleShape) {
            if (d <= 0) {
                throw new IllegalArgumentException("bad example shape " + Arrays.toString(exampleShape));
            }
            per *= d;
        }
        if (per * labels.length != data.length) {
            throw new IllegalArgumentException("data length " + data.length + " != " + labels.length
                    + " examples x " + per + " values");
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be positive");
        }
        for (int label : labels) {
            if (label < 0 || label >= numClasses) {
                throw new IllegalArgumentException("label " + label + " outside 0.." + (numClasses - 1));
            }
        }
    }

    public int size() {
        return labels.length;
    }

    public int valuesPerExample() {
        int per = 1;
        for (int d : exampleShape) {
            per *= d;
        }
        return per;
    }

    /** Copies the given examples (in the given order) into a new set. */
    public TensorSet select(int[] indices) {
        int per = valuesPerExample();
        float[] out = new float[indices.length * per];
        int[] outLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(data, indices[i] * per, out, i * per, per);
            outLabels[i] = labels[indices[i]];
        }
        return new TensorSet(exampleShape.clone(), out, outLabels, numClasses);
    }

    /** Copies examples into a caller-owned buffer; used to fill a mini-batch without allocating per batch. */
    public void copyExamples(int[] indices, int from, int count, float[] target) {
        int per = valuesPerExample();
        for (int i = 0; i < count; i++) {
            System.arraycopy(data, indices[from + i] * per, target, i * per, per);
        }
    }

    /** Count of examples per class, indexed by label. */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** A random permutation of 0..size-1 from the given seed. */
    public int[] shuffledOrder(long seed) {
        return permutation(size(), seed);
    }

    /** A random permutation of 0..n-1 from the given seed. */
    public static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    public static TensorSet concat(TensorSet a, TensorSet b) {
        if (!Arrays.equals(a.exampleShape, b.exampleShape) || a.numClasses != b.numClasses) {
            throw new IllegalArgumentException("cannot concatenate sets of different shapes");
        }
        float[] data = Arrays.copyOf(a.data, a.data.length + b.data.length);
        System.arraycopy(b.data, 0, data, a.data.length, b.data.length);
        int[] labels = Arrays.copyOf(a.labels, a.labels.length + b.labels.length);
        System.arraycopy(b.labels, 0, labels, a.labels.length, b.labels.length);
        return new TensorSet(a.exampleShape.clone(), data, labels, a.numClasses);
    }
}
