package org.transferworkbench.core.backend;

import java.util.Properties;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts ND4J the fast way and says which path is active.
 *
 * <p>DL4J 1.0.0-M2.1 ships with its oneDNN layer helpers switched off
 * ({@code org.eclipse.deeplearning4j.helpers.disable}
 * defaults to true), and its check whether oneDNN is usable looks up a class that was renamed in M2.1. Without both
 * fixes convolutions run on the slow generic path (about 5x slower on 2 cores), silently. We turn the helpers on
 * unless the user explicitly set the property, and {@code org.nd4j.nativeblas.Nd4jCpu} (in this code base) restores the
 * old class name. {@link #ensureInitialised()} logs which path is active.
 */
public final class Backend {

    static final String HELPERS_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";
    private static final Logger LOG = LoggerFactory.getLogger(Backend.class);
    private static volatile BackendInfo info;
    /** The compute threads found at start: limits may go down to one and back up to this. */
    private static volatile int startThreads;

    private Backend() {
    }

    /** Idempotent; call before building any net. */
    public static BackendInfo ensureInitialised() {
        BackendInfo current = info;
        if (current != null) {
            return current;
        }
        synchronized (Backend.class) {
            if (info == null) {
                if (System.getProperty(HELPERS_PROPERTY) == null) {
                    System.setProperty(HELPERS_PROPERTY, "false");
                }
                Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
                // ND4J calls System.gc() every few seconds by default: a full, stop-the-world collection that
                // freezes the window too. Training closes its own arrays and workspaces reuse the rest.
                Nd4j.getMemoryManager().togglePeriodicGc(false);
                info = probe();
                startThreads = info.threads();
                if (info.oneDnn()) {
                    LOG.info("Backend: {}", info.describe());
                } else {
                    LOG.warn("Backend: {} -- convolutions run on the slow generic path", info.describe());
                }
            }
            return info;
        }
    }

    public static BackendInfo info() {
        return ensureInitialised();
    }

    /**
     * Limits compute threads (ND4J's own and OpenMP's, which oneDNN uses). The desktop app leaves one core to the
     * window: on 2 cores, OpenMP threads that spin-wait on both cores starve the FX thread, and a second compute
     * thread gains this small CNN little (measured here: about 1340 img/s on one thread, 1400-1600 on two).
     */
    public static synchronized BackendInfo limitThreads(int threads) {
        BackendInfo current = ensureInitialised();
        int n = Math.max(1, Math.min(threads, startThreads));
        Nd4j.getEnvironment().setMaxThreads(n);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(n);
        info = new BackendInfo(current.backend(), current.variant(), n, current.oneDnn(), current.blas());
        LOG.info("Compute threads limited to {}", n);
        return info;
    }

    private static BackendInfo probe() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String backend = env.getProperty("backend", "CPU");
        int threads = parseInt(env.get("omp.threads"), Runtime.getRuntime().availableProcessors());
        String blas = String.valueOf(env.getOrDefault("blas.vendor", "unknown"));
        boolean helpersOn = !Boolean.parseBoolean(System.getProperty(HELPERS_PROPERTY, "true"));
        boolean oneDnn = helpersOn && oneDnnUsable();
        return new BackendInfo(backend, nativeVariant(), threads, oneDnn, blas);
    }

    /** The same check DL4J's helpers make (through the restored class name), so "on" here means on there. */
    static boolean oneDnnUsable() {
        try {
            return BaseMKLDNNHelper.mklDnnEnabled();
        } catch (Throwable t) {
            LOG.debug("oneDNN check failed", t);
            return false;
        }
    }

    /**
     * Which native build is on the class path: JavaCPP loads the first of the platform's extensions it finds, so the
     * build's {@code javacpp.platform.extension} (see .mvn/maven.config) decides, and this reports it.
     */
    static String nativeVariant() {
        String platform = org.bytedeco.javacpp.Loader.getPlatform();
        try {
            Class<?> bindings = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu");
            for (String extension : new String[] {"-onednn-avx512", "-onednn-avx2", "-onednn", "-avx512", "-avx2",
                    ""}) {
                if (bindings.getResource(platform + extension + "/" + System.mapLibraryName("nd4jcpu")) != null) {
                    return platform + extension;
                }
            }
        } catch (ClassNotFoundException e) {
            LOG.debug("no ND4J CPU bindings", e);
        }
        return platform;
    }

    private static int parseInt(Object value, int fallback) {
        try {
            return Integer.parseInt(String.valueOf(value));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
