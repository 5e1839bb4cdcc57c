package org.transferworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transferworkbench.Synthetic;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.SweepEvent;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.lesson.Lesson;
import org.transferworkbench.core.lesson.LessonStep;
import org.transferworkbench.core.results.LiveRuns;
import org.transferworkbench.core.results.ResultsFile;
import org.transferworkbench.core.results.ResultsStore;
import org.transferworkbench.core.sweep.BaseNetCache;
import org.transferworkbench.ui.common.Locations;
import org.transferworkbench.ui.common.RunState;
import org.transferworkbench.ui.common.SameThreadTaskExecutor;
import org.transferworkbench.ui.common.TaskExecutor;
import org.transferworkbench.ui.data.DataModel;
import org.transferworkbench.ui.net.PretrainedSource;

/**
 * The window's models driven without the FX toolkit, on the same-thread executor: whatever a loader throws, the
 * window ends idle with the error shown and every action usable again.
 */
class FeatureModelsTest {

    @TempDir
    Path tmp;

    static final Dataset DATA = Synthetic.dataset(6, 20, 28, 3);

    WorkbenchModel model(DataModel.Loader data, PretrainedSource.Loader nets) {
        return model(data, nets, ResultsStore::read);
    }

    WorkbenchModel model(DataModel.Loader data, PretrainedSource.Loader nets, Function<Path, ResultsFile> results) {
        return new WorkbenchModel(new SameThreadTaskExecutor(), tmp.resolve("results"),
                new BaseNetCache(tmp.resolve("cache")), new WorkbenchModel.Sources(data, nets, results));
    }

    static void assertUsableWithError(WorkbenchModel m, String... parts) {
        assertThat(m.activity().state()).isEqualTo(RunState.IDLE);
        assertThat(m.activity().busyProperty().get()).as("buttons bound to busy are enabled").isFalse();
        assertThat(m.activity().errorProperty().get()).contains(parts);
        assertThat(m.activity().statusProperty().get()).isEqualTo("Ready");
    }

    /**
     * Runs everything on the caller's thread but holds sweep events back until released: the window's pump drains
     * them on a timer while a task's success comes by {@code runLater}, so the last events can arrive after it.
     */
    static final class LateEvents implements TaskExecutor {
        private final SameThreadTaskExecutor now = new SameThreadTaskExecutor();
        final List<Runnable> held = new ArrayList<>();

        @Override
        public <T> void execute(org.transferworkbench.ui.common.BackgroundTask<T> task) { // qualified: used once
            now.execute(task);
        }

        @Override
        public void runOnUi(Runnable action) {
            now.runOnUi(action);
        }

        @Override
        public EventPump events(Consumer<List<SweepEvent>> consumer) {
            // The same-thread pump, whose batches are kept for later instead of applied.
            return now.events(batch -> held.add(() -> consumer.accept(batch)));
        }

        @Override
        public Ticker ticker(Runnable action) {
            return now.ticker(action);
        }

        @Override
        public void shutdown(long millis) {
            now.shutdown(millis);
        }

        void release() {
            held.forEach(Runnable::run);
            held.clear();
        }
    }

    @Test
    void progressThatArrivesAfterAJobIsDoneLeavesItsFinalStatus() {
        LateEvents executor = new LateEvents();
        WorkbenchModel m = new WorkbenchModel(executor, tmp.resolve("results"), new BaseNetCache(tmp.resolve("cache")),
                new WorkbenchModel.Sources((folder, progress) -> DATA, PretrainedSource.Loader.DEFAULT,
                        ResultsStore::read));
        m.data().load(tmp.resolve("data"));
        m.settings().epochsProperty().set(1);
        m.similarity().compare();
        String done = m.activity().statusProperty().get();
        assertThat(done).startsWith("Layer similarity at k=").endsWith(" computed");
        assertThat(executor.held).as("the four nets' events, not yet delivered").isNotEmpty();
        executor.release();
        assertThat(m.activity().statusProperty().get()).isEqualTo(done);
        assertThat(m.activity().state()).isEqualTo(RunState.IDLE);
    }

    @Test
    void theBackendStartsWhenTheWindowAsksAfterItsFirstFrameNotWhenTheModelIsBuilt() {
        WorkbenchModel m = model(DataModel.Loader.DEFAULT, PretrainedSource.Loader.DEFAULT);
        assertThat(m.sweep().backendProperty().get()).isEmpty();
        m.sweep().startBackend();
        assertThat(m.sweep().backendProperty().get()).startsWith("CPU").contains("thread");
        assertThat(m.activity().state()).isEqualTo(RunState.IDLE);
    }

