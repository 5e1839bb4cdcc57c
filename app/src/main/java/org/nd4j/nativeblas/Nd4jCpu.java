package org.nd4j.nativeblas;

/**
 * Restores the class name DL4J 1.0.0-M2.1's oneDNN check looks for.
 *
 * <p>{@code BaseMKLDNNHelper.mklDnnEnabled()} reflects on
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.isUseMKLDNN()},
 * but M2.1 moved that class to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} and renamed the
 * method {@code isUseONEDNN()}. Without this shim the check fails and every convolution and pooling layer silently
 * falls back to the generic (about 5x slower) implementation. Only the two members the check uses are provided.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    public static final class Environment {

        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        public boolean isUseMKLDNN() {
            // qualified: this shim has the same simple name as the class it delegates to
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
