package org.transferworkbench.core.backend;

/**
 * What computes: reported in the status line and stored in every results file.
 *
 * @param backend     ND4J backend ("CPU" or "CUDA")
 * @param variant     native build in use (e.g. linux-x86_64-onednn), or on CUDA the GPU's model and memory
 * @param threads     compute threads (on CUDA: the GPUs ND4J sees)
 * @param oneDnn      whether DL4J's oneDNN layer helpers are active for convolution and pooling (CPU only)
 * @param blas        BLAS library in use (cuBLAS on CUDA)
 */
public record BackendInfo(String backend, String variant, int threads, boolean oneDnn, String blas) {

    public boolean gpu() {
        return "CUDA".equalsIgnoreCase(backend);
    }

    public String describe() {
        if (gpu()) {
            return "GPU " + variant + (threads > 1 ? " (first of " + threads + " GPUs)" : "") + ", BLAS " + blas;
        }
        return backend + " " + variant + ", " + threads + (threads == 1 ? " thread" : " threads")
                + ", oneDNN layer helpers " + (oneDnn ? "on" : "OFF")
                + ", BLAS " + blas;
    }
}
