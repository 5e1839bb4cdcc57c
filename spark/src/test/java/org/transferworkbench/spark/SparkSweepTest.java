package org.transferworkbench.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferworkbench.cli.SweepSpec;
import org.transferworkbench.core.backend.Backend;
import org.transferworkbench.core.experiment.SweepListener;
import org.transferworkbench.core.sweep.Sweep;
import org.transferworkbench.core.sweep.SweepOutcome;
import org.transferworkbench.core.train.CancellationToken;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.results.ResultsFile;
import org.transferworkbench.core.results.ResultsStore;

/**
 * A tiny sweep on {@code local[2]} against the same sweep run by the CLI with two one-thread workers: the same runs,
 * the same accuracies and per-image results to the last digit, the same files; and {@code --resume} trains nothing.
 */
class SparkSweepTest {

    private static final List<String> SWEEP = List.of("../sample-data/emoji-natural-manmade", "--split", "random",
            "--seed", "1", "--epochs", "1", "--k", "1,2", "--b-per-class", "20");
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("SparkSweepTest")
                .set("spark.ui.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    @Test
    void theSameArgumentsGiveTheSameRunsAsTheLocalSweep(@TempDir Path tmp) throws Exception {
        // The local sweep as `sweep ... --workers 2 --no-cache` runs it (not through Cli.run: that installs the
        // app's deserialization filter for the whole JVM, and Spark moves its tasks by Java serialization).
        Path local = tmp.resolve("local");
        List<String> cli = new ArrayList<>(SWEEP);
        cli.addAll(List.of("--out", local.toString()));
        SweepSpec spec = SweepSpec.parse(cli.toArray(String[]::new));
        Backend.limitThreads(1);
        assertThat(Sweep.open(spec.plan(), spec.out(), false, null).withWorkers(2)
                .run(SweepListener.NONE, new CancellationToken())).isEqualTo(SweepOutcome.COMPLETED);

        Path spark = tmp.resolve("spark");
        List<String> args = new ArrayList<>(SWEEP);
        args.addAll(List.of("--out", spark.toString()));
        StringWriter text = new StringWriter();
        assertThat(SparkSweep.run(sc, args, new PrintWriter(text, true))).as(text.toString()).isZero();
        assertThat(text.toString()).contains("10 of 10 runs to train").contains("[10/10]");

        Map<String, RunRecord> mine = byKey(spark);
        Map<String, RunRecord> theirs = byKey(local);
        assertThat(mine.keySet()).hasSize(10).isEqualTo(theirs.keySet());
        for (String key : mine.keySet()) {
            RunRecord a = mine.get(key);
            RunRecord b = theirs.get(key);
            assertThat(a.testAccuracy()).as(key).isEqualTo(b.testAccuracy());
            assertThat(a.correct()).as(key).isEqualTo(b.correct());
            assertThat(a.confusion()).as(key).isEqualTo(b.confusion());
            // Every epoch's loss and validation accuracy too (its seconds are this machine's, not the run's).
            assertThat(a.epochs()).as(key).usingRecursiveFieldByFieldElementComparatorIgnoringFields("seconds")
                    .isEqualTo(b.epochs());
        }
        ResultsFile sparkFile = ResultsStore.read(spark.resolve(ResultsStore.JSON_NAME));
        ResultsFile localFile = ResultsStore.read(local.resolve(ResultsStore.JSON_NAME));
        assertThat(sparkFile.experiment().incompatibility(localFile.experiment())).isNull();
        assertThat(sparkFile.findings()).isNotEmpty();
        assertThat(Files.readAllLines(spark.resolve(ResultsStore.CSV_NAME)).get(0))
                .isEqualTo(Files.readAllLines(local.resolve(ResultsStore.CSV_NAME)).get(0));
        assertThat(Files.readAllLines(spark.resolve(ResultsStore.CSV_NAME))).hasSize(11);

        List<String> again = new ArrayList<>(args);
        again.add("--resume");
        StringWriter second = new StringWriter();
        assertThat(SparkSweep.run(sc, again, new PrintWriter(second, true))).isZero();
        assertThat(second.toString()).contains("0 of 10 runs to train").doesNotContain("[1/10]");
        assertThat(byKey(spark)).hasSize(10);
    }

    @Test
    void aSecondSweepIntoTheSameFolderWithoutResumeIsRefusedInOneLine(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.copy(Path.of("../app/src/test/resources/results/emoji-groups-0.1.0.json"), out.resolve("results.json"));
        List<String> args = new ArrayList<>(SWEEP);
        args.addAll(List.of("--out", out.toString()));
        assertThatThrownBy(() -> SparkSweep.run(sc, args,
                new PrintWriter(new StringWriter()))).hasMessageContaining("already holds results")
                .hasMessageNotContaining("\n");
    }

    private static Map<String, RunRecord> byKey(Path folder) {
        Map<String, RunRecord> map = new TreeMap<>();
        for (RunRecord r : ResultsStore.read(folder.resolve(ResultsStore.JSON_NAME)).runs()) {
            map.put(r.condition().label() + " k=" + r.k() + " seed " + r.seed(), r);
        }
        return map;
    }
}
