package org.transferworkbench.ui.sweep;

import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.transferworkbench.core.experiment.FilterSnapshot;
import javafx.beans.binding.Bindings;
import org.transferworkbench.ui.net.NetModel;

/**
 * First-layer filters as tiles (colour when the input is colour): the source net's beside the net being trained, so a
 * viewer sees what fine-tuning changes (and that frozen filters do not).
 */
public final class FilterView extends VBox {

    static final int COLUMNS = 8;
    static final double TILE = 22;
    private final Canvas source = new Canvas(COLUMNS * (TILE + 3), 4 * (TILE + 3));
    private final Canvas live = new Canvas(COLUMNS * (TILE + 3), 4 * (TILE + 3));
    private int tilesDrawn;

    public FilterView(SweepProgress progress, NetModel net) {
        Label title = new Label("First-layer filters (conv1)");
        title.getStyleClass().add("title-4");
        Label sourceLabel = new Label("source base net");
        sourceLabel.textProperty().bind(Bindings.when(net.foreignLoadedProperty()).then("source net (loaded)")
                .otherwise("source base net"));
        Label liveLabel = new Label("net being trained");
        live.setId("liveFilters");
        HBox grids = new HBox(24, new VBox(4, sourceLabel, source), new VBox(4, liveLabel, live));
        Label hint = new Label("Frozen: right = left. Fine-tuned: it drifts.");
        hint.setWrapText(true);
        getChildren().addAll(title, grids, hint);
        setSpacing(6);
        setPadding(new Insets(8));
        setMinWidth(0);
        getStyleClass().add("panel");
        draw(source, null);
        draw(live, null);
        progress.sourceFiltersProperty().addListener((o, a, f) -> draw(source, f));
        progress.liveFiltersProperty().addListener((o, a, f) -> tilesDrawn = draw(live, f));
    }

    /** Tiles in the live grid (for tests). */
    public int liveTiles() {
        return tilesDrawn;
    }

    static int draw(Canvas canvas, FilterSnapshot f) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (f == null) {
            g.setFill(Color.GRAY);
            g.fillText("(appears when training starts)", 4, 16);
            return 0;
        }
        int shown = Math.min(f.filters(), COLUMNS * 4);
        int k = f.kernel();
        int per = f.channels() * k * k;
        double px = TILE / k;
        for (int n = 0; n < shown; n++) {
            // Each filter is scaled to its own min..max so its pattern is visible whatever its magnitude.
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (int i = 0; i < per; i++) {
                float v = f.weights()[n * per + i];
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            float range = Math.max(1e-8f, max - min);
            double x0 = (n % COLUMNS) * (TILE + 3);
            double y0 = (n / COLUMNS) * (TILE + 3);
            for (int y = 0; y < k; y++) {
                for (int x = 0; x < k; x++) {
                    double r;
                    double gr;
                    double b;
                    if (f.channels() >= 3) {
                        r = (f.weights()[n * per + y * k + x] - min) / range;
                        gr = (f.weights()[n * per + k * k + y * k + x] - min) / range;
                        b = (f.weights()[n * per + 2 * k * k + y * k + x] - min) / range;
                    } else {
                        r = gr = b = (f.weights()[n * per + y * k + x] - min) / range;
                    }
                    g.setFill(Color.color(r, gr, b));
                    g.fillRect(x0 + x * px, y0 + y * px, Math.ceil(px), Math.ceil(px));
                }
            }
        }
        return shown;
    }
}
