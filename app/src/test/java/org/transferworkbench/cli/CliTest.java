package org.transferworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferworkbench.Synthetic;
import org.transferworkbench.core.experiment.NetFiles;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.results.ResultsFile;
import org.transferworkbench.core.results.ResultsStore;

class CliTest {

    @TempDir
    static Path shared;
    static Path data;

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void makeData() throws Exception {
        data = shared.resolve("synthetic data");
        Synthetic.writeIdx(data, 6, 30, 10, 20, 3);
    }

    @Test
    void inspectPrintsClassesAndJson() throws Exception {
        Run text = cli("inspect", data.toString());
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("class 5").contains("6 classes");
        Run json = cli("inspect", data.toString(), "--json");
        JsonNode node = new ObjectMapper().readTree(json.out());
        assertThat(node.get("classes")).hasSize(6);
        assertThat(node.get("test").asInt()).isEqualTo(60);
        assertThat(node.get("skipped")).isEmpty();
    }

    @Test
    void argumentErrorsGiveOneLineReasonAndNonZeroExit() {
        Run unknown = cli("sweep", data.toString(), "--out", tmp.toString(), "--bogus");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option").doesNotContain("Exception");

        Run noOut = cli("sweep", data.toString());
        assertThat(noOut.code()).isEqualTo(2);
        assertThat(noOut.err()).contains("--out");

        Run badK = cli("sweep", data.toString(), "--out", tmp.resolve("r").toString(), "--k", "9");
        assertThat(badK.code()).isEqualTo(1);
        assertThat(badK.err()).contains("cut point k=9").doesNotContain("at org.");

        Run badSplit = cli("sweep", data.toString(), "--out", tmp.resolve("r").toString(), "--split", "halves");
        assertThat(badSplit.code()).isEqualTo(1);
        assertThat(badSplit.err()).contains("split must be");

        Run badCondition = cli("sweep", data.toString(), "--out", tmp.resolve("r").toString(), "--conditions", "AnC");
        assertThat(badCondition.code()).isEqualTo(1);
        assertThat(badCondition.err()).contains("unknown condition 'AnC'");

        Run noData = cli("inspect", tmp.resolve("missing").toString());
        assertThat(noData.code()).isEqualTo(1);
        assertThat(noData.err()).contains("missing").contains("no such file or folder");
        assertThat(noData.err().lines().count()).isEqualTo(1);
    }

