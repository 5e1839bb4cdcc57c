package org.transferworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.transferworkbench.Synthetic;
import org.transferworkbench.cli.CliBridge;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.lesson.Lesson;
import org.transferworkbench.core.lesson.LessonStep;
import org.transferworkbench.core.net.Normalisation;
import org.transferworkbench.core.results.ResultsStore;
import org.transferworkbench.core.sweep.BaseNetCache;
import org.transferworkbench.ui.common.ExperimentSettings;
import org.transferworkbench.ui.common.FxTaskExecutor;
import org.transferworkbench.ui.common.Locations;
import org.transferworkbench.ui.common.RunState;
import org.transferworkbench.ui.lesson.LessonModel;

/** The window, driven like a user would (headless on Monocle in CI). */
@ExtendWith(ApplicationExtension.class)
class WorkbenchUiTest {

    @TempDir
    static Path shared;
    static Path data;
    static Path secondData;

    WorkbenchModel model;
    MainWindow window;
    Path resultsRoot;

    @BeforeAll
    static void makeData() throws Exception {
        data = shared.resolve("tiny data");
        Synthetic.writeIdx(data, 6, 40, 10, 20, 7);
        secondData = shared.resolve("dropped folder");
        Synthetic.writeIdx(secondData, 4, 20, 10, 20, 8);
    }

