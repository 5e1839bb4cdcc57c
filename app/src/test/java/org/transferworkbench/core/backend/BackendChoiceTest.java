package org.transferworkbench.core.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.transferworkbench.core.UserError;

/** The backend rule without a GPU: what a start needs, what is refused, and how a GPU is named. */
class BackendChoiceTest {

    @Test
    void aCpuOnlyBuildNeverStartsAgain() {
        for (BackendChoice c : BackendChoice.values()) {
            assertThat(c.relaunchEnvironment(Map.of(), false)).isEmpty();
        }
        assertThat(BackendChoice.gpuBuild()).as("CI builds the CPU variant").isFalse();
    }

    @Test
    void inTheGpuBuildCpuIsForcedByStartingAgainWithNd4jsPriorities() {
        assertThat(BackendChoice.AUTO.relaunchEnvironment(Map.of(), true)).isEmpty();
        Map<String, String> cpu = BackendChoice.CPU.relaunchEnvironment(Map.of(), true);
        assertThat(cpu).containsEntry("BACKEND_PRIORITY_GPU", "-1").containsEntry("BACKEND_PRIORITY_CPU", "0");
        // The started copy sees those variables and does not start again.
        assertThat(BackendChoice.CPU.relaunchEnvironment(cpu, true)).isEmpty();
        assertThat(BackendChoice.GPU.relaunchEnvironment(Map.of(), true)).isEmpty();
        Map<String, String> gpu = BackendChoice.GPU.relaunchEnvironment(cpu, true);
        assertThat(gpu).containsEntry("BACKEND_PRIORITY_GPU", "100");
        assertThat(BackendChoice.GPU.relaunchEnvironment(gpu, true)).isEmpty();
        // A variable that is not a number counts as ND4J's default.
        assertThat(BackendChoice.CPU.relaunchEnvironment(Map.of("BACKEND_PRIORITY_GPU", "x"), true)).isNotEmpty();
    }

    @Test
    void insistingOnAGpuThatDoesNotComputeIsAOneLineRefusal() {
        BackendInfo cpu = new BackendInfo("CPU", "linux-x86_64-onednn", 2, true, "OPENBLAS");
        BackendChoice.AUTO.check(cpu, true);
        BackendChoice.CPU.check(cpu, true);
        assertThatThrownBy(() -> BackendChoice.GPU.check(cpu, false)).isInstanceOf(UserError.class)
                .hasMessageContaining("this build has no GPU backend; build it with mvn -Pcuda package");
        assertThatThrownBy(() -> BackendChoice.GPU.check(cpu, true)).isInstanceOf(UserError.class)
                .hasMessageContaining("the CUDA backend did not start").hasMessageNotContaining("\n");
        BackendChoice.GPU.check(new BackendInfo("CUDA", "A100", 1, false, "CUBLAS"), true);
        assertThat(BackendChoice.parse(" GPU ")).isEqualTo(BackendChoice.GPU);
        assertThatThrownBy(() -> BackendChoice.parse("tpu"))
                .hasMessage("--backend must be auto, cpu or gpu, not 'tpu'");
    }

    @Test
    void theGpuIsNamedWithItsMemoryAndChipsTooNewForTheKernelsAreSaidSo() {
        Properties env = new Properties();
        env.put("backend", "CUDA");
        env.put("cuda.availableDevices", 2);
        env.put("cuda.devicesInformation", List.of(Map.of("cuda.deviceName", "NVIDIA A100-SXM4-40GB",
                "cuda.totalMemory", 42_505_273_344L, "cuda.deviceMajor", 8, "cuda.deviceMinor", 0)));
        BackendInfo info = Backend.cuda(env, "CUBLAS");
        assertThat(info.gpu()).isTrue();
        assertThat(info.describe()).isEqualTo("GPU NVIDIA A100-SXM4-40GB (39.6 GiB), compute capability 8.0 "
                + "(first of 2 GPUs), BLAS CUBLAS");
        assertThat(BackendChoice.unsupportedGpu(8, 0)).isNull();
        assertThat(BackendChoice.unsupportedGpu(8, 9)).isNull();
        assertThat(BackendChoice.unsupportedGpu(3, 7)).isNull();
        assertThat(BackendChoice.unsupportedGpu(9, 0)).isEqualTo("compute capability 9.0 is outside the 3.7 to 8.x "
                + "that ND4J 1.0.0-M2.1's CUDA kernels are built for");
        assertThat(BackendChoice.unsupportedGpu(3, 5)).isNotNull();
        assertThat(new BackendInfo("CPU", "linux-x86_64-onednn", 1, true, "OPENBLAS").describe())
                .isEqualTo("CPU linux-x86_64-onednn, 1 thread, oneDNN layer helpers on, BLAS OPENBLAS");
    }
}
