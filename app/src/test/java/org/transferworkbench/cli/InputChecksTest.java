package org.transferworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferworkbench.Synthetic;
import org.transferworkbench.core.results.ResultsStore;

/** Options and outputs a clumsy user or an attacker gets wrong: one line each, nothing trained twice or silently. */
class InputChecksTest {

    @TempDir
    static Path shared;
    static Path data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void makeData() throws Exception {
        data = shared.resolve("data");
        Synthetic.writeIdx(data, 6, 30, 10, 20, 3);
    }

    static CliTest.Run cli(String... args) {
        return CliTest.cli(args);
    }

    static void assertOneLine(CliTest.Run r, int code, String reason) {
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        assertThat(r.err().strip().lines().filter(l -> l.startsWith("error:")).toList()).hasSize(1);
        assertThat(r.err()).contains(reason).doesNotContain("\tat ");
    }

    @Test
    void cutPointsNamedTwiceOrAbsurdRangesAreRefusedBeforeAnythingRuns() {
        assertOneLine(cli("sweep", data.toString(), "--out", tmp.resolve("a").toString(), "--k", "1,1"), 1,
                "--k names cut point 1 twice");
        long start = System.nanoTime();
        assertOneLine(cli("sweep", data.toString(), "--out", tmp.resolve("b").toString(), "--k", "1..2000000000"), 1,
                "cut points run from 1");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
        assertThat(Files.exists(tmp.resolve("a/results.json"))).isFalse();
    }

    @Test
    void aClassTwiceInAGroupsFileIsRefusedNotTrainedAsAOneClassTask() throws Exception {
        Path groups = Files.writeString(tmp.resolve("groups.json"),
                "{\"A\": [\"class 0\", \"class 0\"], \"B\": [\"class 2\", \"class 3\"]}");
        assertOneLine(cli("sweep", data.toString(), "--out", tmp.resolve("g").toString(), "--split",
                "groups:" + groups), 1, "is listed twice in A");
    }

    @Test
    void trainBaseChecksItsOutputBeforeTraining() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("nets"));
        long start = System.nanoTime();
        assertOneLine(cli("train-base", data.toString(), "--out", folder.toString()), 1, "is a folder");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
        try (var files = Files.list(folder)) {
            assertThat(files.toList()).as("no orphan sidecar").isEmpty();
        }
    }

    @Test
    void anIdxSetTooLargeForOneArrayIsRefusedWithTheSizeNotAnInternalError() throws Exception {
        // 3,000 images at 512x512x3 are 2.4 billion values: more than a Java array holds (it overflowed an int).
        Path many = shared.resolve("many");
        Synthetic.writeIdx(many, 6, 500, 10, 20, 4);
        long start = System.nanoTime();
        assertOneLine(cli("inspect", many.toString(), "--image-size", "512", "--channels", "3"), 1,
                "more than one array holds");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
    }

    @Test
    void resultsAreWrittenThroughUnpredictableTempFilesAndStaleOnesAreCleanedOnResume() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("res"));
        // A link planted under the old, guessable temp name must not redirect the write.
        Path victim = Files.writeString(tmp.resolve("victim.txt"), "precious");
        Path planted = out.resolve(".results.json." + ProcessHandle.current().pid() + ".tmp");
        Files.createSymbolicLink(planted, victim);
        Path stale = Files.writeString(out.resolve(".results.json.12345.tmp"), "left by a kill");
        CliTest.Run r = cli("sweep", data.toString(), "--out", out.toString(), "--epochs", "1", "--k", "1",
                "--conditions", "baseB", "--no-cache", "--resume");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(Files.exists(stale)).isFalse();
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList())
                    .containsOnly(planted.getFileName().toString());
        }
    }

    @Test
    void splitsRepeatTheSweepPerSplitSeedAndTheFindingsAverageOverThem() throws Exception {
        Path out = tmp.resolve("splits");
        CliTest.Run r = cli("sweep", data.toString(), "--out", out.toString(), "--epochs", "1", "--k", "1",
                "--conditions", "baseB,AnB", "--seeds", "2", "--splits", "2", "--no-cache", "--workers", "2");
        assertThat(r.code()).as(r.err()).isZero();
        var first = ResultsStore.read(out.resolve("split-1/results.json"));
        var second = ResultsStore.read(out.resolve("split-2/results.json"));
        assertThat(first.runs()).hasSize(4).allMatch(run -> run.splitSeed() == 1);
        assertThat(second.runs()).hasSize(4).allMatch(run -> run.splitSeed() == 2);
        assertThat(first.experiment().split().classesB()).isNotEqualTo(second.experiment().split().classesB());
        assertThat(r.out()).contains("Spread of test accuracy over").contains("the split explains");
        assertThat(first.findings()).isEqualTo(second.findings()).isNotEmpty();
        assertOneLine(cli("sweep", data.toString(), "--out", tmp.resolve("g").toString(), "--splits", "2", "--split",
                "groups:" + tmp.resolve("x.json")), 1, "a groups file fixes the split");
    }

    @Test
    void ckaComparesEveryLayerOfTheFourNetsOnBsTestImages() {
        CliTest.Run r = cli("cka", data.toString(), "--k", "2", "--epochs", "1", "--images", "40", "--no-cache");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> rows = r.out().lines().filter(l -> l.matches("^  (conv|fc)\\d\\*? .*")).toList();
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).startsWith("  conv1*");
        for (String row : rows) {
            String[] cells = row.trim().split("\\s+");
            for (int i = 1; i < cells.length; i++) {
                assertThat(Double.parseDouble(cells[i])).isBetween(0.0, 1.0 + 1e-9);
            }
        }
        // The first layer is transferred and, after one epoch, still almost the same in the fine-tuned net.
        assertThat(Double.parseDouble(rows.get(0).trim().split("\\s+")[2])).isGreaterThan(0.9);
    }
}