    @Test
    void theFirstScreenShowsTheFirstShippedLessonsReplayUnderTheSampleAndNothingUnderOtherData() {
        WorkbenchModel m = model(DataModel.Loader.DEFAULT, PretrainedSource.Loader.DEFAULT);
        m.data().load(Locations.find("sample-data/fashion-mnist").orElseThrow());
        m.lesson().preview();
        assertThat(m.runs().replay()).hasSize(132);
        assertThat(m.runs().replaySourceProperty().get()).startsWith("132 runs made by this app")
                .endsWith("; the lesson \"General or specific? (Figure 2)\" explains it");
        assertThat(m.lesson().lesson()).as("no lesson is opened by it").isNull();
        assertThat(m.activity().state()).isEqualTo(RunState.IDLE);
        assertThat(m.activity().errorProperty().get()).isEmpty();

        WorkbenchModel other = model((folder, progress) -> DATA, PretrainedSource.Loader.DEFAULT);
        other.data().load(tmp.resolve("data"));
        other.lesson().preview();
        assertThat(other.runs().replay()).as("the replay belongs to the sample, not to this data").isEmpty();
    }

    @Test
    void aDatasetLoaderThatThrowsAnythingLeavesTheWindowIdleWithTheErrorShown() {
        WorkbenchModel m = model((folder, progress) -> {
            throw new IllegalStateException("decoder exploded");
        }, PretrainedSource.Loader.DEFAULT);
        m.data().load(tmp.resolve("photos"));
        assertUsableWithError(m, "Unexpected error", "IllegalStateException", "decoder exploded");
        assertThat(m.data().dataset()).isNull();
    }

    @Test
    void aUserErrorIsFramedWithTheFolderAndOutOfMemoryIsExplained() {
        WorkbenchModel m = model((folder, progress) -> {
            throw new UserError("fewer than two classes");
        }, PretrainedSource.Loader.DEFAULT);
        m.data().load(tmp.resolve("junk"));
        assertUsableWithError(m, "Cannot use", "junk", "fewer than two classes");

        WorkbenchModel oom = model((folder, progress) -> {
            throw new OutOfMemoryError("Java heap space");
        }, PretrainedSource.Loader.DEFAULT);
        oom.data().load(tmp.resolve("huge"));
        assertUsableWithError(oom, "Not enough memory to load", "huge");
    }

    @Test
    void aNetLoaderThatThrowsLeavesTheWindowIdleAndTheNextLoadWorks() {
        WorkbenchModel m = model((folder, progress) -> DATA, file -> {
            throw new NullPointerException("inside the importer");
        });
        m.data().load(tmp.resolve("data"));
        assertThat(m.split().split()).isNotNull();
        m.net().load(tmp.resolve("net.h5"));
        assertUsableWithError(m, "Unexpected error", "NullPointerException");
        assertThat(m.net().foreignNet()).isNull();
        m.activity().clearError();
        m.data().load(tmp.resolve("data"));
        assertThat(m.activity().state()).isEqualTo(RunState.IDLE);
        assertThat(m.activity().errorProperty().get()).isEmpty();
    }

    @Test
    void aResultsReaderThatThrowsLeavesTheWindowIdle() throws Exception {
        WorkbenchModel m = model((folder, progress) -> DATA, PretrainedSource.Loader.DEFAULT, file -> {
            throw new ArrayIndexOutOfBoundsException(7);
        });
        m.runs().open(tmp.resolve("results.json"));
        assertUsableWithError(m, "Unexpected error", "ArrayIndexOutOfBoundsException");

        WorkbenchModel real = model((folder, progress) -> DATA, PretrainedSource.Loader.DEFAULT);
        Path notJson = Files.writeString(tmp.resolve("broken.json"), "{ not json");
        real.runs().open(notJson);
        assertUsableWithError(real, "broken.json", "not a readable results file");
    }

    @Test
    void aResultsFileOfAnEarlierVersionOpensWithItsRunsAndClasses() throws Exception {
        WorkbenchModel m = model((folder, progress) -> DATA, PretrainedSource.Loader.DEFAULT);
        Path old = Path.of(getClass().getResource("/results/emoji-groups-0.1.0.json").toURI());
        m.runs().open(old);
        assertThat(m.activity().state()).isEqualTo(RunState.IDLE);
        assertThat(m.runs().records()).extracting(RunRecord::condition)
                .containsExactly(Condition.BASE_B, Condition.ANB, Condition.ANB_PLUS);
        assertThat(m.runs().selectedProperty().get()).isEqualTo(m.runs().records().get(2));
        assertThat(m.runs().classesOf(m.runs().records().get(0))).contains("tool", "vehicle");
        assertThat(m.runs().curves()).hasSize(3);

        Path report = tmp.resolve("report.html");
        m.runs().exportReport(report);
        assertThat(m.activity().errorProperty().get()).isEmpty();
        assertThat(m.activity().statusProperty().get()).isEqualTo("Report written to " + report);
        assertThat(Files.readString(report)).contains("<svg").contains("data:image/png;base64,")
                .contains("emoji-natural-manmade");
    }

