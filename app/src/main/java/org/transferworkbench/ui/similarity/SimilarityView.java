package org.transferworkbench.ui.similarity;

import java.util.Locale;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.transferworkbench.core.sweep.LayerSimilarity;
import org.transferworkbench.ui.common.Activity;

/**
 * The layer-similarity heatmap: one row per weight layer (transferred ones marked), one column per pair of nets,
 * each cell its CKA value on a white-to-blue scale. Its sentence ({@link #sentence}) goes to the findings band.
 */
public final class SimilarityView extends VBox {

    private final GridPane heatmap = new GridPane();
    private final Label sentence = new Label();

    public SimilarityView(SimilarityModel model, Activity activity) {
        ComboBox<Integer> k = new ComboBox<>();
        k.setId("similarityK");
        k.getItems().addAll(1, 2, 3, 4, 5);
        k.setValue(model.kProperty().get());
        k.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                model.kProperty().set(b);
            }
        });
        model.kProperty().addListener((o, a, b) -> k.setValue(b.intValue()));
        k.setTooltip(new Tooltip("Cut point: AnB+ and BnB+ copy this many layers, then fine-tune"));
        k.setMinWidth(Region.USE_PREF_SIZE);
        Button compare = new Button("Compare");
        compare.setId("compareLayers");
        compare.getStyleClass().add("accent");
        compare.disableProperty().bind(activity.busyProperty());
        compare.setTooltip(new Tooltip("Trains baseA, baseB, AnB+ and BnB+ at this k (base nets from the cache when "
                + "there) and compares their layers on 500 of B's test images"));
        compare.setOnAction(e -> model.compare());
        compare.setMinWidth(Region.USE_PREF_SIZE);
        Label kLabel = new Label("k");
        kLabel.setMinWidth(Region.USE_PREF_SIZE);
        Label help = new Label("Linear CKA: 1 = same representation, 0 = unrelated.");
        help.getStyleClass().add("text-muted");
        help.setMinWidth(0);
        help.setTooltip(new Tooltip("Linear CKA between the layers of two nets on the same 500 test images of B: 1 = "
                + "the same representation up to rotation and scale, 0 = unrelated. Columns: A = baseA, B = baseB"));
        HBox controls = new HBox(8, kLabel, k, compare, help);
        controls.setAlignment(Pos.CENTER_LEFT);

        heatmap.setId("similarityHeatmap");
        heatmap.setHgap(3);
        heatmap.setVgap(3);
        VBox.setVgrow(heatmap, Priority.ALWAYS);
        sentence.setId("similaritySentence");
        sentence.setWrapText(true);
        sentence.textProperty().bind(model.sentenceProperty());
        model.resultProperty().addListener((o, a, r) -> fill(r));
        fill(null);
        setSpacing(6);
        getChildren().addAll(controls, heatmap);
        getStyleClass().add("panel");
    }

    public Label sentence() {
        return sentence;
    }

    /** Cells shown with a value (for tests): rows x columns, 0 before a comparison. */
    public int valueCells() {
        return (int) heatmap.getChildren().stream().filter(n -> n.getStyleClass().contains("cka-cell")).count();
    }

    private void fill(LayerSimilarity.Result r) {
        heatmap.getChildren().clear();
        heatmap.getColumnConstraints().clear();
        heatmap.getRowConstraints().clear();
        if (r == null || !r.complete()) {
            Label empty = new Label("No comparison yet: choose k and press Compare (about a minute with cached "
                    + "base nets).");
            empty.getStyleClass().add("text-muted");
            empty.setWrapText(true);
            heatmap.add(empty, 0, 0);
            return;
        }
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        heatmap.getColumnConstraints().add(names);
        for (int p = 0; p < r.pairs().size(); p++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setHgrow(Priority.ALWAYS);
            c.setFillWidth(true);
            c.setPercentWidth(-1);
            heatmap.getColumnConstraints().add(c);
            // "A~AnB+" rather than "baseA~AnB+": four columns fit a third of a laptop screen; the tooltip says it all.
            Label head = new Label(r.pairs().get(p).replace("base", ""));
            head.setTooltip(new Tooltip(r.pairs().get(p)));
            head.setMinHeight(0);
            head.setStyle("-fx-font-weight: bold;");
            head.setMinWidth(0);
            GridPane.setHalignment(head, HPos.CENTER);
            heatmap.add(head, p + 1, 0);
        }
        // Equal shares of the height, so every layer stays on screen however small the cell.
        double share = 100.0 / (r.layers().size() + 1);
        for (int l = 0; l <= r.layers().size(); l++) {
            RowConstraints row = new RowConstraints();
            row.setPercentHeight(share);
            row.setFillHeight(true);
            row.setMinHeight(0);
            heatmap.getRowConstraints().add(row);
        }
        for (int l = 0; l < r.layers().size(); l++) {
            Label name = new Label(r.layers().get(l) + (l < r.k() ? " (copied)" : ""));
            name.setMinWidth(Region.USE_PREF_SIZE);
            name.setMinHeight(0);
            name.setStyle("-fx-font-size: 0.95em;");
            heatmap.add(name, 0, l + 1);
            for (int p = 0; p < r.pairs().size(); p++) {
                double v = r.values()[l][p];
                Label cell = new Label(String.format(Locale.ROOT, "%.2f", v));
                cell.getStyleClass().add("cka-cell");
                cell.setAlignment(Pos.CENTER);
                cell.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
                cell.setMinSize(0, 0);
                Color bg = shade(v);
                cell.setStyle(String.format(Locale.ROOT, "-fx-background-color: %s; -fx-text-fill: %s; "
                        + "-fx-font-size: 0.95em; -fx-padding: 0;", web(bg), v > 0.6 ? "white" : "#111111"));
                cell.setTooltip(new Tooltip(String.format(Locale.ROOT, "%s, %s: CKA %.3f", r.layers().get(l),
                        r.pairs().get(p), v)));
                heatmap.add(cell, p + 1, l + 1);
            }
        }
    }

    /** White (0) to deep blue (1), so the eye finds the layers that stayed alike. */
    static Color shade(double v) {
        double t = Math.max(0, Math.min(1, v));
        return Color.color(0.97 - t * 0.94, 0.98 - t * 0.79, 1.0 - t * 0.58);
    }

    private static String web(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", (int) Math.round(c.getRed() * 255),
                (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255));
    }
}
