package org.transferworkbench.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferworkbench.Synthetic;
import org.transferworkbench.core.results.ResultsFile;
import org.transferworkbench.core.results.ResultsStore;

/**
 * kill -9 in the middle of a sweep (two workers writing) leaves valid results, and --resume (run again, as a user
 * would) redoes nothing.
 */
class KillAndResumeTest {

    @TempDir
    Path tmp;

    @Test
    void aKilledSweepLeavesValidResultsAndResumeFinishesWithoutRedoingRuns() throws Exception {
        Path data = tmp.resolve("data");
        Synthetic.writeIdx(data, 6, 40, 10, 20, 5);
        Path out = tmp.resolve("out");
        String[] sweep = {"sweep", data.toString(), "--out", out.toString(), "--epochs", "3", "--no-cache",
                "--workers", "2"};
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-XX:ErrorFile=" + tmp.resolve("hs_err_pid%p.log"), "-cp",
                System.getProperty("java.class.path"), "org.transferworkbench.Main"));
        command.addAll(List.of(sweep));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile())
                .start();
        Path json = out.resolve(ResultsStore.JSON_NAME);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && runsIn(json) < 4) {
            Thread.sleep(100);
        }
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
        p.waitFor();
        int before = runsIn(json);
        assertThat(before).as(report(tmp.resolve("log"))).isGreaterThanOrEqualTo(4).isLessThan(22);
        ResultsFile killed = ResultsStore.read(json);
        assertThat(killed.runs()).hasSize(before);

        // Resumed the way a user does it, by running the command again: in a JVM of its own, whose output (and
        // crash report, if any) the assertion shows.
        command.add("--resume");
        Process again = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("resume.log").toFile()).start();
        boolean ended = again.waitFor(300, TimeUnit.SECONDS);
        if (!ended) {
            again.destroyForcibly().waitFor();
        }
        assertThat(ended && again.exitValue() == 0).as(report(tmp.resolve("resume.log"))).isTrue();
        ResultsFile done = ResultsStore.read(json);
        assertThat(done.runs()).hasSize(22);
        assertThat(done.runs().stream().map(r -> r.key()).distinct().count()).isEqualTo(22);
        assertThat(done.runs().subList(0, before)).extracting(r -> r.finishedAt())
                .isEqualTo(killed.runs().stream().map(r -> r.finishedAt()).toList());
        assertThat(Files.readAllLines(out.resolve(ResultsStore.CSV_NAME))).hasSize(23);
        try (var files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList()).isEmpty();
        }
    }

    /** A child's output, and the start of its crash report if it crashed. */
    private String report(Path log) throws IOException {
        StringBuilder text = new StringBuilder(Files.readString(log));
        try (var files = Files.list(tmp)) {
            for (Path crash : files.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList()) {
                text.append("\n").append(crash).append(":\n");
                Files.readAllLines(crash).stream().limit(80).forEach(line -> text.append(line).append('\n'));
            }
        }
        return text.toString();
    }

    private static int runsIn(Path json) {
        try {
            return Files.exists(json) ? ResultsStore.read(json).runs().size() : 0;
        } catch (RuntimeException e) {
            return 0; // never torn (written by rename), but a read may race the first write of the folder
        }
    }
}
