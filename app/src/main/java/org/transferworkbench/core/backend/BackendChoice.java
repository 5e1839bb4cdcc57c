package org.transferworkbench.core.backend;

import java.util.Locale;
import java.util.Map;
import org.transferworkbench.core.UserError;

/**
 * Where the nets compute, as the user asked: ND4J's own rule (GPU when its CUDA backend is on the class path and
 * starts, else CPU), or one of the two insisted on.
 *
 * <p>ND4J picks its backend once, when it starts, by priorities read from the environment variables
 * {@code BACKEND_PRIORITY_CPU} and {@code BACKEND_PRIORITY_GPU}; nothing inside a running JVM changes that. So a choice
 * that differs from what this JVM will load is met by starting the app again with those variables set
 * ({@link #relaunchEnvironment}).
 */
public enum BackendChoice {
    AUTO, CPU, GPU;

    static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";
    static final String GPU_PRIORITY = "BACKEND_PRIORITY_GPU";
    static final String CPU_PRIORITY = "BACKEND_PRIORITY_CPU";

    public static BackendChoice parse(String text) {
        for (BackendChoice c : values()) {
            if (c.label().equalsIgnoreCase(text.strip())) {
                return c;
            }
        }
        throw new UserError("--backend must be auto, cpu or gpu, not '" + text + "'");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this build carries ND4J's CUDA backend (built with {@code -Pcuda}). */
    public static boolean gpuBuild() {
        try {
            Class.forName(CUDA_BACKEND, false, BackendChoice.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * The environment a fresh start needs so that ND4J loads what this choice asks, or an empty map when this JVM
     * already will: always for AUTO, and for any choice in a CPU-only build (there is nothing else to load).
     */
    public Map<String, String> relaunchEnvironment(Map<String, String> env, boolean gpuBuild) {
        if (!gpuBuild || this == AUTO) {
            return Map.of();
        }
        // ND4J's defaults: CPU 0, GPU 100; the higher loads first when it can run.
        boolean cpuFirst = priority(env, GPU_PRIORITY, 100) < priority(env, CPU_PRIORITY, 0);
        if (this == CPU && !cpuFirst) {
            return Map.of(GPU_PRIORITY, "-1", CPU_PRIORITY, "0");
        }
        if (this == GPU && cpuFirst) {
            return Map.of(GPU_PRIORITY, "100", CPU_PRIORITY, "0");
        }
        return Map.of();
    }

    /** After ND4J started: a one-line refusal when the GPU was insisted on and is not what computes. */
    public void check(BackendInfo info, boolean gpuBuild) {
        if (this != GPU || info.gpu()) {
            return;
        }
        throw new UserError(gpuBuild
                ? "--backend gpu: the CUDA backend did not start (no NVIDIA GPU, a driver older than CUDA 11.6 needs, "
                + "or CUDA 11.6 / cuDNN 8.3 libraries not found; the log says which); use --backend cpu or auto"
                : "--backend gpu: this build has no GPU backend; build it with mvn -Pcuda package (README: GPU)");
    }

    /**
     * ND4J M2.1's CUDA natives carry machine code for compute capabilities 3.7 to 8.6 and no PTX (read from the
     * fat binary in nd4j-cuda-11.6's cuDNN build, README: GPU), so no driver can translate them for a newer chip:
     * Hopper (9.0: H100, H200) and later fail at their first kernel. Code for 8.6 also runs on 8.9 (same major).
     *
     * @return why this GPU cannot run them, or null when it can
     */
    public static String unsupportedGpu(int major, int minor) {
        if (major >= 9 || (major == 3 && minor < 7) || major < 3) {
            return "compute capability " + major + "." + minor + " is outside the 3.7 to 8.x that ND4J 1.0.0-M2.1's "
                    + "CUDA kernels are built for";
        }
        return null;
    }

    private static int priority(Map<String, String> env, String name, int fallback) {
        try {
            return Integer.parseInt(env.getOrDefault(name, String.valueOf(fallback)).strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
