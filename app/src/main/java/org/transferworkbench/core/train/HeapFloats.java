package org.transferworkbench.core.train;

import java.lang.ref.Reference;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An array's values copied to the Java heap in one bulk copy, and heap values into a new array the same way.
 * Why: ND4J's {@code data().asFloat()} copies value by value through a bounds-checked indexer, which for a frozen
 * prefix's activations (1.2 million values in a batch of 256 at k=1) took 15-70 ms a batch, more than the forward
 * pass that made them (13-50 ms).
 */
public final class HeapFloats {

    private HeapFloats() {
    }

    /** The values of {@code a} in row-major order ({@code a} is left as it was). */
    public static float[] of(INDArray a) {
        if (a.length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an array of " + a.length() + " values does not fit a Java array");
        }
        if (a.dataType() == DataType.FLOAT && a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a)) {
            float[] values = new float[(int) a.length()];
            a.data().asNioFloat().get((int) a.offset(), values, 0, values.length);
            // The NIO view does not keep the native memory alive: hold the array until the copy is done.
            Reference.reachabilityFence(a);
            return values;
        }
        INDArray floats = a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
        INDArray dense = floats.dup('c');
        try {
            return of(dense);
        } finally {
            dense.close();
            if (floats != a) {
                floats.close();
            }
        }
    }

    /**
     * A new row-major array of {@code shape} holding {@code values[0..length of shape)}, copied in bulk. Why: ND4J's
     * {@code Nd4j.create(float[], shape, 'c')} stores the values one by one through its indexer; for the training
     * batches, built anew every step, that was 1% of the default sweep's time (JFR: {@code BaseDataBuffer.setData}).
     */
    public static INDArray toNative(float[] values, long[] shape) {
        return toNative(values, 0, shape);
    }

    /** The same from {@code values[from]} on. */
    public static INDArray toNative(float[] values, int from, long[] shape) {
        INDArray a = Nd4j.createUninitialized(DataType.FLOAT, shape.clone(), 'c');
        if (from < 0 || a.length() > values.length - (long) from) {
            a.close();
            throw new IllegalArgumentException("an array of shape " + Arrays.toString(shape) + " needs "
                    + a.length() + " values from " + from + ", not " + values.length);
        }
        a.data().asNioFloat().put(0, values, from, (int) a.length());
        Reference.reachabilityFence(a);
        return a;
    }
}
