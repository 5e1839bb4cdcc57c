package org.transferworkbench.core.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.results.FewShot;
import org.transferworkbench.core.results.ResultsStore;

/** Lesson files: inheritance between steps, checked fields, one-line errors, and the lessons that ship. */
class LessonTest {

    /** The repository root (tests run in app/). */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private static LessonStep step(String title, String data, Integer k, Boolean fineTune, String view,
                                   String replay, List<String> highlight) {
        return new LessonStep(title, List.of("Look here."), data, null, null, k, fineTune, null, null, null, null,
                null, null, null, view, replay, highlight, null);
    }

    @Test
    void aStepKeepsWhatTheStepsBeforeSetAndOnlyItsOwnWordsAndEmphasis() {
        Lesson lesson = new Lesson(1, "T", null, List.of(
                step("one", "data/x", 1, false, "by-k", "r1", List.of("AnB", "filters")),
                step("two", null, 5, null, null, null, List.of()),
                step("three", null, null, true, "few-examples", "", null)));
        LessonStep two = lesson.resolved(1);
        assertThat(two.title()).isEqualTo("two");
        assertThat(two.data()).isEqualTo("data/x");
        assertThat(two.k()).isEqualTo(5);
        assertThat(two.fineTune()).isFalse();
        assertThat(two.view()).isEqualTo("by-k");
        assertThat(two.replay()).isEqualTo("r1");
        assertThat(two.highlight()).isEmpty();
        LessonStep three = lesson.resolved(2);
        assertThat(three.k()).isEqualTo(5);
        assertThat(three.fineTune()).isTrue();
        assertThat(three.view()).isEqualTo("few-examples");
        assertThat(three.replay()).isEmpty();
        assertThat(lesson.resolved(0).highlightedConditions()).containsExactly("AnB");
        assertThat(lesson.resolved(0).highlightedPanels()).containsExactly("filters");
    }

    @Test
    void writtenAndReadBackItIsTheSameLesson() {
        Lesson lesson = new Lesson(1, "Mine", "s", List.of(step("one", "/data", 2, true, "predicted", "", List.of())));
        Path file = dir.resolve("mine.json");
        lesson.write(file);
        assertThat(Lesson.read(file)).isEqualTo(lesson);
        Lesson more = lesson.withStep(step("two", null, 3, null, null, null, null));
        assertThat(more.steps()).hasSize(2);
        assertThat(more.resolved(1).fineTune()).isTrue();
    }

    @Test
    void anythingElseIsOneLineNamingTheFile() throws IOException {
        Path notJson = Files.writeString(dir.resolve("a.json"), "<html>");
        Path badK = Files.writeString(dir.resolve("b.json"), "{\"schemaVersion\":1,\"title\":\"t\",\"steps\":"
                + "[{\"title\":\"s\",\"text\":[\"x\"],\"data\":\"d\",\"k\":0}]}");
        Path badView = Files.writeString(dir.resolve("c.json"), "{\"schemaVersion\":1,\"title\":\"t\",\"steps\":"
                + "[{\"title\":\"s\",\"text\":[\"x\"],\"data\":\"d\",\"view\":\"desktop\"}]}");
        Path noData = Files.writeString(dir.resolve("d.json"), "{\"schemaVersion\":1,\"title\":\"t\",\"steps\":"
                + "[{\"title\":\"s\",\"text\":[\"x\"]}]}");
        Path results = Files.writeString(dir.resolve("results.json"), "{\"schemaVersion\":3,\"runs\":[]}");
        for (Path p : List.of(notJson, badK, badView, noData, results)) {
            assertThatThrownBy(() -> Lesson.read(p)).isInstanceOf(UserError.class)
                    .hasMessageStartingWith(p + ": not a lesson (")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        assertThatThrownBy(() -> Lesson.read(badK)).hasMessageContaining("k out of range (1 to 1000)");
        assertThatThrownBy(() -> Lesson.read(badView)).hasMessageContaining("view out of range");
        assertThatThrownBy(() -> Lesson.read(noData)).hasMessageContaining("the first step must name its data");
    }

    static List<Path> shipped() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("assets/lessons"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void everyShippedLessonReadsAndNamesFilesThatExist() throws IOException {
        List<Path> lessons = shipped();
        assertThat(lessons).hasSizeGreaterThanOrEqualTo(5);
        for (Path file : lessons) {
            Lesson lesson = Lesson.read(file);
            assertThat(lesson.steps()).as(file.toString()).hasSizeBetween(2, 8);
            for (int i = 0; i < lesson.steps().size(); i++) {
                LessonStep s = lesson.resolved(i);
                String where = file.getFileName() + " step " + (i + 1);
                assertThat(s.text()).as(where).hasSizeBetween(2, 4);
                assertThat(ROOT.resolve(s.data())).as(where).exists();
                if (s.split() != null && s.split().startsWith("groups:")) {
                    assertThat(ROOT.resolve(s.split().substring(7))).as(where).exists();
                }
                if (s.net() != null && !s.net().equals(LessonStep.BASE_NETS)) {
                    assertThat(ROOT.resolve(s.net())).as(where).exists();
                }
                assertThat(s.replay()).as(where + ": every shipped step replays results").isNotEmpty();
                Path replay = file.getParent().resolve(s.replay());
                if ("few-examples".equals(s.view())) {
                    assertThat(FewShot.read(replay).bySize()).as(where).hasSizeGreaterThanOrEqualTo(2);
                } else {
                    assertThat(ResultsStore.readSweeps(replay).stream().mapToInt(r -> r.runs().size()).sum())
                            .as(where).isGreaterThanOrEqualTo(20);
                }
            }
        }
    }
}
