package org.transferworkbench.ui;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.ui.common.ChartPane;
import org.transferworkbench.ui.common.DialogService;
import org.transferworkbench.ui.common.ExperimentSettings;
import org.transferworkbench.ui.common.FxThread;
import org.transferworkbench.ui.common.RunState;
import org.transferworkbench.ui.data.LoadReportDialog;
import org.transferworkbench.ui.lesson.LessonModel;

/**
 * Opens the window, runs a scripted demo and renders the window to a PNG: the README's screenshots come from here.
 * Needs a display (a desktop, {@code xvfb-run}, or Monocle headless).
 */
public final class Screenshot {

    /**
     * @param preset "start" (the window as it opens), "sweep" (after a full sweep with the given settings),
     *               "report" (the load report of --data), "fewshot" (the few-examples view after a run) or
     *               "predicted" (the predicted-vs-measured view after a full sweep) or "similarity" (the CKA
     *               matrix at k)
     * @param data   dataset to open instead of the bundled Fashion-MNIST sample (null = the sample)
     * @param net    a net file to use as the source of transfer (null = the paper's base nets)
     * @param sizes  images per B class for the "fewshot" preset
     * @param k      its cut point, 0 = the probe's choice
     * @param lesson a lesson file to open instead (the window as {@code --lesson FILE} opens it), null = none
     * @param step   its step to show (1-based)
     * @param live   run the step's setting live first ("Run it live"), and render when it has finished
     * @param present the lesson in presentation mode (large type, side controls and header hidden)
     */
    public record Options(Path out, String preset, int width, int height, int epochs, int bPerClass, int seeds,
                          boolean dark, int timeoutSeconds, Path data, Path groups, Path net, String sizes, int k,
                          Path lesson, int step, boolean live, boolean present) {
    }

    private Screenshot() {
    }

