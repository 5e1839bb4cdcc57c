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
}
