package org.transferworkbench.core.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferworkbench.Synthetic;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.data.Dataset;

class SplitSpecTest {

    static final List<String> CLASSES = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");

    @TempDir
    Path dir;

    @Test
    void randomSplitIsSeededHalvesInDatasetOrder() {
        ClassSplit one = SplitSpec.parse("random").apply(CLASSES, 1);
        ClassSplit again = SplitSpec.parse("random").apply(CLASSES, 1);
        ClassSplit other = SplitSpec.parse("random").apply(CLASSES, 2);
        assertThat(one).isEqualTo(again);
        assertThat(one.classesA()).hasSize(5).doesNotContainAnyElementsOf(one.classesB());
        assertThat(one.classesB()).hasSize(5);
        assertThat(one.classesA()).isSortedAccordingTo((x, y) -> CLASSES.indexOf(x) - CLASSES.indexOf(y));
        assertThat(other.classesA()).isNotEqualTo(one.classesA());
        assertThat(one.seed()).isEqualTo(1);
    }

    @Test
    void unevenRandomSplitsGiveAItsCountAndKeepTwoClassesForB() {
        ClassSplit eightTwo = SplitSpec.parse("random:8").apply(CLASSES, 1);
        assertThat(eightTwo.classesA()).hasSize(8);
        assertThat(eightTwo.classesB()).hasSize(2);
        assertThat(eightTwo.name()).isEqualTo("random 8:2 (split seed 1)");
        // The same shuffle as the even split: A's first five classes are the even split's A.
        assertThat(eightTwo.classesA()).containsAll(SplitSpec.parse("random").apply(CLASSES, 1).classesA());
        assertThat(SplitSpec.parse("random:3").apply(CLASSES, 1).classesB()).hasSize(7);
        assertThatThrownBy(() -> SplitSpec.parse("random:9").apply(CLASSES, 1))
                .hasMessage("random:9 leaves B fewer than two of the 10 classes");
        assertThatThrownBy(() -> SplitSpec.parse("random:1")).hasMessageContaining("N >= 2");
        assertThatThrownBy(() -> SplitSpec.parse("random:x")).hasMessageContaining("'random:N'");
    }

    @Test
    void groupsFileNamesTheHalves() throws Exception {
        Path file = dir.resolve("groups.json");
        Files.writeString(file,
                "{\"name\": \"vowels vs rest\", \"A\": [\"a\", \"e\", \"i\"], \"B\": [\"b\", \"c\", \"d\"]}");
        ClassSplit split = SplitSpec.parse("groups:" + file).apply(CLASSES, 3);
        assertThat(split.name()).isEqualTo("vowels vs rest");
        assertThat(split.classesA()).containsExactly("a", "e", "i");
        assertThat(split.classesB()).containsExactly("b", "c", "d");
    }

    @Test
    void groupsFileErrorsNameTheFileAndTheProblem() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"A\": [\"a\", \"zebra\"], \"B\": [\"b\", \"c\"]}");
        assertThatThrownBy(() -> SplitSpec.parse("groups:" + file).apply(CLASSES, 1))
                .isInstanceOf(UserError.class).hasMessageContaining("bad.json").hasMessageContaining("zebra");
        Files.writeString(file, "{\"A\": [\"a\", \"b\"], \"B\": [\"b\", \"c\"]}");
        assertThatThrownBy(() -> SplitSpec.parse("groups:" + file).apply(CLASSES, 1))
                .isInstanceOf(UserError.class).hasMessageContaining("both A and B");
        assertThatThrownBy(() -> SplitSpec.parse("halves")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void taskRelabelsAndLimitsOnlyBTraining() {
        Dataset d = Synthetic.dataset(6, 30, 12, 1);
        ClassSplit split = SplitSpec.parse("random").apply(d.classNames(), 5);
        TaskData a = TaskBuilder.task(d, split, Side.A, 4);
        TaskData b = TaskBuilder.task(d, split, Side.B, 4);
        assertThat(a.train().classCounts()).containsExactly(30, 30, 30);
        assertThat(b.train().classCounts()).containsExactly(4, 4, 4);
        assertThat(b.test().classCounts()).containsExactly(20, 20, 20);
        assertThat(b.classNames()).isEqualTo(split.classesB());
    }
}
