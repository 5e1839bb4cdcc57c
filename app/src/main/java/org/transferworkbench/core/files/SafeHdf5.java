package org.transferworkbench.core.files;

import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.H5Object;
import org.bytedeco.hdf5.global.hdf5;
import org.bytedeco.javacpp.BytePointer;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.transferworkbench.core.UserError;

/**
 * Checks a Keras HDF5 file's datasets and attributes before DL4J reads them. DL4J M2.1's {@code Hdf5Archive} sizes
 * its buffers in int arithmetic: a 75 KB file that declares a 65536 x 65537 weight matrix makes HDF5 write far past a
 * 256 KB buffer (a heap overflow the file controls), and a 40000 x 40000 one exhausts memory. Here every dimension
 * product is taken in long arithmetic and checked against limits first; the walk is bounded in depth and objects.
 */
public final class SafeHdf5 {

    /** 256 M values (1 GiB of floats) per dataset, and the whole file. */
    static final long MAX_ELEMENTS = 1L << 28;
    static final long MAX_ATTRIBUTE_BYTES = 64L << 20;
    static final int MAX_DEPTH = 16;
    static final int MAX_OBJECTS = 100_000;

    private SafeHdf5() {
    }

    public static void check(Path file) {
        // HDF5 is not thread-safe: DL4J's lock, so the check never runs beside an import.
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            H5File h5 = new H5File(file.toString(), hdf5.H5F_ACC_RDONLY());
            try {
                long[] totals = new long[2];
                walk(file, h5, "/", 0, totals);
            } finally {
                h5._close();
            }
        }
    }

    private static void walk(Path file, Group group, String path, int depth, long[] totals) {
        if (depth > MAX_DEPTH) {
            throw new UserError(file + ": groups nested deeper than " + MAX_DEPTH + " at " + path + "; refused");
        }
        attributes(file, group, path);
        long n = group.getNumObjs();
        if (n > MAX_OBJECTS || (totals[1] += n) > MAX_OBJECTS) {
            throw new UserError(file + ": more than " + MAX_OBJECTS + " objects; not a net file");
        }
        for (long i = 0; i < n; i++) {
            BytePointer namePointer = group.getObjnameByIdx(i);
            String name = namePointer.getString();
            int type = group.childObjType(name);
            if (type == hdf5.H5O_TYPE_GROUP) {
                Group child = group.openGroup(name);
                try {
                    walk(file, child, path + name + "/", depth + 1, totals);
                } finally {
                    child._close();
                }
            } else if (type == hdf5.H5O_TYPE_DATASET) {
                DataSet ds = group.openDataSet(name);
                try {
                    attributes(file, ds, path + name);
                    DataSpace space = ds.getSpace();
                    try {
                        long elements = elements(file, path + name, space);
                        totals[0] += elements;
                        if (totals[0] > MAX_ELEMENTS) {
                            throw new UserError(String.format(Locale.ROOT, "%s: more than %d weights in all; "
                                    + "refused", file, MAX_ELEMENTS));
                        }
                    } finally {
                        space._close();
                    }
                } finally {
                    ds._close();
                }
            }
        }
    }

    private static long elements(Path file, String where, DataSpace space) {
        int rank = space.getSimpleExtentNdims();
        if (rank < 0 || rank > 32) {
            throw new UserError(file + ": dataset " + where + " has rank " + rank + "; refused");
        }
        long[] dims = new long[rank];
        space.getSimpleExtentDims(dims);
        long elements = 1;
        StringBuilder shape = new StringBuilder();
        for (long d : dims) {
            shape.append(shape.length() == 0 ? "" : "x").append(d);
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new UserError(file + ": dataset " + where + " declares a dimension of " + d + "; refused");
            }
            try {
                elements = Math.multiplyExact(elements, d);
            } catch (ArithmeticException e) {
                elements = Long.MAX_VALUE;
            }
        }
        if (elements > MAX_ELEMENTS) {
            throw new UserError(String.format(Locale.ROOT, "%s: dataset %s declares %s = %d values, more than the "
                    + "%d a net file may hold here; refused", file, where, shape, elements, MAX_ELEMENTS));
        }
        return elements;
    }

    private static void attributes(Path file, H5Object object, String where) {
        int n = object.getNumAttrs();
        if (n > 10_000) {
            throw new UserError(file + ": " + n + " attributes on " + where + "; refused");
        }
        for (int i = 0; i < n; i++) {
            Attribute a = object.openAttribute(i);
            try {
                DataSpace space = a.getSpace();
                try {
                    long values = elements(file, where + " (attribute)", space);
                    long bytes = a.getStorageSize();
                    if (bytes < 0 || bytes > MAX_ATTRIBUTE_BYTES || values > MAX_ATTRIBUTE_BYTES) {
                        throw new UserError(file + ": an attribute of " + where + " takes " + bytes + " bytes; "
                                + "refused");
                    }
                } finally {
                    space._close();
                }
            } finally {
                a._close();
            }
        }
    }
}
