package org.transferworkbench.core.files;

import java.io.ObjectInputFilter;

/**
 * A process-wide filter for Java deserialization (JEP 290), set at start by the CLI and the window. The app itself
 * never deserializes file content (net zips are read by {@link SafeNetZip}); this is the second wall for any library
 * that might: only plain JDK value classes pass, graphs are bounded in depth, references, array size and bytes, and
 * every other class is rejected. A nested-set "billion laughs" payload fails at depth 16 in microseconds instead of
 * running for minutes, and gadget chains from the classpath's libraries cannot be instantiated.
 */
public final class SerialFilter {

    static final String PATTERN = "maxdepth=16;maxrefs=10000;maxarray=1000000;maxbytes=16777216;"
            + "java.lang.*;java.util.*;!*";

    private SerialFilter() {
    }

    /** Installs the filter unless one is already set (e.g. by {@code -Djdk.serialFilter}); safe to call twice. */
    public static synchronized void install() {
        if (ObjectInputFilter.Config.getSerialFilter() == null) {
            ObjectInputFilter.Config.setSerialFilter(ObjectInputFilter.Config.createFilter(PATTERN));
        }
    }
}
