package org.transferworkbench.core.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferworkbench.Synthetic;
import org.transferworkbench.core.data.TensorSet;

class BenchTest {

    @TempDir
    Path dir;

    @Test
    void javaRoundMeasuresEveryPhaseOnTinyData() {
        TensorSet train = Synthetic.tensors(10, 26, 28, 1);
        TensorSet test = Synthetic.tensors(10, 26, 28, 2);
        List<String> log = new ArrayList<>();
        JavaBench.Result r = JavaBench.run(train, test, 2, 1, 7, log::add);
        assertThat(r.train().count()).isEqualTo(2);
        assertThat(r.infer().count()).isEqualTo(3);
        assertThat(r.train().median()).isPositive();
        assertThat(r.infer().median()).isPositive();
        assertThat(r.head().median()).isPositive();
        assertThat(r.frozen().median()).isPositive();
        assertThat(r.testAccuracy()).isBetween(0.0, 1.0);
        assertThat(log).anyMatch(l -> l.startsWith("java_train_epoch 0"))
                .anyMatch(l -> l.contains("speedup_vs_frozen="));
    }

    @Test
    void readsThePyTorchScriptsResultLines() throws Exception {
        Path fake = dir.resolve("fake_torch.sh");
        Files.writeString(fake, String.join("\n",
                "echo 'RESULT torch=1.13.0a0 import_s=1.2 threads=2'",
                "echo 'RESULT torch_train_median_img_per_s=2500.5 min=2400 max=2600'",
                "echo 'RESULT torch_infer_median_img_per_s=7000'",
                "echo 'RESULT torch_head_median_img_per_s=20000 acc=0.86 speedup_vs_frozen=4.2'",
                "echo 'some other output'", ""));
        Map<String, Double> values = TorchBench.run("/bin/sh", fake, dir, 10000, 3, 1, 10000, 2, line -> { });
        assertThat(values.get("torch_train_median_img_per_s")).isEqualTo(2500.5);
        assertThat(values.get("torch_infer_median_img_per_s")).isEqualTo(7000.0);
        assertThat(values.get("speedup_vs_frozen")).isEqualTo(4.2);
        assertThat(values).doesNotContainKey("torch");
    }

    @Test
    void aScriptThatFailsIsReportedWithItsOutput() throws IOException {
        Path fake = dir.resolve("broken.sh");
        Files.writeString(fake, "echo 'ModuleNotFoundError: No module named torch'\nexit 1\n");
        assertThatThrownBy(() -> TorchBench.run("/bin/sh", fake, dir, 10, 1, 1, 10, 2, line -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("No module named torch")
                .hasMessageContaining("exited with 1");
    }

    @Test
    void flopsPerImageOfTheReferenceCnnFromItsLayerShapes() {
        var conf = org.transferworkbench.core.net.NetFactory.full( // qualified: used once
                org.transferworkbench.core.net.Architecture.referenceCnn( // qualified: used once
                        new org.transferworkbench.core.data.InputShape(1, 28, 28), 10), // qualified: used once
                new org.transferworkbench.core.net.Recipe(1, 64, 1e-3, 1.0), 1) // qualified: used once
                .getLayerWiseConfigurations();
        var input = org.deeplearning4j.nn.conf.inputs.InputType.convolutional(28, 28, 1); // qualified: used once
        // conv1 5x5 valid: 24x24x32 outputs of 25 multiply-adds; conv2 5x5 valid on 12x12x32: 8x8x64 of 25x32;
        // fc3 1024 -> 256; fc4 256 -> 10. Pooling is not counted.
        long expected = 2L * 24 * 24 * 32 * 25 + 2L * 8 * 8 * 64 * 25 * 32 + 2L * 1024 * 256 + 2L * 256 * 10;
        assertThat(Flops.forwardPerImage(conf, input)).isEqualTo(expected).isEqualTo(8_004_608L);
        assertThat(Flops.trainPerImage(conf, input)).isEqualTo(3 * expected);
    }

    @Test
    void peakFromCpuInfoAndTheLargerOfFormulaAndSgemm() {
        String avx2 = "processor : 0\ncpu MHz\t\t: 2445.404\nflags\t\t: fpu sse avx avx2 fma bmi2\n"
                + "processor : 1\ncpu MHz\t\t: 2600.000\n";
        assertThat(Flops.clockGhz(avx2)).isEqualTo(2.6);
        assertThat(Flops.simdFloats(avx2)).isEqualTo(8);
        assertThat(Flops.simdFloats("flags : fpu avx2 fma avx512f avx512bw\n")).isEqualTo(16);
        assertThat(Flops.simdFloats("flags : fpu sse2\n")).isEqualTo(4);
        assertThat(Flops.clockGhz("")).isZero();
        Flops.Peak peak = new Flops.Peak(2, 2.5, 8, 2, 175);
        assertThat(peak.formulaGflops()).isEqualTo(160.0);
        assertThat(peak.gflops()).isEqualTo(175.0);
        assertThat(new Flops.Peak(2, 2.5, 8, 2, 100).gflops()).isEqualTo(160.0);
        assertThat(Flops.sgemmGflops()).isPositive();
    }

    @Test
    void readsTheSweepTwinsRunsAndWallTime() throws Exception {
        List<String> lines = List.of("# torch 1.13.0 threads=2 import=1.20s data=0.80s A=[..] B=[..]",
                "baseB  k=0 test=0.9490 52.1s (train 50.0 val 1.0 feat 0.0)",
                "AnB+   k=3 test=0.9460 18.2s (train 17.0 val 1.0 feat 0.0)",
                "BnB    k=5 test=0.9570 2.1s (train 1.0 val 0.1 feat 0.9)",
                "# total_wall_s=281.4 (import 1.2, data 0.8)");
        SweepTwin.Outcome o = SweepTwin.parse(lines, Path.of("twin.py"));
        assertThat(o.wallSeconds()).isEqualTo(281.4);
        assertThat(o.accuracies()).containsEntry("baseB k=0", 0.949).containsEntry("AnB+ k=3", 0.946)
                .containsEntry("BnB k=5", 0.957).hasSize(3);
        assertThatThrownBy(() -> SweepTwin.parse(List.of("Traceback ...", "ImportError: torch"), Path.of("twin.py")))
                .isInstanceOf(IOException.class).hasMessageContaining("twin.py").hasMessageContaining("ImportError");
    }
}
