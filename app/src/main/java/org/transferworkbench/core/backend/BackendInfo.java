package org.transferworkbench.core.backend;

/**
 * What computes: reported in the status line and stored in every results file.
 *
 * @param backend     ND4J backend ("CPU" or "CUDA")
 * @param variant     native build in use (e.g. linux-x86_64-avx2) or GPU name
 * @param threads     compute threads
 * @param oneDnn      whether DL4J's oneDNN layer helpers are active for convolution and pooling
 * @param blas        BLAS library in use
 */
public record BackendInfo(String backend, String variant, int threads, boolean oneDnn, String blas) {

    public String describe() {
        return backend + " " + variant + ", " + threads + (threads == 1 ? " thread" : " threads")
                + ", oneDNN layer helpers " + (oneDnn ? "on" : "OFF")
                + ", BLAS " + blas;
    }
}