    @Test
    void exportingBeforeAnyRunsSaysSo() {
        WorkbenchModel m = model((folder, progress) -> DATA, PretrainedSource.Loader.DEFAULT);
        m.runs().exportReport(tmp.resolve("report.html"));
        assertThat(m.activity().errorProperty().get()).contains("No runs to report yet");
        assertThat(Files.exists(tmp.resolve("report.html"))).isFalse();
    }

    @Test
    void loadingDataComputesTheSplitAndTheNetAndClearsEarlierRuns() {
        WorkbenchModel m = model((folder, progress) -> DATA, PretrainedSource.Loader.DEFAULT);
        m.data().load(tmp.resolve("data"));
        assertThat(m.activity().statusProperty().get()).startsWith("Loaded synthetic");
        assertThat(m.split().split().classesA()).hasSize(3);
        assertThat(m.net().architecture().cutPoints()).containsExactly(1, 2, 3, 4, 5);
        m.settings().splitSeedProperty().set(2);
        assertThat(m.split().split().seed()).isEqualTo(2);
        // The split cannot leave a half with one class.
        String first = m.split().split().classesA().get(0);
        m.split().moveClass(first);
        assertThat(m.split().split().name()).isEqualTo("edited by hand");
        m.split().moveClass(m.split().split().classesA().get(0));
        assertThat(m.activity().errorProperty().get()).contains("at least two classes");
        assertThat(m.split().split().classesA()).hasSize(2);
    }

    @Test
    void aSweepOverTwoSplitsRunsEachIntoItsFolderAndShowsAllRunsWithTheirOwnClasses() throws Exception {
        WorkbenchModel m = model((folder, progress) -> DATA, PretrainedSource.Loader.DEFAULT);
        m.data().load(tmp.resolve("data"));
        m.settings().epochsProperty().set(1);
        m.settings().splitsProperty().set(2);
        m.sweep().runCutPoint();
        assertThat(m.activity().state()).isEqualTo(RunState.IDLE);
        assertThat(m.activity().statusProperty().get()).startsWith("Finished 4 runs");
        assertThat(m.runs().records()).extracting(RunRecord::splitSeed).containsExactlyInAnyOrder(1L, 1L, 2L, 2L);
        try (var folders = Files.list(tmp.resolve("results"))) {
            Path sweep = folders.findFirst().orElseThrow();
            assertThat(ResultsStore.read(sweep.resolve("split-1").resolve(ResultsStore.JSON_NAME)).runs()).hasSize(2);
            assertThat(ResultsStore.read(sweep.resolve("split-2").resolve(ResultsStore.JSON_NAME)).runs()).hasSize(2);
        }
        var split2 = org.transferworkbench.core.split.SplitSpec.random(DATA.classNames(), 2); // qualified: used once
        RunRecord onSplit2 = m.runs().records().stream().filter(r -> r.splitSeed() == 2).findFirst().orElseThrow();
        assertThat(m.runs().classesOf(onSplit2)).isEqualTo(split2.classesB());
    }

    @Test
    void aSavedSessionReopensIdentically() throws Exception {
        WorkbenchModel m = model((folder, progress) -> DATA, PretrainedSource.Loader.DEFAULT);
        m.data().load(tmp.resolve("data"));
        m.settings().splitSeedProperty().set(2);
        m.settings().cutPointProperty().set(4);
        m.settings().fineTuneProperty().set(true);
        m.settings().epochsProperty().set(1);
        m.settings().seedsProperty().set(2);
        m.settings().bPerClassProperty().set(10);
        m.sweep().runCutPoint();
        assertThat(m.runs().records()).hasSize(4);
        Path file = tmp.resolve("lesson.twsession");
        m.session().save(file);
        assertThat(m.activity().statusProperty().get()).isEqualTo("Session saved to " + file);

        WorkbenchModel again = model((folder, progress) -> DATA, PretrainedSource.Loader.DEFAULT);
        again.session().open(file);
        assertThat(again.activity().errorProperty().get()).isEmpty();
        assertThat(again.activity().state()).isEqualTo(RunState.IDLE);
        assertThat(again.activity().statusProperty().get()).isEqualTo("Session lesson.twsession reopened");
        assertThat(again.session().capture()).isEqualTo(m.session().capture());
        assertThat(again.split().split()).isEqualTo(m.split().split());
        assertThat(again.net().selectedCondition()).isEqualTo(Condition.ANB_PLUS);
        assertThat(again.runs().records()).extracting(RunRecord::key)
                .containsExactlyElementsOf(m.runs().records().stream().map(RunRecord::key).toList());
        assertThat(again.runs().records()).extracting(RunRecord::testAccuracy)
                .containsExactlyElementsOf(m.runs().records().stream().map(RunRecord::testAccuracy).toList());
    }

