package org.transferworkbench.safety;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code --backend} as a user types it, in a child JVM (Main exits): the CPU build CI makes has no GPU backend. */
class BackendOptionTest {

    @Test
    void gpuInACpuBuildIsRefusedInOneLineAndCpuOrAutoRun() throws Exception {
        Child.Result gpu = Child.cli("--backend", "gpu", "inspect-net", "../assets/nets/fashion-mnist-A.zip");
        assertThat(gpu.exit()).isEqualTo(2);
        assertThat(gpu.answer()).containsExactly("error: --backend gpu: this build has no GPU backend; build it with "
                + "mvn -Pcuda package (README: GPU)");
        Child.Result cpu = Child.cli("inspect-net", "--backend=cpu", "../assets/nets/fashion-mnist-A.zip");
        assertThat(cpu.exit()).as(cpu.err()).isZero();
        assertThat(cpu.out()).contains("Cut points: k=1");
        Child.Result bad = Child.cli("--backend", "tpu", "inspect-net", "../assets/nets/fashion-mnist-A.zip");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.answer()).containsExactly("error: --backend must be auto, cpu or gpu, not 'tpu'");
    }
}
