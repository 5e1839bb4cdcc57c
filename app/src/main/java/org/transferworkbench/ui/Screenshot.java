package org.transferworkbench.ui;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.transferworkbench.ui.common.RunState;

/**
 * Opens the window, runs a scripted demo and renders the window to a PNG: the README's screenshots come from here.
 * Needs a display (a desktop, {@code xvfb-run}, or Monocle headless).
 */
public final class Screenshot {

    /**
     * @param preset "start" (the window as it opens), "sweep" (after a full sweep with the given settings) or
     *               "report" (the load report of --data)
     */
    /** @param data dataset to open instead of the bundled Fashion-MNIST sample (null = the sample) */
    /** @param net a net file to use as the source of transfer (null = the paper's base nets) */
    public record Options(Path out, String preset, int width, int height, int epochs, int bPerClass, int seeds,
                          boolean dark, int timeoutSeconds, Path data, Path groups, Path net) {
    }

    private Screenshot() {
    }

    private static void dump(javafx.scene.Node n, int depth) {
        if (depth > 6) {
            return;
        }
        System.err.printf("%s%s w=%.0f min=%.0f pref=%.0f%n", "  ".repeat(depth), n.getClass().getSimpleName()
                + (n.getId() != null ? "#" + n.getId() : ""), n.getLayoutBounds().getWidth(), n.minWidth(-1),
                n.prefWidth(-1));
        if (n instanceof javafx.scene.Parent p) {
            for (javafx.scene.Node c : p.getChildrenUnmodifiable()) {
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

    public static int take(Options o) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        Exception[] failure = new Exception[1];
        WorkbenchApp.forcedSize = new double[] {o.width(), o.height()};
        WorkbenchApp.afterStart = app -> {
            app.setDark(o.dark());
            WorkbenchModel model = app.model();
            model.epochs.set(o.epochs());
            model.bPerClass.set(o.bPerClass());
            model.seeds.set(o.seeds());
            boolean[] started = new boolean[1];
            boolean[] switched = new boolean[] {o.data() == null};
            boolean[] netLoaded = new boolean[] {o.net() == null};
            // A scripted demo says yes to the time estimate itself.
            model.pendingSweepProperty().addListener((obs, a, text) -> {
                if (text != null && !text.isEmpty()) {
                    Platform.runLater(model::confirmPendingSweep);
                }
            });
            model.stateProperty().addListener((obs, before, now) -> {
                if (!switched[0] && before == RunState.LOADING && now == RunState.IDLE) {
                    // The sample has loaded; now the dataset asked for.
                    switched[0] = true;
                    Platform.runLater(() -> model.loadDataset(o.data()));
                    return;
                }
                if (!netLoaded[0] && before == RunState.LOADING && now == RunState.IDLE) {
                    netLoaded[0] = true;
                    Platform.runLater(() -> model.loadPretrained(o.net()));
                    return;
                }
                if (o.preset().equals("sweep") && before == RunState.LOADING && now == RunState.IDLE && !started[0]
                        && model.pendingSweepProperty().get().isEmpty()) {
                    started[0] = true;
                    if (o.groups() != null) {
                        model.groupsFile.set(o.groups());
                    }
                    model.runSweep();
                } else if (o.preset().equals("report") && before == RunState.LOADING && now == RunState.IDLE
                        && switched[0] && netLoaded[0]) {
                    // The load report of the dataset asked for, as the window shows it after a drop.
                    var dialog = new org.transferworkbench.ui.views.LoadReportDialog(model.datasetProperty().get());
                    dialog.initOwner(app.stage());
                    dialog.show();
                    PauseTransition settle = new PauseTransition(Duration.millis(800));
                    settle.setOnFinished(e -> {
                        save(dialog.getDialogPane().getScene().snapshot(null), o.out(), failure);
                        done.countDown();
                    });
                    settle.play();
                } else if (now == RunState.IDLE && (before == RunState.LOADING && o.preset().equals("start")
                        || before == RunState.RUNNING || before == RunState.CANCELLING)) {
                    // Let charts and layout settle, then render.
                    PauseTransition settle = new PauseTransition(Duration.millis(800));
                    settle.setOnFinished(e -> {
                        try {
                            if (Boolean.getBoolean("workbench.debugLayout")) {
                                dump(app.stage().getScene().getRoot(), 0);
                            }
                            save(app.stage().getScene().snapshot(null), o.out(), failure);
                        } catch (RuntimeException ex) {
                            failure[0] = ex;
                        }
                        done.countDown();
                    });
                    settle.play();
                }
            });
        };
        Thread fx = new Thread(() -> WorkbenchApp.launchApp(), "fx-launcher");
        fx.setDaemon(true);
        fx.start();
        boolean finished = done.await(o.timeoutSeconds(), TimeUnit.SECONDS);
        Platform.exit();
        if (!finished) {
            throw new IllegalStateException("the demo did not finish within " + o.timeoutSeconds() + " s");
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return 0;
    }
}
