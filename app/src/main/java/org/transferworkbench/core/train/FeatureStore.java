package org.transferworkbench.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferworkbench.core.data.TensorSet;

/**
 * Activations computed once for many runs (a frozen prefix's output for every training view), kept in memory or, when
 * the sweep's activations would not fit, in a file that is memory-mapped back when a run needs it. Rows are appended
 * batch by batch in order.
 */
public final class FeatureStore implements AutoCloseable {

    private final Path file;
    private final List<float[]> chunks = new ArrayList<>();
    /** Rows the caller will append (in memory only; 0: not said), and the array they go into once the first arrives. */
    private final long expectedRows;
    private float[] all;
    private FileChannel channel;
    private int[] exampleShape;
    private long values;

    private FeatureStore(Path file, long expectedRows) {
        this.file = file;
        this.expectedRows = expectedRows;
    }

    public static FeatureStore inMemory() {
        return new FeatureStore(null, 0);
    }

    /**
     * In memory, for exactly {@code rows} rows: they are copied straight from the activations into one array, which
     * {@link #read} hands on. Why: batch-sized copies kept until the end were copied again by the garbage collector
     * while they lived (pauses of 100-250 ms that stop every sweep worker) and once more into one array at the end.
     */
    public static FeatureStore inMemory(long rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be positive, not " + rows);
        }
        return new FeatureStore(null, rows);
    }

    /** Spills to {@code file} (created now, deleted by {@link #close}). */
    public static FeatureStore onDisk(Path file) {
        FeatureStore store = new FeatureStore(file, 0);
        try {
            store.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write cached activations (" + e.getMessage() + ")", e);
        }
        return store;
    }

    public boolean onDisk() {
        return file != null;
    }

    /** Appends the rows of one batch of activations, [rows, shape...] ({@code batch} is left as it was). */
    public void append(INDArray batch, int[] shape) {
        if (expectedRows == 0) {
            append(HeapFloats.of(batch), shape);
            return;
        }
        checkShape(shape);
        if (all == null) {
            long perRow = batch.length() / Math.max(1, batch.size(0));
            if (expectedRows * perRow > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("cached activations of " + expectedRows * perRow
                        + " values exceed one Java array");
            }
            all = new float[(int) (expectedRows * perRow)];
        }
        if (values + batch.length() > all.length) {
            throw new IllegalStateException("more rows than the " + expectedRows + " this store was made for");
        }
        HeapFloats.copyInto(batch, all, (int) values);
        values += batch.length();
    }

    /** Appends the rows of one batch: {@code rows.length / values-per-row} rows of shape {@code shape}. */
    public void append(float[] rows, int[] shape) {
        if (expectedRows > 0) {
            throw new IllegalStateException("a store made for a number of rows takes activations, not heap rows");
        }
        checkShape(shape);
        values += rows.length;
        if (file == null) {
            chunks.add(rows);
            return;
        }
        ByteBuffer bytes = ByteBuffer.allocate(rows.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(rows);
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write cached activations (" + e.getMessage() + ")", e);
        }
    }

    private void checkShape(int[] shape) {
        if (exampleShape == null) {
            exampleShape = shape.clone();
        } else if (!Arrays.equals(exampleShape, shape)) {
            throw new IllegalStateException("activation shape changed from " + Arrays.toString(exampleShape) + " to "
                    + Arrays.toString(shape));
        }
    }

    public long bytes() {
        return values * Float.BYTES;
    }

    /** The stored rows as one set with these labels (one per row). */
    public TensorSet read(int[] labels, int numClasses) {
        if (exampleShape == null) {
            throw new IllegalStateException("nothing stored");
        }
        if (values > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("cached activations of " + values + " values exceed one Java array");
        }
        if (all != null) {
            if (values != all.length) {
                throw new IllegalStateException(values / (all.length / expectedRows) + " rows stored, not the "
                        + expectedRows + " expected");
            }
            return new TensorSet(exampleShape.clone(), all, labels, numClasses);
        }
        float[] data = new float[(int) values];
        if (file == null) {
            int offset = 0;
            for (float[] chunk : chunks) {
                System.arraycopy(chunk, 0, data, offset, chunk.length);
                offset += chunk.length;
            }
        } else {
            readFile(data);
        }
        return new TensorSet(exampleShape.clone(), data, labels, numClasses);
    }

    private void readFile(float[] data) {
        long chunkBytes = 1L << 30;
        try {
            int offset = 0;
            for (long pos = 0; pos < bytes(); pos += chunkBytes) {
                long length = Math.min(chunkBytes, bytes() - pos);
                MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, pos, length);
                int n = (int) (length / Float.BYTES);
                map.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data, offset, n);
                offset += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read cached activations (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
        chunks.clear();
        all = null;
        if (file != null) {
            try {
                channel.close();
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": cannot delete cached activations", e);
            }
        }
    }
}
