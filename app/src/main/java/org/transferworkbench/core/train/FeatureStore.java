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
import org.transferworkbench.core.data.TensorSet;

/**
 * Activations computed once for many runs (a frozen prefix's output for every training view), kept in memory or, when
 * the sweep's activations would not fit, in a file that is memory-mapped back when a run needs it. Rows are appended
 * batch by batch in order.
 */
public final class FeatureStore implements AutoCloseable {

    private final Path file;
    private final List<float[]> chunks = new ArrayList<>();
    private FileChannel channel;
    private int[] exampleShape;
    private long values;

    private FeatureStore(Path file) {
        this.file = file;
    }

    public static FeatureStore inMemory() {
        return new FeatureStore(null);
    }

    /** Spills to {@code file} (created now, deleted by {@link #close}). */
    public static FeatureStore onDisk(Path file) {
        FeatureStore store = new FeatureStore(file);
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

    /** Appends the rows of one batch: {@code rows.length / values-per-row} rows of shape {@code shape}. */
    public void append(float[] rows, int[] shape) {
        if (exampleShape == null) {
            exampleShape = shape.clone();
        } else if (!Arrays.equals(exampleShape, shape)) {
            throw new IllegalStateException("activation shape changed from " + Arrays.toString(exampleShape) + " to "
                    + Arrays.toString(shape));
        }
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
