package org.transferworkbench.ui.runs;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.transferworkbench.core.experiment.RunRecord;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.text.Font;
import org.transferworkbench.core.data.TensorSet;
import org.transferworkbench.ui.common.Thumbnails;

/** The selected run's test confusion matrix: rows true class, columns predicted; darker = more images. */
public final class ConfusionView extends VBox {

    private final RunsModel model;
    private final Label title = new Label("Confusion matrix");
    private final GridPane grid = new GridPane();
    private final FlowPane samples = new FlowPane(6, 6);
    static final int SAMPLES = 6;
    static final int CELL_IMAGES = 12;

    public ConfusionView(RunsModel model) {
        this.model = model;
        title.getStyleClass().add("title-4");
        grid.setHgap(2);
        grid.setVgap(2);
        samples.setId("samplePredictions");
        grid.setMinWidth(Region.USE_PREF_SIZE);
        // One tooltip for the whole matrix: a tooltip per cell would be built again for every finished run.
        Tooltip.install(grid, new Tooltip("Click a cell: the test images behind it"));
        // Ten classes do not fit a laptop-sized panel: the matrix scrolls rather than being cut off.
        ScrollPane scroll = new ScrollPane(new HBox(16, grid, samples));
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setFitToHeight(false);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(title, scroll);
        setSpacing(6);
        setPadding(new Insets(8));
        getStyleClass().add("panel");
        model.selectedProperty().addListener((o, a, r) -> show(r));
    }

    private void show(RunRecord r) {
        grid.getChildren().clear();
        samples.getChildren().clear();
        if (r == null || r.confusion() == null) {
            title.setText("Confusion matrix");
            return;
        }
        List<String> names = model.classesOf(r);
        int[][] m = r.confusion();
        if (m.length != names.size()) {
            title.setText("Confusion matrix: " + r.condition() + " (classes differ from the current split)");
            return;
        }
        title.setText(String.format(Locale.ROOT, "Confusion matrix: %s%s, test accuracy %.3f%nrows: true class, "
                + "columns: predicted (click a cell for its images)", r.condition(), r.k() > 0 ? " k=" + r.k() : "",
                r.testAccuracy()));
        showSamples(r, names);
        int max = 1;
        for (int[] row : m) {
            for (int v : row) {
                max = Math.max(max, v);
            }
        }
        // Ten classes at laptop size: smaller cells and type, so the whole matrix stays in its panel.
        boolean many = m.length > 6;
        Font font = many ? Font.font(11) : null;
        for (int j = 0; j < names.size(); j++) {
            Label head = new Label(shorten(names.get(j)));
            if (font != null) {
                head.setFont(font);
            }
            head.setMinWidth(Region.USE_PREF_SIZE);
            head.setRotate(-30);
            // In a Group the rotated bounds take part in layout, so the slanted names are not cut off at the top.
            grid.add(new Group(head), j + 1, 0);
        }
        for (int i = 0; i < m.length; i++) {
            Label rowName = new Label(many ? shorten(names.get(i)) : names.get(i));
            rowName.setMinWidth(Region.USE_PREF_SIZE);
            if (font != null) {
                rowName.setFont(font);
            }
            grid.add(rowName, 0, i + 1);
            for (int j = 0; j < m.length; j++) {
                Label cell = new Label(Integer.toString(m[i][j]));
                double t = m[i][j] / (double) max;
                Color bg = i == j ? Color.rgb(31, 78, 180, 0.15 + 0.85 * t) : Color.rgb(192, 31, 42, t * 0.9);
                // Backgrounds and text colours set directly, not as inline CSS: no style parsing per cell and run.
                cell.setBackground(new Background(new BackgroundFill(bg, null, null)));
                if (t > 0.5) {
                    cell.setTextFill(Color.WHITE);
                }
                cell.setMinSize(many ? 30 : 42, many ? 18 : 26);
                if (font != null) {
                    cell.setFont(font);
                }
                cell.setAlignment(Pos.CENTER);
                cell.setId("cell-" + i + "-" + j);
                int truth = i;
                int predicted = j;
                if (m[i][j] > 0) {
                    cell.setCursor(Cursor.HAND);
                    cell.setOnMouseClicked(e -> showCell(r, names, truth, predicted));
                }
                grid.add(cell, j + 1, i + 1);
            }
        }
    }

    /** The first test images of the run's task with what the net predicted: green right, red wrong. */
    private void showSamples(RunRecord r, List<String> names) {
        TensorSet test = model.testImages(r);
        if (test == null || r.samplePredictions() == null) {
            return;
        }
        samples.setPrefWrapLength(3 * 64);
        int shown = names.size() > 6 ? SAMPLES / 2 : SAMPLES; // a wide matrix leaves room for fewer
        for (int i = 0; i < Math.min(shown, Math.min(test.size(), r.samplePredictions().length)); i++) {
            int predicted = r.samplePredictions()[i];
            boolean right = predicted == test.labels()[i];
            Label label = new Label(shorten(names.get(predicted)));
            label.setTextFill(right ? Color.web("#1a7f37") : Color.web("#cf222e"));
            VBox cell = new VBox(2, new ImageView(Thumbnails.of(test, i)), label);
            cell.setAlignment(Pos.CENTER);
            samples.getChildren().add(cell);
        }
    }

    /**
     * The test images behind one cell (true class {@code truth}, predicted {@code predicted}), up to
     * {@link #CELL_IMAGES}, in place of the samples. Needs the run's predictions of every test image (results files
     * written before kept only the first 32: then only those are searched, and the header says so).
     */
    void showCell(RunRecord r, List<String> names, int truth, int predicted) {
        TensorSet test = model.testImages(r);
        int[] predictions = r.samplePredictions();
        samples.getChildren().clear();
        if (test == null || predictions == null) {
            samples.getChildren().add(new Label("The test images of this run are not loaded (other data or split)."));
            return;
        }
        int searched = Math.min(test.size(), predictions.length);
        List<Integer> found = new java.util.ArrayList<>(); // qualified: the one mutable list here
        for (int x = 0; x < searched; x++) {
            if (test.labels()[x] == truth && predictions[x] == predicted) {
                found.add(x);
            }
        }
        // The surest first: a confident mistake is the one worth showing a class.
        boolean sure = r.confidence(0) >= 0;
        found.sort((a, b) -> Integer.compare(r.confidence(b), r.confidence(a)));
        Label header = new Label(String.format(Locale.ROOT, "True %s, predicted %s: %d image(s)%s%s%s",
                names.get(truth), names.get(predicted), found.size(), found.size() > CELL_IMAGES ? ", first "
                + CELL_IMAGES + " shown" : "", sure ? ", surest first, with the net's confidence" : "",
                searched < test.size() ? " (of the first " + searched + " test images this file kept)" : ""));
        header.setId("cellImagesHeader");
        header.setWrapText(true);
        header.setMaxWidth(3 * 64);
        samples.getChildren().add(header);
        for (int x : found.subList(0, Math.min(CELL_IMAGES, found.size()))) {
            ImageView image = new ImageView(Thumbnails.of(test, x));
            image.getStyleClass().add("cell-image");
            Label confidence = new Label(sure ? r.confidence(x) + "%" : "");
            confidence.getStyleClass().add("cell-confidence");
            VBox cell = new VBox(1, image, confidence);
            cell.setAlignment(Pos.CENTER);
            samples.getChildren().add(cell);
        }
    }

    private static String shorten(String s) {
        return s.length() > 9 ? s.substring(0, 8) + "." : s;
    }
}