    private static void dump(Node n, int depth) {
        if (depth > 6) {
            return;
        }
        System.err.printf("%s%s w=%.0f min=%.0f pref=%.0f%n", "  ".repeat(depth), n.getClass().getSimpleName()
                + (n.getId() != null ? "#" + n.getId() : ""), n.getLayoutBounds().getWidth(), n.minWidth(-1),
                n.prefWidth(-1));
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                dump(c, depth + 1);
            }
        }
    }

    private static void save(WritableImage image, Path out, Exception[] failure) {
        try {
            BufferedImage png = SwingFXUtils.fromFXImage(image, null);
            Files.createDirectories(out.toAbsolutePath().getParent());
            ImageIO.write(png, "png", out.toFile());
        } catch (Exception ex) {
            failure[0] = ex;
        }
    }

    /** The demo's script: one step per state change of the window (sample loaded, data loaded, net loaded, ...). */
    private static final class Step {
        private final Options o;
        private final WorkbenchApp app;
        private final CountDownLatch done;
        private final Exception[] failure;
        private boolean started;
        private boolean switched;
        private boolean netLoaded;
        private boolean rendered;

        Step(Options o, WorkbenchApp app, CountDownLatch done, Exception[] failure) {
            this.o = o;
            this.app = app;
            this.done = done;
            this.failure = failure;
            this.switched = o.data() == null;
            this.netLoaded = o.net() == null;
        }

        /** A lesson's step is in place: go on to the step asked for, run it live, or render. */
        void lessonReady() {
            LessonModel lesson = app.model().lesson();
            lesson.presentationProperty().set(o.present());
            if (lesson.indexProperty().get() != o.step() - 1) {
                FxThread.later(() -> lesson.go(o.step() - 1));
            } else if (o.live() && !started) {
                started = true;
                FxThread.later(lesson::runLive);
            } else if (!o.live()) {
                settle(() -> save(app.stage().getScene().snapshot(null), o.out(), failure));
            }
        }

        void changed(RunState before, RunState now) {
            WorkbenchModel model = app.model();
            boolean loaded = before == RunState.LOADING && now == RunState.IDLE;
            if (o.lesson() != null) {
                if (before == RunState.RUNNING && now == RunState.IDLE) {
                    settle(() -> save(app.stage().getScene().snapshot(null), o.out(), failure));
                }
                return;
            }
            if (!switched && loaded) {
                // The sample has loaded; now the dataset asked for.
                switched = true;
                FxThread.later(() -> model.data().load(o.data()));
            } else if (!netLoaded && loaded) {
                netLoaded = true;
                FxThread.later(() -> model.net().load(o.net()));
            } else if ((o.preset().equals("sweep") || o.preset().equals("predicted")) && loaded && !started) {
                started = true;
                if (o.preset().equals("predicted")) {
                    app.window().showEstimates();
                }
                if (o.groups() != null) {
                    model.settings().groupsFileProperty().set(o.groups());
                }
                FxThread.later(model.sweep()::runSweep);
            } else if (o.preset().equals("fewshot") && loaded && !started) {
                started = true;
                app.window().showFewShot();
                model.fewShot().sizesProperty().set(o.sizes());
                model.fewShot().kProperty().set(o.k() > 0 ? o.k() : null);
                FxThread.later(model.fewShot()::run);
            } else if (o.preset().equals("similarity") && loaded && !started) {
                started = true;
                app.window().showSimilarity();
                model.similarity().kProperty().set(o.k() > 0 ? o.k() : 3);
                FxThread.later(model.similarity()::compare);
            } else if (o.preset().equals("report") && loaded) {
                // The load report of the dataset asked for, as the window shows it after a drop.
                LoadReportDialog dialog = new LoadReportDialog(model.data().dataset());
                dialog.initOwner(app.stage());
                dialog.show();
                settle(() -> save(dialog.getDialogPane().getScene().snapshot(null), o.out(), failure));
            } else if (now == RunState.IDLE && (loaded && o.preset().equals("start")
                    && (o.data() != null || !model.runs().replay().isEmpty() || LessonModel.shippedFiles().isEmpty())
                    || before == RunState.RUNNING || before == RunState.CANCELLING)) {
                renderWindow();
            }
        }

        /**
         * The start preset's figure, the first lesson's replay, is read beside the sample's load and may arrive after
         * the load's last change of state: then its arrival is the moment to render.
         */
        void replayShown() {
            WorkbenchModel model = app.model();
            if (o.lesson() == null && o.preset().equals("start") && o.data() == null && !model.runs().replay().isEmpty()
                    && model.data().dataset() != null && model.activity().state() == RunState.IDLE) {
                renderWindow();
            }
        }

        private void renderWindow() {
            if (rendered) {
                return;
            }
            rendered = true;
            settle(() -> {
                if (Boolean.getBoolean("workbench.debugLayout")) {
                    dump(app.stage().getScene().getRoot(), 0);
                }
                save(app.stage().getScene().snapshot(null), o.out(), failure);
            });
        }

        /**
         * Lets charts and layout settle, then renders: after a pause, once the chart thread has drawn everything
         * queued (its findings included), and after one more layout pass.
         */
        private void settle(Runnable render) {
            PauseTransition settle = new PauseTransition(Duration.millis(800));
            settle.setOnFinished(e -> ChartPane.offFx(() -> FxThread.later(() -> afterCharts(render))));
            settle.play();
        }

        private void afterCharts(Runnable render) {
            PauseTransition settle = new PauseTransition(Duration.millis(400));
            settle.setOnFinished(e -> {
                try {
                    render.run();
                } catch (RuntimeException ex) {
                    failure[0] = ex;
                }
                done.countDown();
            });
            settle.play();
        }
    }

    /** What the window said when the demo gave up: its status and error lines. */
    private static String stateOfTheWindow() throws InterruptedException {
        String[] said = {"the window did not answer"};
        CountDownLatch asked = new CountDownLatch(1);
        FxThread.later(() -> {
            WorkbenchApp app = WorkbenchApp.running;
            if (app != null && app.model() != null) {
                said[0] = "status: " + app.model().activity().statusProperty().get() + "; error: "
                        + app.model().activity().errorProperty().get();
            }
            asked.countDown();
        });
        asked.await(5, TimeUnit.SECONDS);
        return said[0];
    }

    public static int take(Options o) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        Exception[] failure = new Exception[1];
        WorkbenchApp.forcedSize = new double[] {o.width(), o.height()};
        WorkbenchApp.startLesson = o.lesson();
        WorkbenchApp.preview = o.preset().equals("start");
        WorkbenchApp.afterStart = app -> {
            app.setDark(o.dark());
            WorkbenchModel model = app.model();
            ExperimentSettings settings = model.settings();
            settings.epochsProperty().set(o.epochs());
            settings.bPerClassProperty().set(o.bPerClass());
            settings.seedsProperty().set(o.seeds());
            // A scripted demo says yes to the time estimate itself.
            model.sweep().setDialogs(DialogService.YES);
            Step step = new Step(o, app, done, failure);
            model.activity().stateProperty().addListener((obs, before, now) -> step.changed(before, now));
            model.runs().replay().addListener((ListChangeListener<RunRecord>) c -> step.replayShown());
            if (o.lesson() != null) {
                model.lesson().readyProperty().addListener((obs, was, ready) -> {
                    if (ready) {
                        step.lessonReady();
                    }
                });
            }
        };
        Thread fx = new Thread(() -> {
            try {
                WorkbenchApp.launchApp();
            } catch (RuntimeException | LinkageError e) {
                // No display or no GTK: say so now instead of waiting for the timeout.
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                failure[0] = new UserError("the window could not open (" + e.getMessage() + ": " + root + "); run "
                        + "under a display, e.g. xvfb-run, with GTK 3 installed", e);
                done.countDown();
            }
        }, "fx-launcher");
        fx.setDaemon(true);
        fx.start();
        boolean finished = done.await(o.timeoutSeconds(), TimeUnit.SECONDS);
        String where = finished ? "" : stateOfTheWindow();
        Platform.exit();
        if (!finished) {
            throw new IllegalStateException("the demo did not finish within " + o.timeoutSeconds() + " s (" + where
                    + ")");
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return 0;
    }
}