    @Test
    void aTeachersStepReplaysItsRunsAndRunItLiveDrawsNewOnesOverThem() throws Exception {
        WorkbenchModel m = model((folder, progress) -> DATA, PretrainedSource.Loader.DEFAULT);
        m.data().load(tmp.resolve("data"));
        m.settings().epochsProperty().set(1);
        m.settings().seedsProperty().set(2);
        m.settings().cutPointProperty().set(2);
        m.sweep().runCutPoint();
        List<RunRecord> made = List.copyOf(m.runs().records());
        assertThat(made).hasSize(4);
        m.settings().seedsProperty().set(1);
        m.lesson().addStep("AnB at k=2", List.of("Look at AnB.", "Compare it with baseB."), "My lesson");
        Path file = tmp.resolve("my-lesson.json");
        m.lesson().save(file);
        assertThat(m.activity().statusProperty().get()).isEqualTo("Lesson saved to " + file);
        LessonStep saved = Lesson.read(file).steps().get(0);
        assertThat(Lesson.read(file).title()).isEqualTo("My lesson");
        assertThat(saved.k()).isEqualTo(2);
        assertThat(saved.seeds()).isEqualTo(1);
        assertThat(saved.view()).isEqualTo("by-k");
        assertThat(saved.offersLive()).isTrue();
        assertThat(Path.of(saved.replay())).isEqualTo(m.runs().resultsFile().toAbsolutePath());

        WorkbenchModel again = model((folder, progress) -> DATA, PretrainedSource.Loader.DEFAULT);
        again.lesson().open(file);
        assertThat(again.activity().errorProperty().get()).isEmpty();
        assertThat(again.activity().state()).isEqualTo(RunState.IDLE);
        assertThat(again.lesson().readyProperty().get()).isTrue();
        assertThat(again.settings().cutPoint()).isEqualTo(2);
        assertThat(again.settings().epochsProperty().get()).isEqualTo(1);
        assertThat(again.runs().records()).isEmpty();
        assertThat(again.runs().replay()).extracting(RunRecord::testAccuracy)
                .containsExactlyElementsOf(made.stream().map(RunRecord::testAccuracy).toList());
        assertThat(again.runs().replaySourceProperty().get()).isEqualTo("4 runs made by this app: 1 split(s) x 2 "
                + "seed(s), 20 training images per class, 1 epoch(s)");

        again.lesson().runLive();
        assertThat(again.activity().errorProperty().get()).isEmpty();
        assertThat(again.runs().records()).hasSize(22);
        assertThat(again.runs().replay()).hasSize(4);
        // baseB and AnB at k=2 have two replayed runs each; the 19 other live runs have nothing to compare with.
        LiveRuns fit = LiveRuns.against(again.runs().replay(), again.runs().records());
        assertThat(fit.live()).isEqualTo(21);
        assertThat(fit.comparable()).isEqualTo(2);
        again.lesson().close();
        assertThat(again.runs().replay()).isEmpty();
        assertThat(again.runs().records()).hasSize(22);
    }

    @Test
    void aFileThatIsNotALessonIsOneLineAndChangesNothing() throws Exception {
        WorkbenchModel m = model((folder, progress) -> DATA, PretrainedSource.Loader.DEFAULT);
        Path junk = tmp.resolve("results.json");
        Files.writeString(junk, "{\"schemaVersion\": 3, \"runs\": []}");
        m.lesson().open(junk);
        assertUsableWithError(m, "results.json: not a lesson");
        assertThat(m.lesson().lesson()).isNull();
    }

    @Test
    void aFileThatIsNotASessionIsOneLineAndChangesNothing() throws Exception {
        WorkbenchModel m = model((folder, progress) -> DATA, PretrainedSource.Loader.DEFAULT);
        Path junk = tmp.resolve("junk.twsession");
        Files.writeString(junk, "not json at all");
        m.session().open(junk);
        assertUsableWithError(m, "junk.twsession: not a workbench session");
        Path outOfRange = tmp.resolve("range.twsession");
        Files.writeString(outOfRange, "{\"schemaVersion\": 1, \"settings\": {\"splitSeed\": 1, \"cutPoint\": 3, "
                + "\"source\": \"A\", \"epochs\": 0, \"seeds\": 1, \"splits\": 1}}");
        m.activity().clearError();
        m.session().open(outOfRange);
        assertUsableWithError(m, "range.twsession: not a workbench session", "epochs out of range");
        assertThat(m.settings().epochsProperty().get()).isEqualTo(6);
        assertThat(m.activity().errorProperty().get().lines()).hasSize(1);
    }
}
