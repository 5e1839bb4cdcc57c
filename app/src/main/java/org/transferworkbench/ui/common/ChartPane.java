package org.transferworkbench.ui.common;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import org.jfree.chart.JFreeChart;
import org.transferworkbench.core.report.Pictures;

/**
 * A JFreeChart drawn off the FX thread: updates and rendering run on one "chart-renderer" thread (the chart and its
 * datasets are confined to it) and the finished picture is shown in an ImageView. Drawing a chart on the FX thread
 * took 10-130 ms per update on 2 busy cores, enough to stall the window during a sweep; showing an image costs
 * next to nothing. Updates are coalesced: only the latest data and size are drawn.
 */
public final class ChartPane extends Region {

    private static final ExecutorService RENDERER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "chart-renderer");
        t.setDaemon(true);
        return t;
    });

    private final JFreeChart chart;
    private final ImageView view = new ImageView();
    private final AtomicReference<Consumer<JFreeChart>> pendingData = new AtomicReference<>();
    /** Changes made once, before any data (e.g. no title): never replaced by a later {@link #update}. */
    private final AtomicReference<Consumer<JFreeChart>> pendingSetUp = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile int renderedWidth;
    private volatile int renderedHeight;

    /** @param chart handed over: from now on only the renderer thread touches it */
    public ChartPane(JFreeChart chart) {
        this.chart = chart;
        getChildren().add(view);
        widthProperty().addListener((o, a, b) -> schedule());
        heightProperty().addListener((o, a, b) -> schedule());
    }

    /**
     * Changes the chart once (title, fonts) on the renderer thread, before the next data. Unlike {@link #update}, a
     * later update does not replace it: an update made right after would otherwise drop it.
     */
    public void setUp(Consumer<JFreeChart> once) {
        pendingSetUp.accumulateAndGet(once, (a, b) -> a == null ? b : a.andThen(b));
        schedule();
    }

    /** Replaces the chart's data; {@code update} runs on the renderer thread and must only use what it captured. */
    public void update(Consumer<JFreeChart> update) {
        pendingData.set(update);
        schedule();
    }

    /**
     * Like {@link #update(Consumer)}, for work too slow for the FX thread that belongs with the chart (e.g. the
     * bootstrap behind the findings): {@code update} returns a result off the FX thread; {@code onFx} gets it there.
     */
    public <T> void update(Function<JFreeChart, T> update, Consumer<T> onFx) {
        update(chart -> {
            T result = update.apply(chart);
            Platform.runLater(() -> onFx.accept(result));
        });
    }

    /**
     * Like {@link #update(Function, Consumer)}, drawn twice: after {@code first} (what is quick: the means of a
     * replay) and again after {@code update} (its error bars and findings, seconds later on a laptop).
     */
    public <T> void update(Consumer<JFreeChart> first, Function<JFreeChart, T> update, Consumer<T> onFx) {
        update(chart -> {
            first.accept(chart);
            draw();
            T result = update.apply(chart);
            Platform.runLater(() -> onFx.accept(result));
        });
    }

    /**
     * A context menu that saves the chart as PNG or SVG (for slides and handouts), drawn on the renderer thread at
     * the size shown (at least 1200 px wide for PNG); a failure goes to {@code onError} on the FX thread.
     */
    public void exportable(String name, Consumer<String> onError) {
        MenuItem png = new MenuItem("Save as PNG...");
        MenuItem svg = new MenuItem("Save as SVG...");
        png.setOnAction(e -> saveAs(name + ".png", onError));
        svg.setOnAction(e -> saveAs(name + ".svg", onError));
        ContextMenu menu = new ContextMenu(png, svg);
        setOnContextMenuRequested(e -> menu.show(this, e.getScreenX(), e.getScreenY()));
    }

    private void saveAs(String suggested, Consumer<String> onError) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(suggested);
        File file = getScene() == null ? null : chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            saveTo(file.toPath(), onError);
        }
    }

    /**
     * Runs a picture job (encoding, writing a file) on the renderer thread: never on the FX thread, and never queued
     * behind a sweep on the training thread.
     */
    public static void offFx(Runnable job) {
        RENDERER.execute(job);
    }

    /** Saves the chart as it is now (.png or .svg) on the renderer thread. */
    public void saveTo(Path file, Consumer<String> onError) {
        double scale = Math.max(1, 1200.0 / Math.max(1, getWidth()));
        int w = (int) Math.round(Math.max(getWidth(), 400) * scale);
        int h = (int) Math.round(Math.max(getHeight(), 250) * scale);
        RENDERER.execute(() -> {
            try {
                Pictures.save(chart, file, w, h);
            } catch (RuntimeException e) {
                Platform.runLater(() -> onError.accept(e.getMessage()));
            }
        });
    }

    @Override
    protected void layoutChildren() {
        view.relocate(0, 0);
    }

    @Override
    protected double computePrefWidth(double height) {
        return 480;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 320;
    }

    private void schedule() {
        if (!scheduled.compareAndSet(false, true)) {
            return;
        }
        RENDERER.execute(() -> {
            scheduled.set(false);
            Consumer<JFreeChart> setUp = pendingSetUp.getAndSet(null);
            if (setUp != null) {
                setUp.accept(chart);
            }
            Consumer<JFreeChart> update = pendingData.getAndSet(null);
            int w = (int) Math.floor(getWidth());
            int h = (int) Math.floor(getHeight());
            if (update == null && setUp == null && w == renderedWidth && h == renderedHeight) {
                return;
            }
            if (update != null) {
                update.accept(chart);
            }
            draw();
        });
    }

    /** On the renderer thread: draws the chart at the pane's size and hands the picture to the FX thread. */
    private void draw() {
        int w = (int) Math.floor(getWidth());
        int h = (int) Math.floor(getHeight());
        if (w < 10 || h < 10) {
            return;
        }
        BufferedImage image = chart.createBufferedImage(w, h);
        WritableImage fx = SwingFXUtils.toFXImage(image, null);
        renderedWidth = w;
        renderedHeight = h;
        // One hand-over per drawn picture (a few per second at most), not per training step.
        Platform.runLater(() -> view.setImage(fx));
    }
}