    @Start
    void start(Stage stage) throws Exception {
        resultsRoot = Files.createTempDirectory("tw-results");
        model = new WorkbenchModel(new FxTaskExecutor(), resultsRoot,
                new BaseNetCache(Files.createTempDirectory("tw-cache")));
        model.settings().epochsProperty().set(2);
        window = new MainWindow(model, () -> { });
        // A stand-in for the file manager: drags the second dataset's folder.
        Label dragSource = new Label("drag me");
        dragSource.setId("dragSource");
        dragSource.setOnDragDetected(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putFiles(List.of(secondData.toFile()));
            dragSource.startDragAndDrop(TransferMode.COPY).setContent(content);
            e.consume();
        });
        stage.setScene(new Scene(new VBox(dragSource, window), 1400, 900));
        stage.show();
    }

    @AfterEach
    void stop() {
        model.shutdown();
    }

    void loadAndWait(Path folder) throws Exception {
        org.testfx.api.FxToolkit.setupFixture(() -> model.data().load(folder));
        waitUntil(() -> model.data().datasetProperty().get() != null
                && model.activity().stateProperty().get() == RunState.IDLE, 30);
    }

    static void waitUntil(Callable<Boolean> condition, int seconds) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    void waitForStep() throws Exception {
        waitUntil(() -> model.lesson().readyProperty().get()
                && model.activity().stateProperty().get() == RunState.IDLE, 120);
    }

    /** Every step of every shipped lesson sets what it says: data, split, settings, net, figure, replay, emphasis. */
    @Test
    void everyShippedLessonStepSetsWhatItSays(FxRobot robot) throws Exception {
        List<Path> lessons = LessonModel.shippedFiles();
        assertThat(lessons).hasSizeGreaterThanOrEqualTo(5);
        for (Path file : lessons) {
            robot.interact(() -> model.lesson().open(file));
            waitForStep();
            Lesson lesson = model.lesson().lesson();
            for (int i = 0; i < lesson.steps().size(); i++) {
                int index = i;
                if (i > 0) {
                    robot.type(KeyCode.PAGE_DOWN); // the presenter's clicker
                    waitForStep();
                }
                String where = file.getFileName() + " step " + (i + 1);
                LessonStep s = lesson.resolved(i);
                assertThat(model.lesson().indexProperty().get()).as(where).isEqualTo(index);
                assertThat(robot.lookup("#lessonCounter").queryLabeled().getText()).as(where)
                        .isEqualTo("Step " + (i + 1) + " of " + lesson.steps().size());
                assertThat(robot.lookup("#stepText").queryLabeled().getText()).as(where)
                        .isEqualTo(String.join("\n\n", s.text()));
                assertThat(Path.of(model.data().dataset().source()).getFileName().toString()).as(where)
                        .isEqualTo(Path.of(s.data()).getFileName().toString());
                ExperimentSettings set = model.settings();
                assertThat(set.cutPoint()).as(where).isEqualTo(s.k());
                assertThat(set.fineTune()).as(where).isEqualTo(s.fineTune());
                assertThat(set.source().name()).as(where).isEqualTo(s.source());
                assertThat(set.splitSeedProperty().get()).as(where).isEqualTo(s.splitSeed());
                assertThat(set.classroomProperty().get()).as(where).isEqualTo(s.classroom());
                assertThat(set.seedsProperty().get()).as(where).isEqualTo(s.seeds());
                if (s.bPerClass() != null) {
                    assertThat(set.bPerClass()).as(where).isEqualTo(s.bPerClass());
                }
                Path groups = set.groupsFileProperty().get();
                if (s.split().startsWith("groups:")) {
                    assertThat(groups).as(where).isNotNull();
                    assertThat(groups.getFileName().toString()).isEqualTo(Path.of(s.split().substring(7))
                            .getFileName().toString());
                } else {
                    assertThat(groups).as(where).isNull();
                }
                boolean loadedNet = !LessonStep.BASE_NETS.equals(s.net());
                assertThat(model.net().foreignNet() != null).as(where).isEqualTo(loadedNet);
                String view = s.view();
                assertThat(robot.lookup("#figures").queryAs(TabPane.class).getSelectionModel().getSelectedIndex())
                        .as(where).isEqualTo(LessonStep.VIEWS.indexOf(view));
                if (view.equals("few-examples")) {
                    assertThat(model.fewShot().rowsProperty().get()).as(where).hasSizeGreaterThanOrEqualTo(2);
                    assertThat(model.fewShot().verdictProperty().get()).as(where).startsWith("Replayed (");
                } else {
                    assertThat(model.runs().replay()).as(where).hasSizeGreaterThanOrEqualTo(20);
                    assertThat(model.runs().records()).as(where).isEmpty();
                }
                assertThat(model.runs().highlightProperty().get()).as(where)
                        .extracting(Condition::label).containsExactlyInAnyOrderElementsOf(s.highlightedConditions());
                assertThat(robot.lookup(".lesson-highlight").queryAll()).as(where)
                        .hasSize(s.highlightedPanels().size());
                assertThat(window.netPanel().getStyleClass().contains("lesson-highlight")).as(where)
                        .isEqualTo(s.highlightedPanels().contains("net"));
                assertThat(window.filters().getStyleClass().contains("lesson-highlight")).as(where)
                        .isEqualTo(s.highlightedPanels().contains("filters"));
                assertThat(robot.lookup("#lessonLive").query().isVisible()).as(where).isEqualTo(s.offersLive());
            }
            assertThat(robot.lookup("#lessonNext").queryButton().isDisabled()).isTrue();
        }
        robot.interact(() -> model.lesson().close());
        assertThat(robot.lookup("#lessonPanel").query().isVisible()).isFalse();
        assertThat(model.runs().replay()).isEmpty();
    }

    @Test
    void onALaptopScreenTheFigureKeepsTheHeightAndTheSmallerViewsShareACell(FxRobot robot) throws Exception {
        TabPane figures = robot.lookup("#figures").queryAs(TabPane.class);
        assertThat(window.views().compact()).isFalse();
        assertThat(robot.lookup("#sideViews").tryQuery()).isEmpty();
        double inGrid = figures.getHeight();
        robot.interact(() -> {
            window.getScene().getWindow().setWidth(1366);
            window.getScene().getWindow().setHeight(768);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.views().compact()).isTrue();
        TabPane side = robot.lookup("#sideViews").queryAs(TabPane.class);
        assertThat(side.getTabs()).extracting(Tab::getText).containsExactly("Curves", "Filters", "Confusion");
        assertThat(figures.getHeight()).as("the figure's height on 1366x768, was %s on 1400x900", inGrid)
                .isGreaterThan(inGrid).isGreaterThan(window.views().getHeight() - 1);
        robot.interact(() -> window.views().reveal(window.filters()));
        assertThat(side.getSelectionModel().getSelectedItem().getContent()).isSameAs(window.filters());
        assertThat(window.filters().isVisible()).isTrue();
        robot.interact(() -> {
            window.getScene().getWindow().setWidth(1400);
            window.getScene().getWindow().setHeight(900);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.views().compact()).isFalse();
        assertThat(window.filters().getParent()).isSameAs(window.views());
        assertThat(figures.getHeight()).isCloseTo(inGrid, within(1.0));
        robot.interact(() -> window.getScene().getWindow().setHeight(768));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(side.getSelectionModel().getSelectedItem().getContent()).as("the tab chosen before")
                .isSameAs(window.filters());
        robot.interact(() -> window.getScene().getWindow().setHeight(900));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void loadsTheSampleAndTheSliderRedrawsTheNet(FxRobot robot) throws Exception {
        Path sample = Locations.find("sample-data/fashion-mnist").orElseThrow();
        loadAndWait(sample);
        assertThat(robot.lookup("#datasetSummary").queryLabeled().getText()).contains("fashion-mnist")
                .contains("10 classes");
        assertThat(robot.lookup("#classesA").queryListView().getItems()).hasSize(5);
        assertThat(window.netPanel().layerStates()).isEqualTo("FFFFFNNN"); // k=3: conv1..pool3 frozen
        robot.clickOn("#cutSlider").type(KeyCode.HOME);
        assertThat(model.settings().cutPoint()).isEqualTo(1);
        assertThat(window.netPanel().layerStates()).isEqualTo("FFNNNNNN");
        assertThat(robot.lookup("#netCaption").queryLabeled().getText()).contains("k=1").contains("frozen");
        robot.clickOn("#fineTuneToggle");
        assertThat(window.netPanel().layerStates()).isEqualTo("TTNNNNNN");
        assertThat(robot.lookup("#netCaption").queryLabeled().getText()).contains("AnB+").contains("fine-tuned");
        robot.clickOn("#cutSlider .thumb").type(KeyCode.END);
        assertThat(window.netPanel().layerStates()).isEqualTo("TTTTTTTN");
    }

    @Test
    void sweepFillsTheCurveAndFiltersWithoutStallingTheWindow(FxRobot robot) throws Exception {
        loadAndWait(data);
        AtomicLong last = new AtomicLong();
        AtomicLong lastCpu = new AtomicLong();
        AtomicLong worstGapNanos = new AtomicLong();
        AtomicLong worstBusyNanos = new AtomicLong();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        AnimationTimer pulses = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long cpu = threads.getCurrentThreadCpuTime();
                long before = last.getAndSet(now);
                long cpuBefore = lastCpu.getAndSet(cpu);
                if (before != 0 && model.activity().stateProperty().get() == RunState.RUNNING) {
                    worstGapNanos.accumulateAndGet(now - before, Math::max);
                    worstBusyNanos.accumulateAndGet(cpu - cpuBefore, Math::max);
                }
            }
        };
        robot.interact(pulses::start);
        robot.clickOn("#runSweep");
        waitUntil(() -> model.activity().stateProperty().get() == RunState.IDLE && model.runs().records().size() == 22,
                240);
        robot.interact(pulses::stop);

        assertThat(window.transferability().plottedRuns()).isEqualTo(21); // baseB and 20 transfer runs; baseA is on A
        assertThat(window.filters().liveTiles()).isEqualTo(32);
        assertThat(robot.lookup("#findings").queryLabeled().getText()).contains("AnB");
        assertThat(robot.lookup("#status").queryLabeled().getText()).contains("Finished 22 runs");
        try (var files = Files.list(resultsRoot)) {
            Path folder = files.findFirst().orElseThrow();
            assertThat(ResultsStore.read(folder.resolve("results.json")).runs()).hasSize(22);
        }
        // The FX thread's own work between two pulses is what a stall is. The wall-clock gap also contains waiting
        // for a core (training, chart rendering and software rendering share two) and is only reported.
        System.out.printf("longest FX pulse gap during the sweep: %.1f ms, longest FX-thread work between pulses: "
                + "%.1f ms%n", worstGapNanos.get() / 1e6, worstBusyNanos.get() / 1e6);
        assertThat(worstBusyNanos.get() / 1e6).as("longest FX-thread work between two pulses, ms").isLessThan(100);

        // The predictions were made from the sweep's base A while it ran; the measured AnB now covers every k.
        robot.clickOn("Predicted");
        waitUntil(() -> window.estimates().predictionShown(), 10);
        assertThat(model.estimate().resultProperty().get().perCut()).extracting(c -> c.k())
                .containsExactly(1, 2, 3, 4, 5);
        String predicted = robot.lookup("#estimateSentence").queryLabeled().getText();
        assertThat(predicted).startsWith("Predicted from base A").contains("LEEP");
        if (model.runs().records().stream().filter(r -> r.condition() == Condition.ANB).allMatch(
                r -> org.transferworkbench.core.results.LearningCheck.of(r).learned())) { // qualified: used once
            assertThat(predicted).contains("Kendall's tau against the measured AnB over 5 cut points");
        }
        // The confusion matrix shows the test images behind a cell: here the selected run's right answers for class 0.
        RunRecord shown = model.runs().selectedProperty().get();
        int rightForFirst = shown.confusion()[0][0];
        robot.interact(() -> robot.lookup("#cell-0-0").queryLabeled().fireEvent(new MouseEvent(
                MouseEvent.MOUSE_CLICKED, 0, 0, 0, 0, MouseButton.PRIMARY, 1, false, false, false, false, true, false,
                false, true, false, false, null)));
        assertThat(robot.lookup("#cellImagesHeader").queryLabeled().getText())
                .startsWith("True " + model.runs().classesOf(shown).get(0) + ", predicted "
                        + model.runs().classesOf(shown).get(0) + ": " + rightForFirst + " image(s)");
        assertThat(robot.lookup(".cell-image").queryAll()).hasSize(Math.min(12, rightForFirst));
        // Each image with the net's confidence in its answer, the surest first.
        assertThat(robot.lookup("#cellImagesHeader").queryLabeled().getText()).contains("surest first");
        List<Integer> sure = robot.lookup(".cell-confidence").queryAllAs(Label.class).stream()
                .map(l -> Integer.parseInt(l.getText().replace("%", ""))).toList();
        assertThat(sure).hasSize(Math.min(12, rightForFirst)).allMatch(c -> c >= 20 && c <= 100);
        assertThat(sure).isSortedAccordingTo((a, b) -> Integer.compare(b, a));

        // Only the tab on screen speaks in the findings band: the sentence is in the scene now, the findings not.
        assertThat(robot.lookup("#estimateSentence").queryLabeled().getScene()).isNotNull();
        assertThat(robot.lookup("#findings").tryQuery()).isEmpty();
    }

    @Test
    void layerSimilarityTrainsTheFourNetsAndDrawsTheMatrix(FxRobot robot) throws Exception {
        loadAndWait(data);
        robot.clickOn("Similarity");
        robot.interact(() -> robot.lookup("#similarityK").<Integer>queryComboBox().setValue(2));
        assertThat(window.similarity().valueCells()).isZero();
        robot.clickOn("#compareLayers");
        waitUntil(() -> model.activity().stateProperty().get() == RunState.IDLE
                && model.similarity().resultProperty().get() != null, 240);
        var result = model.similarity().resultProperty().get();
        assertThat(result.k()).isEqualTo(2);
        assertThat(result.layers()).containsExactly("conv1", "conv2", "conv3", "conv4", "fc5");
        assertThat(window.similarity().valueCells()).isEqualTo(5 * 4);
        for (double[] row : result.values()) {
            for (double v : row) {
                assertThat(v).isBetween(-1e-9, 1 + 1e-9);
            }
        }
        // Copied layers that fine-tuning barely moved: AnB+'s conv1 is still much like baseA's.
        assertThat(result.values()[0][1]).isGreaterThan(0.5);
        assertThat(robot.lookup("#similaritySentence").queryLabeled().getText()).startsWith("Linear CKA on")
                .contains("k=2");
        assertThat(robot.lookup("#status").queryLabeled().getText()).isEqualTo("Layer similarity at k=2 computed");
        // At laptop widths the status line may be cut short: its tooltip holds the whole text.
        assertThat(robot.lookup("#status").queryLabeled().getTooltip().getText())
                .isEqualTo("Layer similarity at k=2 computed");

        // The whole window as a picture, for slides: the scene's size, written off the FX thread.
        Path png = resultsRoot.resolve("window.png");
        robot.interact(() -> window.savePicture(png, model.activity()));
        waitUntil(() -> model.activity().statusProperty().get().equals("Saved " + png), 20);
        var picture = javax.imageio.ImageIO.read(png.toFile()); // qualified: used twice here
        assertThat(picture.getWidth()).isEqualTo((int) Math.round(window.getScene().getWidth()));
        assertThat(picture.getHeight()).isEqualTo((int) Math.round(window.getScene().getHeight()));
        // Export > Figure in front: the similarity matrix (a grid of cells, saved as a picture of itself).
        Path matrix = resultsRoot.resolve("similarity.png");
        robot.interact(() -> {
            window.showSimilarity();
            window.saveFigure(matrix, model.activity());
        });
        waitUntil(() -> model.activity().statusProperty().get().equals("Saved " + matrix), 20);
        var matrixPicture = javax.imageio.ImageIO.read(matrix.toFile()); // qualified: used twice here
        assertThat(matrixPicture.getWidth()).isEqualTo((int) Math.round(window.similarity().getWidth()));
    }

    @Test
    void fewExamplesRunsEachSizeAndSaysWhereTransferPays(FxRobot robot) throws Exception {
        loadAndWait(data);
        robot.clickOn("Few examples");
        robot.interact(() -> {
            model.fewShot().sizesProperty().set("2,all");
            // A few updates per net keep the test short; the window's default is the CLI's 300.
            model.fewShot().minStepsProperty().set(6);
        });
        robot.interact(() -> robot.lookup("#fewShotK").<String>queryComboBox().setValue("2"));
        robot.clickOn("#runFewShot");
        waitUntil(() -> model.activity().stateProperty().get() == RunState.IDLE
                && model.fewShot().rowsProperty().get().size() == 2, 240);
        waitUntil(() -> window.fewShot().plottedSizes() == 2, 10);
        assertThat(model.fewShot().shownKProperty().get()).isEqualTo(2);
        assertThat(model.fewShot().rowsProperty().get()).extracting(r -> r.perClass()).containsExactly(2, 0);
        assertThat(robot.lookup("#fewShotVerdict").queryLabeled().getText())
                .containsPattern("^(Transfer pays most at|No size shows a gain)").contains("Results: ");
        assertThat(robot.lookup("#status").queryLabeled().getText()).isEqualTo("Few examples finished");
        try (var files = Files.list(resultsRoot)) {
            Path folder = files.filter(f -> f.getFileName().toString().contains("-fewshot-")).findFirst().orElseThrow();
            assertThat(ResultsStore.read(folder.resolve("per-class-2").resolve("results.json")).runs()).hasSize(3);
        }
    }

    @Test
    void classesCanBeMovedBetweenTheHalvesByHand(FxRobot robot) throws Exception {
        loadAndWait(data);
        String first = model.split().splitProperty().get().classesA().get(0);
        robot.clickOn(robot.lookup("#classesA .list-cell").nth(0).queryAs(Node.class));
        robot.clickOn("#moveToB");
        assertThat(model.split().splitProperty().get().classesB()).contains(first);
        assertThat(model.split().splitProperty().get().classesA()).doesNotContain(first).hasSize(2);
        assertThat(model.split().splitProperty().get().name()).isEqualTo("edited by hand");
        // A would be left with one class: refused with a message, split unchanged
        robot.clickOn(robot.lookup("#classesA .list-cell").nth(0).queryAs(Node.class));
        robot.clickOn("#moveToB");
        assertThat(model.split().splitProperty().get().classesA()).hasSize(2);
        assertThat(model.activity().errorProperty().get()).contains("at least two classes");
    }

    @Test
    void droppingAFolderLoadsIt(FxRobot robot) throws Exception {
        loadAndWait(data);
        robot.drag("#dragSource").dropTo("#dropZone");
        waitUntil(() -> model.data().datasetProperty().get().classNames().size() == 4
                && model.activity().stateProperty().get() == RunState.IDLE, 30);
        assertThat(robot.lookup("#datasetSummary").queryLabeled().getText()).contains("dropped folder").contains("4 "
                + "classes");
    }

    @Test
    void unusableFolderShowsAClearMessageAndTheAppCarriesOn(FxRobot robot) throws Exception {
        Path junk = Files.createDirectories(shared.resolve("junk/only-one-class"));
        Files.writeString(junk.resolve("notes.png"), "not a picture");
        robot.interact(() -> model.data().load(junk.getParent()));
        waitUntil(() -> !model.activity().errorProperty().get().isEmpty(), 30);
        String message = robot.lookup("#errorBanner").queryLabeled().getText();
        assertThat(message).contains("junk").contains("fewer than two classes");
        assertThat(model.activity().stateProperty().get()).isEqualTo(RunState.IDLE);
        loadAndWait(data);
        assertThat(model.data().datasetProperty().get().numClasses()).isEqualTo(6);
    }

    @Test
    void aFileThatIsNotANetIsRefusedWithItsName(FxRobot robot) throws Exception {
        loadAndWait(data);
        Path bogus = shared.resolve("not a net.zip");
        Files.writeString(bogus, "PK but not really");
        robot.interact(() -> model.net().load(bogus));
        waitUntil(() -> !model.activity().errorProperty().get().isEmpty()
                && model.activity().stateProperty().get() == RunState.IDLE, 30);
        assertThat(robot.lookup("#errorBanner").queryLabeled().getText()).contains("not a net.zip")
                .contains("not a net file");
        assertThat(model.net().pretrainedAProperty().get()).isNull();
    }

    @Test
    void cancelStopsTheRunAndKeepsFinishedRuns(FxRobot robot) throws Exception {
        loadAndWait(data);
        robot.interact(() -> model.settings().epochsProperty().set(30));
        robot.clickOn("#runSweep");
        waitUntil(() -> model.runs().records().size() >= 1, 120);
        robot.clickOn("#cancel");
        waitUntil(() -> model.activity().stateProperty().get() == RunState.IDLE, 10);
        assertThat(robot.lookup("#status").queryLabeled().getText()).contains("Cancelled");
        int shown = model.runs().records().size();
        assertThat(shown).isBetween(1, 21);
        try (var files = Files.list(resultsRoot)) {
            Path folder = files.findFirst().orElseThrow();
            assertThat(ResultsStore.read(folder.resolve("results.json")).runs()).hasSize(shown);
        }
    }

    @Test
    void opensAResultsFileFromTheCommandLine(FxRobot robot) throws Exception {
        loadAndWait(data);
        Path out = shared.resolve("cli results");
        int code = CliBridge.run("sweep", data.toString(), "--out", out.toString(),
                "--epochs", "1", "--k", "2,4", "--no-cache");
        assertThat(code).isZero();
        robot.interact(() -> model.runs().open(out.resolve("results.json")));
        waitUntil(() -> model.runs().records().size() == 10 && model.activity().stateProperty().get() == RunState.IDLE,
                30);
        assertThat(window.transferability().plottedRuns()).isEqualTo(9);
        assertThat(robot.lookup("#runsTable").queryTableView().getItems()).hasSize(10);
        RunRecord selected = model.runs().selectedProperty().get();
        assertThat(selected).isNotNull();
        assertThat(new File(out.resolve("results.csv").toString())).exists();
    }

    @Test
    void aFolderWithBadFilesShowsWhatWasLeftOutAndWhy(FxRobot robot) throws Exception {
        Path folder = shared.resolve("messy ünïcode folder");
        for (String cls : new String[] {"rouge", "vert"}) {
            for (int i = 0; i < 6; i++) {
                java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(12, 12,
                        java.awt.image.BufferedImage.TYPE_INT_RGB);
                img.setRGB(i, i, cls.equals("rouge") ? 0xff0000 : 0x00ff00);
                Files.createDirectories(folder.resolve(cls));
                javax.imageio.ImageIO.write(img, "png", folder.resolve(cls + "/image " + i + ".png").toFile());
            }
        }
        Files.write(folder.resolve("rouge/empty.png"), new byte[0]);
        Files.writeString(folder.resolve("vert/text.jpg"), "not a picture");
        Files.copy(folder.resolve("vert/image 0.png"), folder.resolve("vert/renamed.jpg"));
        loadAndWait(folder);
        assertThat(robot.lookup("#loadReport").queryAs(Hyperlink.class).getText())
                .contains("3 file(s) not used");
        robot.clickOn("#loadReport");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup("#skipTable").queryTableView();
        assertThat(table.getItems()).hasSize(3);
        assertThat(table.getItems().toString()).contains("empty file (0 bytes)")
                .contains("not a valid JPEG file").contains("wrong extension: a PNG image named .jpg");
        robot.interact(() -> ((Stage) table.getScene().getWindow()).close());
    }

    @Test
    void aKerasNetBecomesTheSourceAndItsSweepStartsAfterTheEstimate(FxRobot robot) throws Exception {
        loadAndWait(data);
        Path keras = Locations.find("assets/nets/keras/fashion-A-sequential.h5")
                .orElseThrow();
        robot.interact(() -> {
            model.settings().epochsProperty().set(1);
            model.settings().bPerClassProperty().set(10);
        });
        robot.interact(() -> model.net().load(keras));
        waitUntil(() -> model.net().foreignNetProperty().get() != null
                && model.activity().stateProperty().get() == RunState.IDLE, 60);
        assertThat(robot.lookup("#sourceNet").queryLabeled().getText()).contains("fashion-A-sequential.h5")
                .contains("Keras Sequential");
        assertThat(model.net().architectureProperty().get().cutPoints()).containsExactly(1, 2, 3);
        assertThat(robot.lookup("#sourceB").queryAs(RadioButton.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#netCaption").queryLabeled().getText()).contains("fashion-A-sequential.h5");
        // The value range is the user's to state; it reaches the net on the training thread.
        robot.interact(() -> robot.lookup("#normalisation").queryComboBox().getSelectionModel()
                .select(Normalisation.SIGNED));
        waitUntil(() -> model.net().foreignNetProperty().get().input().normalisation()
                == Normalisation.SIGNED, 10);
        robot.interact(() -> robot.lookup("#normalisation").queryComboBox().getSelectionModel()
                .select(Normalisation.UNIT));
        waitUntil(() -> model.net().foreignNetProperty().get().input().normalisation()
                == Normalisation.UNIT, 10);

        // The left column is taller with a source net (the split panel says why it is not used): the run button can
        // be scrolled out of the headless screen, where a robot click misses it; the test runs the button's action.
        robot.interact(model.sweep()::runSweep);
        waitUntil(() -> robot.lookup("#confirmDialog").tryQuery().isPresent(), 120);
        String estimate = robot.lookup("#confirmDialog").queryAs(DialogPane.class).getContentText();
        assertThat(estimate).contains("7 runs").contains("Estimated time").contains("28x28");
        robot.clickOn("Start");
        waitUntil(() -> model.activity().stateProperty().get() == RunState.IDLE && model.runs().records().size() == 7,
                240);
        assertThat(model.runs().records()).extracting(RunRecord::condition)
                .contains(Condition.BASE_B, Condition.ANB, Condition.ANB_PLUS);
        assertThat(window.transferability().plottedRuns()).isEqualTo(7);
        try (var files = Files.list(resultsRoot)) {
            Path folder = files.findFirst().orElseThrow();
            var results = ResultsStore.read(folder.resolve("results.json"));
            assertThat(results.experiment().isPretrained()).isTrue();
            assertThat(results.runs()).hasSize(7);
        }
        robot.clickOn("#clearSourceNet");
        assertThat(model.net().architectureProperty().get().cutPoints()).containsExactly(1, 2, 3, 4, 5);
    }
}
