package org.transferworkbench.core.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.results.Findings.Finding;
import org.transferworkbench.core.stats.Correctness;

class FindingsTest {

    /** A run on {@code n} balanced test images of {@code classes} classes, right on a random {@code accuracy} share. */
    static RunRecord run(String condition, int k, long seed, double accuracy, int n, int classes) {
        Random random = new Random(condition.hashCode() * 31L + k * 7L + seed);
        boolean[] right = new boolean[n];
        int[][] confusion = new int[classes][classes];
        int correct = 0;
        for (int i = 0; i < n; i++) {
            int truth = i % classes;
            right[i] = random.nextDouble() < accuracy;
            int predicted = right[i] ? truth : (truth + 1 + random.nextInt(classes - 1)) % classes;
            confusion[truth][predicted]++;
            correct += right[i] ? 1 : 0;
        }
        return new RunRecord(Condition.fromLabel(condition), k, 1, seed, correct / (double) n, List.of(), 1, false,
                "t", confusion, new int[0], Correctness.encode(right), null);
    }

    static RunRecord run(String condition, int k, long seed, double accuracy) {
        return run(condition, k, seed, accuracy, 400, 5);
    }

    static List<String> texts(List<Finding> findings) {
        return findings.stream().map(Finding::text).toList();
    }

