package org.transferworkbench.core.train;

import java.lang.ref.Reference;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * An array's values copied to the Java heap in one bulk copy. Why: ND4J's {@code data().asFloat()} copies value by
 * value through a bounds-checked indexer, which for a frozen prefix's activations (1.2 million values in a batch of
 * 256 at k=1) took 15-70 ms a batch, more than the forward pass that made them (13-50 ms).
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
}
