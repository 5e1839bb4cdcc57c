package org.transferworkbench.safety;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.bytedeco.hdf5.DSetAccPropList;
import org.bytedeco.hdf5.DSetCreatPropList;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.LinkCreatPropList;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.global.hdf5;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;

/** Makes the hostile files of issue #15 (each small on disk): what an attacker or a broken tool would hand the app. */
public final class HostileFiles {

    /** The workbench's own base net: a valid DL4J zip to build hostile variants from. */
    public static final Path VALID_ZIP = Path.of("..", "assets", "nets", "fashion-mnist-A.zip");
    public static final Path VALID_H5 = Path.of("..", "assets", "nets", "keras", "fashion-A-sequential.h5");

    private HostileFiles() {
    }

    /**
     * The "SerialDOS" payload: nested HashSets whose deserialization does 2^depth work. 1.6 KB at depth 28 took 20 s
     * before the filter.
     */
    public static byte[] nestedSetPayload(int depth) throws IOException {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < depth; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("foo");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(root);
        }
        return bytes.toByteArray();
    }

    /** The valid net zip with {@code name} added or replaced by {@code content}. */
    public static Path netZipWith(Path out, String name, byte[] content) throws IOException {
        try (ZipOutputStream zip = validExcept(out, name)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return out;
    }

    /** A zip whose entry inflates to {@code megabytes} of spaces (a few hundred KB compressed). */
    public static Path bomb(Path out, String entry, int megabytes) throws IOException {
        try (ZipOutputStream zip = validExcept(out, entry)) {
            zip.putNextEntry(new ZipEntry(entry));
            byte[] spaces = new byte[1 << 20];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < megabytes; i++) {
                zip.write(spaces);
            }
            zip.closeEntry();
        }
        return out;
    }

    /** A zip stream at {@code out} already holding the valid net's entries, all but {@code left}. */
    private static ZipOutputStream validExcept(Path out, String left) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out));
        try (ZipFile valid = new ZipFile(VALID_ZIP.toFile())) {
            for (ZipEntry e : Collections.list(valid.entries())) {
                if (!e.getName().equals(left)) {
                    zip.putNextEntry(new ZipEntry(e.getName()));
                    valid.getInputStream(e).transferTo(zip);
                    zip.closeEntry();
                }
            }
        }
        return zip;
    }

    /** coefficients.bin whose shape header declares {@code infoLength} values (2^62 crashed ND4J natively). */
    public static byte[] coefficientsWithShapeLength(long infoLength) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("MIXED_DATA_TYPES");
            out.writeLong(infoLength);
            out.writeUTF("LONG");
            for (int i = 0; i < 6; i++) {
                out.writeLong(1);
            }
        }
        return bytes.toByteArray();
    }

    /** coefficients.bin that declares 200 M weights and holds ten. */
    public static byte[] coefficientsClaimingMore() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("MIXED_DATA_TYPES");
            out.writeLong(6);
            out.writeUTF("LONG");
            for (long v : new long[] {1, 200_000_000L, 1, 8192, 1, 99}) {
                out.writeLong(v);
            }
            out.writeUTF("MIXED_DATA_TYPES");
            out.writeLong(200_000_000L);
            out.writeUTF("FLOAT");
            for (int i = 0; i < 10; i++) {
                out.writeFloat(0.5f);
            }
        }
        return bytes.toByteArray();
    }

    /** An HDF5 file of a few KB declaring a {@code rows x cols} float dataset (chunked, nothing written). */
    public static Path h5Declaring(Path out, long rows, long cols) {
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            H5File file = new H5File(out.toString(), hdf5.H5F_ACC_TRUNC());
            try {
                DataSpace space = new DataSpace(2, new long[] {rows, cols});
                DSetCreatPropList plist = new DSetCreatPropList();
                plist.setChunk(2, new long[] {64, 64});
                DataSet ds = file.createDataSet("model_weights", PredType.NATIVE_FLOAT(), space, plist,
                        DSetAccPropList.DEFAULT(), LinkCreatPropList.DEFAULT());
                ds._close();
                space._close();
            } finally {
                file._close();
            }
        }
        return out;
    }

    /** Flips {@code flips} random bytes after the first {@code keep} (seeded): a damaged copy of a valid file. */
    public static Path mutate(Path valid, Path out, long seed, int flips, int keep) throws IOException {
        byte[] bytes = Files.readAllBytes(valid);
        Random random = new Random(seed);
        for (int i = 0; i < flips; i++) {
            int at = keep + random.nextInt(bytes.length - keep);
            bytes[at] = (byte) random.nextInt(256);
        }
        if (random.nextInt(4) == 0) {
            bytes = Arrays.copyOf(bytes, keep + random.nextInt(bytes.length - keep));
        }
        try (OutputStream o = Files.newOutputStream(out)) {
            o.write(bytes);
        }
        return out;
    }
}
