package org.transferworkbench.ui.sweep;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.transferworkbench.core.experiment.FilterSnapshot;
import org.transferworkbench.ui.net.NetModel;

/**
 * First-layer filters as tiles: the source net's beside the net being trained, so a viewer sees what fine-tuning
 * changes (and that frozen filters do not). The source net's are there from the first frame (read from the net file),
 * and tiles grow with the panel so a class can read them from the back of the room: each filter scaled to its own
 * range, drawn as blocks without smoothing, colour filters in colour and grey ones in a diverging map (blue negative,
 * white zero, red positive), where the sign is what the filter looks for.
 */
public final class FilterView extends VBox {

    /** At most this many filters are drawn (the workbench's conv1 has 32). */
    static final int SHOWN = 32;
    private final Canvas source = new Canvas(200, 100);
    private final Canvas live = new Canvas(200, 100);
    private final SweepProgress progress;
    private final NetModel net;
    private final VBox liveBox;
    private FilterSnapshot liveShown;
    private int tilesDrawn;

    public FilterView(SweepProgress progress, NetModel net) {
        this.progress = progress;
        this.net = net;
        Label title = new Label("First-layer filters (conv1): blue < 0 < red");
        title.getStyleClass().add("title-4");
        Label sourceLabel = new Label("source base net");
        sourceLabel.textProperty().bind(Bindings.when(net.foreignLoadedProperty()).then("source net (loaded)")
                .otherwise("source base net"));
        Label liveLabel = new Label("net being trained");
        live.setId("liveFilters");
        source.setId("sourceFilters");
        liveBox = new VBox(2, liveLabel, live);
        // Before any training there is nothing on the right: the source net's filters take the whole width.
        liveBox.setVisible(false);
        liveBox.managedProperty().bind(liveBox.visibleProperty());
        HBox grids = new HBox(16, new VBox(2, sourceLabel, source), liveBox);
        VBox.setVgrow(grids, Priority.ALWAYS);
        Tooltip.install(this, new Tooltip("Frozen layers: the right grid stays equal to the left. Fine-tuned: it "
                + "drifts. Grey input: blue where a filter wants dark pixels, red where it wants bright ones."));
        getChildren().addAll(title, grids);
        setSpacing(4);
        setPadding(new Insets(8));
        setMinWidth(0);
        getStyleClass().add("panel");
        progress.sourceFiltersProperty().addListener((o, a, f) -> redraw());
        net.sourceFiltersProperty().addListener((o, a, f) -> redraw());
        progress.liveFiltersProperty().addListener((o, a, f) -> {
            liveShown = f;
            if (f != null && !liveBox.isVisible()) {
                liveBox.setVisible(true);
                resize();
            }
            tilesDrawn = draw(live, f);
        });
        // The grids share the panel's width; a tile is as large as the panel allows.
        widthProperty().addListener((o, a, b) -> resize());
        heightProperty().addListener((o, a, b) -> resize());
        redraw();
    }

    /** Tiles in the live grid (for tests). */
    public int liveTiles() {
        return tilesDrawn;
    }

    private FilterSnapshot shownSource() {
        FilterSnapshot during = progress.sourceFiltersProperty().get();
        return during != null ? during : net.sourceFiltersProperty().get();
    }

    /**
     * Tiles as large as the panel allows: the grids share its width, and the columns (4, 8, 16 or 32) are chosen so
     * the 32 filters fill the space best; a wide, low panel gets two long rows, not four short ones.
     */
    private void resize() {
        double w = Math.max(60, (getWidth() - 20 - (liveBox.isVisible() ? 16 : 0)) / (liveBox.isVisible() ? 2 : 1));
        double h = Math.max(30, getHeight() - 62);
        double best = 0;
        int bestColumns = 8;
        for (int columns = 4; columns <= SHOWN; columns *= 2) {
            double tile = Math.floor(Math.min(w / columns, h / Math.ceil(SHOWN / (double) columns)));
            if (tile > best) {
                best = tile;
                bestColumns = columns;
            }
        }
        for (Canvas c : new Canvas[] {source, live}) {
            c.setWidth(best * bestColumns);
            c.setHeight(best * Math.ceil(SHOWN / (double) bestColumns));
        }
        redraw();
    }

    private void redraw() {
        draw(source, shownSource());
        tilesDrawn = draw(live, liveShown);
    }

    static int draw(Canvas canvas, FilterSnapshot f) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setImageSmoothing(false);
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (f == null) {
            g.setFill(Color.GRAY);
            g.fillText("(appears when training starts)", 4, 16);
            return 0;
        }
        int shown = Math.min(f.filters(), SHOWN);
        int k = f.kernel();
        int per = f.channels() * k * k;
        int columns = columnsOf(canvas);
        double cell = canvas.getWidth() / columns;
        double gap = Math.max(1, Math.round(cell * 0.1));
        // Whole pixels per weight: every weight the same size, edges sharp.
        double px = Math.max(1, Math.floor((cell - gap) / k));
        for (int n = 0; n < shown; n++) {
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (int i = 0; i < per; i++) {
                float v = f.weights()[n * per + i];
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            double x0 = (n % columns) * cell;
            double y0 = (n / columns) * cell;
            for (int y = 0; y < k; y++) {
                for (int x = 0; x < k; x++) {
                    g.setFill(f.channels() >= 3 ? rgb(f, n * per, y * k + x, k * k, min, max)
                            : diverging(f.weights()[n * per + y * k + x], Math.max(Math.abs(min), Math.abs(max))));
                    g.fillRect(x0 + x * px, y0 + y * px, px, px);
                }
            }
        }
        return shown;
    }

    /** The columns a canvas was sized for by {@link #resize}: its width over its height, times the rows. */
    private static int columnsOf(Canvas canvas) {
        for (int columns = 4; columns <= SHOWN; columns *= 2) {
            double rows = Math.ceil(SHOWN / (double) columns);
            if (Math.abs(canvas.getWidth() / columns - canvas.getHeight() / rows) < 0.5) {
                return columns;
            }
        }
        return 8;
    }

    /** A colour filter as the colour it responds to most: each filter scaled to its own min..max. */
    private static Color rgb(FilterSnapshot f, int offset, int at, int plane, float min, float max) {
        float range = Math.max(1e-8f, max - min);
        float[] w = f.weights();
        return Color.color((w[offset + at] - min) / range, (w[offset + plane + at] - min) / range,
                (w[offset + 2 * plane + at] - min) / range);
    }

    /** Blue for negative, white for zero, red for positive, scaled to the filter's largest magnitude. */
    static Color diverging(float v, float scale) {
        double t = Math.max(-1, Math.min(1, v / Math.max(1e-8f, scale)));
        return t >= 0 ? Color.color(1, 1 - 0.85 * t, 1 - 0.85 * t) : Color.color(1 + 0.85 * t, 1 + 0.85 * t, 1);
    }
}