    @Test
    void clearEffectsOverThreeSeedsAreStatedWithTheirIntervals() {
        List<RunRecord> runs = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            runs.addAll(List.of(run("baseB", 0, seed, 0.70), run("AnB", 1, seed, 0.90), run("AnB", 2, seed, 0.85),
                    run("AnB", 3, seed, 0.60), run("AnB+", 1, seed, 0.92), run("AnB+", 2, seed, 0.92),
                    run("AnB+", 3, seed, 0.91), run("BnB+", 1, seed, 0.91), run("BnB+", 2, seed, 0.92),
                    run("BnB+", 3, seed, 0.91), run("BnB", 2, seed, 0.69)));
        }
        List<Finding> findings = Findings.of(runs, List.of(1, 2, 3));
        assertThat(texts(findings)).anyMatch(l -> l.startsWith("Frozen transfer (AnB) falls from")
                && l.contains("the top layers are specific to A"));
        assertThat(texts(findings)).anyMatch(l -> l.startsWith("Fine-tuning at k=3") && l.contains("recovers"));
        assertThat(texts(findings)).anyMatch(l ->
                l.contains("transfer with fine-tuning beats training B from scratch"));
        // AnB+ and BnB+ are the same: no claim, and the sentence says so.
        assertThat(texts(findings)).anyMatch(l -> l.startsWith("Transfer vs. extra training")
                && l.contains("within noise"));
        Finding falls = findings.stream().filter(f -> f.text().startsWith("Frozen transfer")).findFirst().orElseThrow();
        assertThat(falls.claim()).isTrue();
        assertThat(falls.interval().high()).isLessThan(0);
        assertThat(falls.test()).contains("paired bootstrap").contains("3 replicate");
        assertThat(texts(findings)).anyMatch(l -> l.contains("here 3 seeds x splits and 400 test images"));
    }

    @Test
    void theEmojiDipOf66TestImagesIsWithinNoiseAndNoEffectIsClaimed() {
        // The example: one seed, 66 test images on B, BnB at k=2 5.6 points below baseB.
        List<RunRecord> runs = List.of(run("baseB", 0, 1, 0.59, 66, 5), run("BnB", 1, 1, 0.58, 66, 5),
                run("BnB", 2, 1, 0.535, 66, 5), run("BnB", 3, 1, 0.56, 66, 5), run("AnB", 1, 1, 0.57, 66, 5),
                run("AnB", 3, 1, 0.55, 66, 5), run("AnB+", 3, 1, 0.58, 66, 5));
        List<Finding> findings = Findings.of(runs, List.of(1, 2, 3));
        assertThat(findings).isNotEmpty().noneMatch(Finding::claim);
        assertThat(texts(findings)).noneMatch(l -> l.contains("Selffer dip:") || l.contains("co-adaptation")
                || l.contains("falls") || l.contains("beats"));
        assertThat(texts(findings)).anyMatch(l -> l.startsWith("No selffer dip") && l.contains("within noise"));
        assertThat(texts(findings)).anyMatch(l -> l.contains("One training seed"));
    }

    @Test
    void aCollapsedRunIsLeftOutAndNamedAndNoClaimRestsOnIt() {
        // baseB answers one class for most test images: its 0.36 is the majority share of this test set.
        int[][] confusion = new int[5][5];
        int[] perClass = {30, 15, 13, 13, 12};
        for (int c = 0; c < 5; c++) {
            confusion[c][0] = perClass[c];
        }
        RunRecord collapsed = new RunRecord(Condition.BASE_B, 0, 1, 1, 30 / 83.0, List.of(), 1, false, "t",
                confusion, new int[0], null, null);
        assertThat(LearningCheck.of(collapsed).learned()).isFalse();
        assertThat(LearningCheck.of(collapsed).reason()).contains("within noise of the 0.361");
        List<RunRecord> runs = List.of(collapsed, run("AnB+", 1, 1, 0.9, 83, 5), run("AnB+", 2, 1, 0.9, 83, 5),
                run("AnB", 1, 1, 0.9, 83, 5), run("AnB", 2, 1, 0.5, 83, 5));
        List<Finding> findings = Findings.of(runs, List.of(1, 2));
        assertThat(texts(findings)).anyMatch(l -> l.startsWith("baseB (seed 1) did not learn")
                && l.contains("load a net trained on more data"));
        assertThat(texts(findings)).noneMatch(l -> l.contains("vs baseB") || l.contains("from scratch:"));
        // Alone, the note stands without the rule about intervals (there is no interval to explain).
        assertThat(Findings.of(List.of(collapsed), List.of(1, 2))).singleElement()
                .satisfies(f -> assertThat(f.text()).startsWith("baseB (seed 1) did not learn"));
    }

    @Test
    void runsThatAnswerOneClassForMostImagesDidNotLearn() {
        int[][] confusion = {{40, 0}, {0, 40}};
        RunRecord fine = new RunRecord(Condition.ANB, 1, 1, 1, 1.0, List.of(), 1, false, "t", confusion,
                new int[0], null, null);
        assertThat(LearningCheck.of(fine).learned()).isTrue();
        int[][] mostlyOne = new int[5][5];
        for (int c = 0; c < 5; c++) {
            mostlyOne[c][c] = 12;
            mostlyOne[c][0] += 8; // 8 of every class answered "class 0": 52 answers of 100
        }
        RunRecord skewed = new RunRecord(Condition.ANB, 1, 1, 1, 68 / 100.0, List.of(), 1, false, "t", mostlyOne,
                new int[0], null, null);
        assertThat(LearningCheck.of(skewed).learned()).isFalse();
        assertThat(LearningCheck.of(skewed).reason()).isEqualTo("it answers one class for 52 of 100 test images");
    }

    @Test
    void filesWithoutPerImageResultsAreComparedUnpairedAndNothingIsEmptyWithoutRuns() {
        List<RunRecord> runs = new ArrayList<>();
        for (RunRecord r : List.of(run("AnB", 1, 1, 0.95), run("AnB", 3, 1, 0.70))) {
            runs.add(new RunRecord(r.condition(), r.k(), 1, 1, r.testAccuracy(), List.of(), 1, false, "t",
                    r.confusion(), new int[0], null, null));
        }
        List<Finding> findings = Findings.of(runs, List.of(1, 2, 3));
        assertThat(findings.get(0).test()).startsWith("unpaired (binomial) bootstrap");
        assertThat(findings.get(0).claim()).isTrue();
        assertThat(Findings.of(List.of(), List.of(1, 2, 3))).isEmpty();
        assertThat(Findings.sentences(runs, List.of(1, 2, 3), "the loaded net's own task"))
                .anyMatch(l -> l.contains("specific to the loaded net's own task"));
    }

    @Test
    void theIntervalTableGivesEachCellsMeanWithAnIntervalAroundIt() {
        List<RunRecord> runs = List.of(run("baseB", 0, 1, 0.70), run("baseB", 0, 2, 0.72), run("AnB", 2, 1, 0.80),
                run("AnB", 2, 2, 0.82));
        String table = Summary.intervals(runs, List.of(1, 2));
        assertThat(table).startsWith("Test accuracy, mean [95% interval]\n");
        String baseB = table.lines().filter(l -> l.strip().startsWith("baseB")).findFirst().orElseThrow();
        String anb = table.lines().filter(l -> l.strip().startsWith("AnB")).findFirst().orElseThrow();
        assertThat(table.lines()).hasSize(4).noneMatch(l -> l.strip().startsWith("BnB"));
        double mean = Summary.cell(runs, Condition.BASE_B, 0).mean();
        assertThat(baseB).contains(String.format(Locale.ROOT, "%.3f [", mean));
        var cell = Summary.cell(runs, Condition.ANB, 2);
        assertThat(cell.interval().low()).isLessThan(cell.mean());
        assertThat(cell.interval().high()).isGreaterThan(cell.mean());
        assertThat(anb).contains(String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", cell.mean(), cell.interval().low(),
                cell.interval().high()));
    }
}
