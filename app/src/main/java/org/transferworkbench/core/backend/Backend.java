package org.transferworkbench.core.backend;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    /** JavaCPP's limit on the process's resident memory, checked on every native allocation while above 0. */
    static final String PHYSICAL_BYTES_PROPERTY = "org.bytedeco.javacpp.maxPhysicalBytes";

    static {
        // Every ND4J array allocates its shape information through JavaCPP, which then reads the process's resident
        // memory (a native call, next to a lock both sweep workers share) to compare with this limit: about 3% of a
        // default sweep's samples (JFR: Pointer.physicalBytesInaccurate; README: Speed: the training step). The
        // limit (JavaCPP's default: four times the heap limit, 24 GB on a 24 GB machine) only calls System.gc()
        // once it is exceeded, and JavaCPP's own byte count (maxBytes) still does so. Read once, when JavaCPP's
        // Pointer class starts: so set here, before ND4J starts, unless the user set it (either spelling).
        if (System.getProperty(PHYSICAL_BYTES_PROPERTY) == null
                && System.getProperty("org.bytedeco.javacpp.maxphysicalbytes") == null) {
            System.setProperty(PHYSICAL_BYTES_PROPERTY, "0");
        }
    }
    private static final Logger LOG = LoggerFactory.getLogger(Backend.class);
    private static volatile BackendInfo info;
    /** Why the GPU ND4J found cannot run its kernels, or null. */
    private static volatile String unsupportedGpu;
    /** What the user asked for (Main); AUTO unless said. */
    private static volatile BackendChoice requested = BackendChoice.AUTO;
    /** The compute threads found at start: limits may go down to one and back up to this. */
    private static volatile int startThreads;
    /** The compute threads {@link #limitThreads} set, 0 before (or on a GPU). */
    private static volatile int limit;
    /** The limit applied to OpenMP on this thread. */
    private static final ThreadLocal<Integer> APPLIED = new ThreadLocal<>();

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
                startNd4j();
                // ND4J calls System.gc() every few seconds by default: a full, stop-the-world collection that
                // freezes the window too. Training closes its own arrays and workspaces reuse the rest.
                Nd4j.getMemoryManager().togglePeriodicGc(false);
                info = probe();
                startThreads = info.threads();
                if (info.oneDnn() || info.gpu()) {
                    LOG.info("Backend: {}", info.describe());
                } else {
                    LOG.warn("Backend: {} -- convolutions run on the slow generic path", info.describe());
                }
            }
            return info;
        }
    }

    /**
     * Starts ND4J (its class initialiser picks the backend). In the GPU build on a machine without CUDA, ND4J's CUDA
     * backend prints a 40-line stack trace to stderr before it falls back to the CPU; the user gets one log line
     * instead. Only stderr of these few hundred milliseconds is held back, and any other text in it is passed on.
     */
    private static void startNd4j() {
        if (!BackendChoice.gpuBuild()) {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
            return;
        }
        PrintStream err = System.err;
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        System.setErr(new PrintStream(held, true, StandardCharsets.UTF_8));
        try {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        } finally {
            System.setErr(err);
        }
        String text = held.toString(StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        if (!lines.isEmpty() && lines.get(0).startsWith("java.lang.UnsatisfiedLinkError")) {
            LOG.info("No usable CUDA here, computing on the CPU ({})", lines.get(0));
            lines.stream().filter(l -> !l.startsWith("\tat ") && !l.startsWith("Caused by")
                    && !l.startsWith("\t...") && !l.equals(lines.get(0))).forEach(err::println);
        } else if (!text.isEmpty()) {
            err.print(text);
        }
    }

    public static BackendInfo info() {
        return ensureInitialised();
    }

    /** Why the GPU in use cannot run ND4J's kernels (too new for M2.1's natives), or null when it can. */
    public static String unsupportedGpu() {
        ensureInitialised();
        return unsupportedGpu;
    }

    public static void request(BackendChoice choice) {
        requested = choice;
    }

    /**
     * The backend in words, with a note when the GPU was asked for (the window's setting) and the CPU computes: the
     * window starts anyway, and says so.
     */
    public static String describeWithRequest() {
        BackendInfo current = info();
        return current.describe() + (requested == BackendChoice.GPU && !current.gpu()
                ? " (GPU asked for: none usable here, see README: GPU)" : "");
    }

    /**
     * Runs of a paper sweep trained at once: one per core on the CPU (README: Speed); one on a GPU, which already
     * runs each layer across all its cores and whose memory the runs would otherwise share.
     */
    public static int defaultWorkers() {
        return info().gpu() ? 1 : Runtime.getRuntime().availableProcessors();
    }

    /**
     * Limits compute threads: ND4J's own, OpenMP's (which oneDNN uses) and OpenBLAS's (dense layers and the first
     * convolution's gradient). The desktop app leaves one core to the window: on 2 cores, OpenMP threads that
     * spin-wait on both cores starve the FX thread, and a second compute thread gains this small CNN little (measured
     * here: about 1340 img/s on one thread, 1400-1600 on two). OpenMP's count is a setting of each calling thread, so
     * threads that compute apply it with {@link #applyLimitHere()}; OpenBLAS's is one for the process.
     */
    public static synchronized BackendInfo limitThreads(int threads) {
        BackendInfo current = ensureInitialised();
        if (current.gpu()) {
            // Host threads only feed the GPU; its count of devices stays what the status line shows.
            return current;
        }
        int n = Math.max(1, Math.min(threads, startThreads));
        Nd4j.getEnvironment().setMaxThreads(n);
        // Left at the core count, OpenBLAS ran each product on two threads while every sweep worker thought it had
        // one: two workers' products then fought over the cores (the default sweep took 224 s, 149 s with this).
        if (!"false".equals(System.getProperty("workbench.blasThreads"))) {
            Nd4j.factory().blas().setMaxThreads(n);
        }
        limit = n;
        applyLimitHere();
        info = new BackendInfo(current.backend(), current.variant(), n, current.oneDnn(), current.blas());
        LOG.info("Compute threads limited to {}", n);
        return info;
    }

    /**
     * Applies the limit of {@link #limitThreads} to OpenMP on the calling thread (once per thread and limit).
     * libgomp keeps the thread count per calling thread: a sweep worker that did not set it ran oneDNN's convolutions
     * on a team of as many threads as cores, each worker's team competing with the other's.
     */
    public static void applyLimitHere() {
        int n = limit;
        Integer applied = APPLIED.get();
        if (n > 0 && (applied == null || applied != n)) {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(n);
            APPLIED.set(n);
        }
    }

    private static BackendInfo probe() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String backend = env.getProperty("backend", "CPU");
        String blas = String.valueOf(env.getOrDefault("blas.vendor", "unknown"));
        if ("CUDA".equalsIgnoreCase(backend)) {
            return cuda(env, blas);
        }
        int threads = parseInt(env.get("omp.threads"), Runtime.getRuntime().availableProcessors());
        boolean helpersOn = !Boolean.parseBoolean(System.getProperty(HELPERS_PROPERTY, "true"));
        boolean oneDnn = helpersOn && oneDnnUsable();
        return new BackendInfo(backend, nativeVariant(), threads, oneDnn, blas);
    }

    /**
     * The GPU's model and memory, read from the environment ND4J's CUDA executioner reports (plain keys, so this
     * compiles and runs without the CUDA classes).
     */
    static BackendInfo cuda(Properties env, String blas) {
        Object devices = env.get("cuda.devicesInformation");
        String name = "unknown GPU";
        int count = parseInt(env.get("cuda.availableDevices"), 1);
        if (devices instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first) {
            name = String.valueOf(first.get("cuda.deviceName"));
            long bytes = parseLong(first.get("cuda.totalMemory"));
            if (bytes > 0) {
                name += String.format(Locale.ROOT, " (%.1f GiB)", bytes / (double) (1L << 30));
            }
            Object major = first.get("cuda.deviceMajor");
            if (major != null) {
                name += ", compute capability " + major + "." + first.get("cuda.deviceMinor");
                unsupportedGpu = BackendChoice.unsupportedGpu(parseInt(major, 0), parseInt(first.get(
                        "cuda.deviceMinor"), 0));
            }
        }
        return new BackendInfo("CUDA", name, Math.max(1, count), false, blas);
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

    private static long parseLong(Object value) {
        try {
            return Long.parseLong(String.valueOf(value));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int parseInt(Object value, int fallback) {
        try {
            return Integer.parseInt(String.valueOf(value));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
