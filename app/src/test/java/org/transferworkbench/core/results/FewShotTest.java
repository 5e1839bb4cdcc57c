package org.transferworkbench.core.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.transferworkbench.core.results.FindingsTest.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.transferworkbench.core.experiment.RunRecord;

/** The few-examples summary: sizes in order, gains only where the rule supports them, "all" last. */
class FewShotTest {

    private static List<RunRecord> size(double baseB, double anb, double anbPlus) {
        List<RunRecord> runs = new ArrayList<>();
        for (long seed = 1; seed <= 2; seed++) {
            runs.addAll(List.of(run("baseB", 0, seed, baseB), run("AnB", 3, seed, anb), run("AnB+", 3, seed, anbPlus)));
        }
        return runs;
    }

    @Test
    void aClearGainAtFewExamplesIsStatedAndNoiseIsNot() {
        List<FewShot.Row> rows = FewShot.rows(Map.of(0, size(0.90, 0.88, 0.90), 10, size(0.55, 0.75, 0.80),
                2, size(0.40, 0.62, 0.58)), 3);
        assertThat(rows).extracting(FewShot.Row::perClass).containsExactly(2, 10, 0);
        FewShot.Row ten = rows.get(1);
        assertThat(ten.baseB().n()).isEqualTo(2);
        assertThat(ten.gainFineTuned().supported()).isTrue();
        assertThat(ten.gainFineTuned().difference()).isBetween(0.20, 0.30);
        FewShot.Row all = rows.get(2);
        assertThat(all.gainFineTuned().supported()).isFalse();
        assertThat(FewShot.verdict(rows))
                .startsWith("Transfer pays most at 10 images per B class: AnB+ beats baseB by +")
                .contains("(2 of 3 sizes show a gain beyond noise)");
        String table = FewShot.table(rows, 3);
        assertThat(table.lines()).hasSize(6);
        assertThat(table.lines().toList().get(4)).startsWith("  all").endsWith("~");
    }

    @Test
    void withoutASupportedGainTheVerdictSaysSo() {
        List<FewShot.Row> rows = FewShot.rows(Map.of(5, size(0.60, 0.61, 0.60)), 3);
        assertThat(FewShot.verdict(rows)).startsWith("No size shows a gain of fine-tuned transfer");
    }
}
