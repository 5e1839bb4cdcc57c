package org.transferworkbench.core.files;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.transferworkbench.core.UserError;

/**
 * Reads a DL4J net zip without handing the file to DL4J. DL4J's {@code ModelSerializer} reads every entry it knows,
 * including {@code preprocessor.bin} with Java deserialization, inflates without limits, and trusts the array header
 * of {@code coefficients.bin}. Here: the entry list is checked first; only {@code configuration.json} and
 * {@code coefficients.bin} are read; inflating stops at a limit; the coefficients' shape header is checked (long
 * arithmetic) before anything is allocated, and the values are read only as far as the bytes really exist; the net is
 * then built from its configuration and those values.
 */
public final class SafeNetZip {

    static final int MAX_ENTRIES = 64;
    static final long MAX_CONFIGURATION_BYTES = 32L << 20;
    /** 1 GiB of weights: VGG16 (550 MB) fits; nothing the workbench can train on a laptop is larger. */
    static final long MAX_COEFFICIENT_BYTES = 1L << 30;
    static final int MAX_RANK = 32;
    static final long MAX_RATIO = 200;

    /** What a net zip holds that the workbench uses. */
    public record Contents(String configuration, INDArray params) {

        public boolean isGraph() {
            return configuration.contains("\"vertices\"");
        }
    }

    private SafeNetZip() {
    }

    public static MultiLayerNetwork multiLayer(Path file) {
        Contents c = read(file);
        MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(c.configuration()));
        net.init(c.params(), false);
        return net;
    }

    public static ComputationGraph graph(Path file) {
        Contents c = read(file);
        ComputationGraph net = new ComputationGraph(ComputationGraphConfiguration.fromJson(c.configuration()));
        net.init(c.params(), false);
        return net;
    }

    public static Contents read(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            if (entries.size() > MAX_ENTRIES) {
                throw new UserError(file + ": a zip of " + entries.size() + " entries, not a DL4J net (at most "
                        + MAX_ENTRIES + ")");
            }
            ZipEntry config = zip.getEntry("configuration.json");
            if (config == null) {
                throw new UserError(file + ": a zip file, but not a DL4J net (no configuration.json inside)");
            }
            ZipEntry coefficients = zip.getEntry("coefficients.bin");
            if (coefficients == null) {
                throw new UserError(file + ": a DL4J zip without its weights (no coefficients.bin inside)");
            }
            String json;
            try (InputStream in = bounded(zip.getInputStream(config), limit(config, MAX_CONFIGURATION_BYTES), file,
                    "configuration.json")) {
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            INDArray params;
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(bounded(
                    zip.getInputStream(coefficients), limit(coefficients, MAX_COEFFICIENT_BYTES + 4096), file,
                    "coefficients.bin"),
                    1 << 16))) {
                params = readArray(in, file);
            }
            return new Contents(json, params);
        } catch (ZipException e) {
            throw new UserError(file + ": truncated or damaged zip file (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new UserError(file + ": coefficients.bin ends before the weights its header declares", e);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read zip (" + e.getMessage() + ")", e);
        }
    }

    /**
     * ND4J's array format ({@code Nd4j.write}): the shape-info buffer (allocation mode, length, type, values: rank,
     * shape, stride, extras, element-wise stride, order), then the data buffer (allocation mode, length, type, values).
     */
    static INDArray readArray(DataInputStream in, Path file) throws IOException {
        in.readUTF();
        long infoLength = in.readLong();
        String infoType = in.readUTF();
        if (infoLength < 4 || infoLength > 2L * MAX_RANK + 4 || !(infoType.equals("LONG") || infoType.equals("INT"))) {
            throw bad(file, String.format(Locale.ROOT, "a shape header of %d %s values", infoLength, infoType));
        }
        long[] info = new long[(int) infoLength];
        for (int i = 0; i < info.length; i++) {
            info[i] = infoType.equals("LONG") ? in.readLong() : in.readInt();
        }
        int rank = (int) info[0];
        if (info[0] < 0 || info[0] > MAX_RANK || 2L * rank + 4 != infoLength) {
            throw bad(file, "rank " + info[0] + " in a shape header of " + infoLength + " values");
        }
        long elements = 1;
        for (int i = 1; i <= rank; i++) {
            if (info[i] < 0) {
                throw bad(file, "a negative dimension (" + info[i] + ")");
            }
            elements = Math.multiplyExact(elements, Math.max(1, info[i]));
        }
        in.readUTF();
        long length = in.readLong();
        String type = in.readUTF();
        int size = type.equals("FLOAT") ? 4 : type.equals("DOUBLE") ? 8 : -1;
        if (size < 0) {
            throw bad(file, "weights of type " + type + " (FLOAT or DOUBLE expected)");
        }
        if (length != elements || length > MAX_COEFFICIENT_BYTES / size) {
            throw bad(file, String.format(Locale.ROOT, "%d weights declared for a shape of %d (at most %d bytes are "
                    + "read)", length, elements, MAX_COEFFICIENT_BYTES));
        }
        // Read in chunks as the bytes arrive: a file that only claims a size allocates nothing large.
        DataType dtype = size == 4 ? DataType.FLOAT : DataType.DOUBLE;
        List<INDArray> chunks = new ArrayList<>();
        long left = length;
        while (left > 0) {
            int n = (int) Math.min(left, 1 << 20);
            if (size == 4) {
                float[] chunk = new float[n];
                for (int i = 0; i < n; i++) {
                    chunk[i] = in.readFloat();
                }
                chunks.add(Nd4j.createFromArray(chunk));
            } else {
                double[] chunk = new double[n];
                for (int i = 0; i < n; i++) {
                    chunk[i] = in.readDouble();
                }
                chunks.add(Nd4j.createFromArray(chunk));
            }
            left -= n;
        }
        INDArray params = Nd4j.create(dtype, length);
        long offset = 0;
        for (INDArray chunk : chunks) {
            params.get(NDArrayIndex.interval(offset, offset + chunk.length())).assign(chunk);
            offset += chunk.length();
        }
        return params;
    }

    private static UserError bad(Path file, String what) {
        return new UserError(file + ": coefficients.bin is not a weight array (" + what + ")");
    }

    /**
     * What an entry may inflate to: the absolute limit, and at most {@link #MAX_RATIO} times its compressed size
     * (plus 1 MB for small entries). Weights barely compress and JSON about tenfold; a bomb compresses a thousandfold.
     */
    static long limit(ZipEntry entry, long absolute) {
        long compressed = entry.getCompressedSize();
        return compressed < 0 ? absolute : Math.min(absolute, compressed * MAX_RATIO + (1L << 20));
    }

    /** Stops inflating at {@code limit} bytes: a zip bomb gets a one-line refusal, not the heap. */
    static InputStream bounded(InputStream in, long limit, Path file, String entry) {
        return new FilterInputStream(in) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    check(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    check(n);
                }
                return n;
            }

            private void check(int n) {
                count += n;
                if (count > limit) {
                    throw new UserError(String.format(Locale.ROOT, "%s: %s inflates to more than %d MB (a zip bomb?); "
                            + "refused", file, entry, Math.max(1, limit >> 20)));
                }
            }
        };
    }
}