    @Test
    void fewshotRunsEachSizeWithBaseAOnceAndSaysWhereTransferPays() throws Exception {
        Path out = tmp.resolve("fewshot");
        Run r = cli("fewshot", data.toString(), "--out", out.toString(), "--cache", tmp.resolve("cache").toString(),
                "--sizes", "2,all", "--k", "2", "--seeds", "1", "--epochs", "1", "--min-steps", "3");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Test accuracy on B by training images per B class (k=2;")
                .containsPattern("(Transfer pays most at|No size shows a gain)");
        ResultsFile two = ResultsStore.read(out.resolve("per-class-2").resolve("results.json"));
        assertThat(two.runs()).extracting(RunRecord::condition).containsExactlyInAnyOrder(Condition.BASE_B,
                Condition.ANB, Condition.ANB_PLUS);
        assertThat(two.experiment().recipe().minSteps()).isEqualTo(3);
        // 2 images per class is one mini-batch: 3 updates need 3 epochs, validated once (as often as the recipe's
        // 1 epoch), after the last.
        assertThat(two.runs().get(0).epochs()).extracting(e -> e.epoch()).containsExactly(3);
        ResultsFile all = ResultsStore.read(out.resolve("per-class-all").resolve("results.json"));
        assertThat(all.runs()).hasSize(3);
        // One base A for every size (its cache key has no B size), one base B per size.
        assertThat(Files.list(tmp.resolve("cache")).filter(p -> p.toString().endsWith(".zip")).count())
                .isEqualTo(3);
        Run bad = cli("fewshot", data.toString(), "--out", out.toString(), "--sizes", "2,x");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("--sizes are numbers of images per class or 'all', not 'x'");
    }

    @Test
    void estimateScoresEveryCutPointFromTheCachedBaseAAndComparesWithAMeasuredSweep() throws Exception {
        Path cache = tmp.resolve("cache");
        Path out = tmp.resolve("anb");
        Run sweep = cli("sweep", data.toString(), "--out", out.toString(), "--cache", cache.toString(), "--epochs", "2",
                "--conditions", "AnB");
        assertThat(sweep.code()).as(sweep.err()).isZero();
        Run r = cli("estimate", data.toString(), "--cache", cache.toString(), "--epochs", "2", "--results",
                out.resolve("results.json").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Base A (seed 1) from the cache").contains("LEEP of base A's softmax")
                .containsPattern("(?m)^  1   conv1 +\\d+ +-?\\d+\\.\\d{4} +-?\\d+\\.\\d{3} ")
                .containsPattern("(?m)^  5   fc5 +256 ")
                .containsPattern("(Kendall's tau against the measured AnB over 5 cut points: LogME [+-]\\d\\.\\d\\d"
                        + "|lacks a learned AnB run)");
    }

    @Test
    void compareDrawsTheDropOfTwoSweepsSideBySide() throws Exception {
        Path cache = tmp.resolve("cache");
        Path random = tmp.resolve("random");
        Path groups = tmp.resolve("groups");
        Path groupsFile = tmp.resolve("groups.json");
        Files.writeString(groupsFile, "{\"name\": \"first vs last\", \"A\": [\"class 0\", \"class 1\", \"class 2\"], "
                + "\"B\": [\"class 3\", \"class 4\", \"class 5\"]}");
        for (String[] args : List.of(new String[] {"--out", random.toString(), "--splits", "2"},
                new String[] {"--out", groups.toString(), "--split", "groups:" + groupsFile})) {
            List<String> line = new ArrayList<>(List.of("sweep", data.toString(), "--cache", cache.toString(),
                    "--epochs", "2", "--conditions", "baseB,AnB", "--k", "1,5"));
            line.addAll(List.of(args));
            Run r = cli(line.toArray(String[]::new));
            assertThat(r.code()).as(r.err()).isZero();
        }
        Path svg = tmp.resolve("drop.svg");
        Run r = cli("compare", groups.toString(), random.toString(), "--labels", "groups,random", "--svg",
                svg.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("random: " + random + ", 2 split(s) x 1 seed(s), 6 runs")
                .contains("AnB - baseB in accuracy points")
                .containsPattern("(?m)^  1  +[+-]\\d+\\.\\d \\[[+-]\\d+\\.\\d, [+-]\\d+\\.\\d\\]")
                .containsPattern("At k=[15]: groups [+-]\\d+\\.\\d vs random [+-]\\d+\\.\\d points: the 95% intervals");
        assertThat(Files.readString(svg)).startsWith("<?xml").contains("<svg").contains("groups").contains("random");
        Run bad = cli("compare", groups.toString(), tmp.resolve("nothing here").toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err().strip().lines()).hasSize(1);
    }

    @Test
    void benchSweepTwinRunsBothSweepsAndPrintsTheRatioWithEveryAccuracy() throws Exception {
        // A stand-in for the PyTorch twin (run with /bin/sh instead of python): it prints what the real one prints.
        Path twin = tmp.resolve("twin.sh");
        Files.writeString(twin, "echo '# torch 1.13 threads=2'\necho 'baseB  k=0 test=0.9000 1.0s'\n"
                + "echo 'AnB    k=1 test=0.8000 1.0s'\necho '# total_wall_s=12.5 (import 1.0, data 0.5)'\n");
        Run r = cli("bench", "--sweep-twin", twin.toString(), "--python", "/bin/sh", "--sweep-data", data.toString(),
                "--sweep-epochs", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("RESULT torch # total_wall_s=12.5")
                .containsPattern("(?m)^  baseB   0 +\\d\\.\\d{4} +0\\.9000$")
                .containsPattern("(?m)^  AnB     1 +\\d\\.\\d{4} +0\\.8000$")
                .containsPattern("(?m)^  BnB\\+    5 +\\d\\.\\d{4} +-$")
                .containsPattern("workbench_wall_s=\\d+\\.\\d torch_wall_s=12\\.5")
                .containsPattern("sweep_ratio=\\d+\\.\\d\\d");
    }

    @Test
    void benchLayersTimesEveryLayerOfTheSweepsCnnBothWays() throws Exception {
        Run r = cli("bench", "--layers", "--data", data.toString(), "--epochs", "1", "--warmup", "0",
                "--train-images", "180");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("(first five classes' images used)").contains("2 steps an epoch")
                .containsPattern("(?m)^conv1 +ConvolutionLayer +\\d+\\.\\d\\d +\\d+\\.\\d\\d +FirstConvolution ")
                .containsPattern("(?m)^fc5 +DenseLayer .* LeanDense ")
                .containsPattern("layers_speedup=\\d+\\.\\d\\d");
    }

    @Test
    void theClassroomPresetSetsItsEpochsUnlessGivenAndAnUnknownPresetIsOneLine() throws Exception {
        Path out = tmp.resolve("classroom");
        Run r = cli("sweep", data.toString(), "--out", out.toString(), "--no-cache", "--preset", "classroom",
                "--conditions", "baseB");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Preset classroom: 150 training images per class, 3 epochs");
        assertThat(ResultsStore.read(out.resolve("results.json")).runs().get(0).epochs()).hasSize(3);
        Run given = cli("sweep", data.toString(), "--out", tmp.resolve("given").toString(), "--no-cache", "--preset",
                "classroom", "--epochs", "1", "--conditions", "baseB");
        assertThat(given.code()).as(given.err()).isZero();
        assertThat(ResultsStore.read(tmp.resolve("given").resolve("results.json")).runs().get(0).epochs()).hasSize(1);
        Run unknown = cli("sweep", data.toString(), "--out", tmp.resolve("x").toString(), "--preset", "lecture");
        assertThat(unknown.code()).isNotZero();
        assertThat(unknown.err().strip().lines()).hasSize(1);
        assertThat(unknown.err()).contains("unknown preset 'lecture'");
    }

    /**
     * Each run of a paper sweep computes on one thread whatever --workers says: oneDNN sums in another order on two
     * threads, which changed a run's losses and accuracy with --workers 1 (README: Speed: several runs at once).
     */
    @Test
    void aSweepsRunsComputeTheSameWithOneWorkerAndWithTwo() throws Exception {
        List<List<Double>> losses = new ArrayList<>();
        for (String workers : new String[] {"1", "2"}) {
            Path out = tmp.resolve("workers " + workers);
            Run run = cli("sweep", data.toString(), "--out", out.toString(), "--no-cache", "--epochs", "2",
                    "--conditions", "baseB,BnB+,AnB+", "--k", "1", "--workers", workers);
            assertThat(run.code()).as(run.err()).isZero();
            List<Double> these = new ArrayList<>();
            for (RunRecord r : ResultsStore.read(out.resolve("results.json")).runs().stream()
                    .sorted(Comparator.comparing(RunRecord::condition)).toList()) {
                r.epochs().forEach(e -> these.add(e.trainLoss()));
                these.add(r.testAccuracy());
            }
            losses.add(these);
        }
        assertThat(losses.get(0)).hasSize(9).containsExactlyElementsOf(losses.get(1));
    }

    @Test
    void sweepWritesResultsAndResumeSkipsFinishedRuns() throws Exception {
        Path out = tmp.resolve("results dir");
        Path cache = tmp.resolve("cache");
        Run first = cli("sweep", data.toString(), "--out", out.toString(), "--cache", cache.toString(), "--epochs", "2",
                "--conditions", "baseB,BnB", "--k", "5");
        assertThat(first.code()).as(first.err()).isZero();
        ResultsFile r1 = ResultsStore.read(out.resolve("results.json"));
        assertThat(r1.runs()).extracting(RunRecord::condition).containsExactly(Condition.BASE_B, Condition.BNB);
        assertThat(r1.experiment().architecture().weightLayers()).containsExactly("conv1", "conv2", "conv3", "conv4",
                "fc5", "fc6");
        assertThat(r1.experiment().backend().backend()).isEqualTo("CPU");
        assertThat(r1.runs().get(0).epochs()).hasSize(2);
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(0)).startsWith("condition,k,split_seed,seed,test_accuracy");

        Run again = cli("sweep", data.toString(), "--out", out.toString(), "--epochs", "2");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("already holds results").contains("--resume");

        Run otherRecipe = cli("sweep", data.toString(), "--out", out.toString(), "--epochs", "3", "--resume");
        assertThat(otherRecipe.code()).isEqualTo(1);
        assertThat(otherRecipe.err()).contains("cannot resume").contains("recipe");

        Run resumed = cli("sweep", data.toString(), "--out", out.toString(), "--cache", cache.toString(), "--epochs",
                "2", "--conditions", "baseB,BnB,BnB+", "--k", "4..5", "--resume");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("(2 already done)");
        ResultsFile r2 = ResultsStore.read(out.resolve("results.json"));
        assertThat(r2.runs()).hasSize(5);
        assertThat(r2.runs().subList(0, 2)).usingRecursiveComparison().isEqualTo(r1.runs());
        assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(6);
    }

    @Test
    void trainBaseSavesZipAndSidecar() {
        Path net = tmp.resolve("nets/base A.zip");
        Run run = cli("train-base", data.toString(), "--split", "random", "--seed", "4", "--side", "A", "--epochs", "1",
                "--out", net.toString());
        assertThat(run.code()).as(run.err()).isZero();
        NetFiles.Loaded loaded = NetFiles.load(net);
        assertThat(loaded.info().side()).isEqualTo("A");
        assertThat(loaded.info().classes()).hasSize(3);
        assertThat(loaded.info().inputShape()).containsExactly(1, 20, 20);
        assertThat(loaded.info().testAccuracy()).isBetween(0.0, 1.0);
        assertThat(loaded.net().getnLayers()).isEqualTo(8); // 6 weight layers + 2 pooling

        Run described = cli("inspect-net", net.toString(), "--json");
        assertThat(described.code()).as(described.err()).isZero();
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(described.out());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(node.at("/layers")).hasSize(8);
        assertThat(node.at("/cutPoints/4/lastTransferredLayer").asText()).isEqualTo("fc5");
        assertThat(node.at("/input/height").asInt()).isEqualTo(20);
        assertThat(node.at("/trainedOn/side").asText()).isEqualTo("A");
        Run text = cli("inspect-net", net.toString());
        assertThat(text.out()).contains("k=1 (up to conv1)").contains("Trained on synthetic data");

        Run notANet = cli("inspect-net", data.resolve("classes.txt").toString());
        assertThat(notANet.code()).isEqualTo(1);
        assertThat(notANet.err()).contains("classes.txt").contains("not a net file").doesNotContain("at org.");
    }

    static final Path KERAS = Path.of("..", "assets", "nets", "keras");

    @Test
    void sweepAgainstAKerasNetRunsBaselineFrozenAndFineTunedWithAnEstimateFirst() throws Exception {
        Path out = tmp.resolve("keras run");
        Run run = cli("sweep", data.toString(), "--pretrained", KERAS.resolve("fashion-A-functional.h5").toString(),
                "--out", out.toString(), "--epochs", "1", "--k", "1,3");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Keras functional HDF5").contains("k=1 up to conv1, k=3 up to fc1")
                .contains("Estimated time: about").contains("for 5 runs");
        assertThat(run.out().indexOf("Estimated time")).isLessThan(run.out().indexOf("[ 1/5]"));
        ResultsFile results = ResultsStore.read(out.resolve("results.json"));
        assertThat(results.experiment().isPretrained()).isTrue();
        assertThat(results.experiment().split().classesB()).hasSize(6);
        assertThat(results.experiment().source()).contains("fashion-A-functional.h5").contains("sha256");
        assertThat(results.experiment().dataset().inputShape()).containsExactly(1, 28, 28);
        assertThat(results.runs()).extracting(RunRecord::condition)
                .containsExactly(Condition.BASE_B, Condition.ANB, Condition.ANB_PLUS, Condition.ANB,
                        Condition.ANB_PLUS);
        // Resuming the same sweep finds everything done; another net is refused.
        Run again = cli("sweep", data.toString(), "--pretrained", KERAS.resolve("fashion-A-functional.h5").toString(),
                "--out", out.toString(), "--epochs", "1", "--k", "1,3", "--resume");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("5 already done");
        Run other = cli("sweep", data.toString(), "--pretrained", KERAS.resolve("fashion-A-sequential.h5").toString(),
                "--out", out.toString(), "--epochs", "1", "--k", "1,3", "--resume");
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.err()).contains("cannot resume");
    }

    @Test
    void pretrainedErrorsAreOneLineAndNameTheFile() throws Exception {
        Run weightsOnly = cli("inspect-net", KERAS.resolve("weights-only.h5").toString());
        assertThat(weightsOnly.code()).isEqualTo(1);
        assertThat(weightsOnly.err()).contains("weights-only.h5").contains("weights only")
                .doesNotContain("at org.").doesNotContain("HDF5-DIAG");
        Run selffer = cli("sweep", data.toString(), "--pretrained", KERAS.resolve("fashion-A-sequential.h5").toString(),
                "--out", tmp.resolve("x").toString(), "--conditions", "BnB");
        assertThat(selffer.code()).isEqualTo(1);
        assertThat(selffer.err()).contains("BnB").contains("baseB, AnB and AnB+");
        Run size = cli("sweep", data.toString(), "--pretrained", KERAS.resolve("fashion-A-sequential.h5").toString(),
                "--out", tmp.resolve("y").toString(), "--image-size", "32");
        assertThat(size.code()).isEqualTo(1);
        assertThat(size.err()).contains("image size 32 contradicts the net's input 28x28");
        Run keras = cli("inspect-net", KERAS.resolve("fashion-A-sequential.h5").toString(), "--json");
        JsonNode node = new ObjectMapper().readTree(keras.out());
        assertThat(node.at("/format").asText()).isEqualTo("Keras Sequential HDF5");
        assertThat(node.at("/input/channelsLast").asBoolean()).isTrue();
        assertThat(node.at("/cutPoints/2/lastTransferredLayer").asText()).isEqualTo("fc1");
        assertThat(node.at("/replacedClassifier").asText()).isEqualTo("predictions");
    }

    @Test
    void inspectJsonReportsSkippedFilesNotesAndTheResizeRule() throws Exception {
        Path folder = tmp.resolve("images ü");
        for (String cls : new String[] {"a", "b"}) {
            Files.createDirectories(folder.resolve(cls));
            for (int i = 0; i < 6; i++) {
                java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(10, 20,
                        java.awt.image.BufferedImage.TYPE_INT_RGB);
                javax.imageio.ImageIO.write(img, "png", folder.resolve(cls + "/" + i + ".png").toFile());
            }
        }
        Files.write(folder.resolve("a/broken.png"), new byte[0]);
        Files.createDirectories(folder.resolve("c"));
        Files.copy(folder.resolve("a/0.png"), folder.resolve("c/only.png"));
        Run run = cli("inspect", folder.toString(), "--json", "--resize", "pad");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode node = new ObjectMapper().readTree(run.out());
        assertThat(node.get("resize").asText()).isEqualTo("pad");
        assertThat(node.get("classes")).hasSize(2);
        assertThat(node.get("notes").toString()).contains("class c left out");
        assertThat(node.get("skipped").toString()).contains("a/broken.png").contains("empty file (0 bytes)");
        Run bad = cli("inspect", folder.toString(), "--resize", "stretch");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("unknown resize rule 'stretch'");
    }
}
