package org.transferworkbench.ui.views;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.DirectoryChooser;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.data.TensorSet;
import org.transferworkbench.ui.WorkbenchModel;
import org.transferworkbench.ui.common.Locations;

/** The dataset: name, classes with counts and thumbnails, sample sets one click away, a drop zone for folders. */
public final class DataPanel extends VBox {

    static final int THUMBS_PER_CLASS = 3;
    private final WorkbenchModel model;
    private final Label summary = new Label("No dataset loaded");
    private final FlowPane thumbnails = new FlowPane(4, 4);
    private final javafx.scene.control.Hyperlink report = new javafx.scene.control.Hyperlink();

    public DataPanel(WorkbenchModel model) {
        this.model = model;
        Label title = new Label("Data");
        title.getStyleClass().add("title-3");
        summary.setId("datasetSummary");
        summary.setWrapText(true);

        Button fashion = sampleButton("Fashion-MNIST", "sample-data/fashion-mnist");
        Button emoji = sampleButton("Emoji: natural / man-made", "sample-data/emoji-natural-manmade");
        Button open = new Button("Open folder...");
        open.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder of labeled images (one subfolder per class) or IDX files");
            File dir = chooser.showDialog(getScene().getWindow());
            if (dir != null) {
                model.loadDataset(dir.toPath());
            }
        });

        Label drop = new Label("Drop a folder of labeled images here\n(one subfolder per class)");
        drop.setId("dropZone");
        drop.getStyleClass().add("drop-zone");
        drop.setMaxWidth(Double.MAX_VALUE);
        drop.setAlignment(Pos.CENTER);
        drop.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
                drop.getStyleClass().add("drop-zone-active");
            }
            e.consume();
        });
        drop.setOnDragExited(e -> drop.getStyleClass().remove("drop-zone-active"));
        drop.setOnDragDropped(this::dropped);

        report.setId("loadReport");
        report.setVisible(false);
        report.managedProperty().bind(report.visibleProperty());
        report.setOnAction(e -> {
            Dataset d = model.datasetProperty().get();
            if (d != null) {
                LoadReportDialog dialog = new LoadReportDialog(d);
                dialog.initOwner(getScene().getWindow());
                dialog.show();
            }
        });
        thumbnails.setPrefWrapLength(300);
        getChildren().addAll(title, new HBox(6, fashion, emoji), open, drop, summary, report, thumbnails);
        setSpacing(8);
        setPadding(new Insets(8));
        model.datasetProperty().addListener((o, a, d) -> show(d));
        model.stateProperty().addListener((o, a, s) -> {
            boolean busy = s.busy();
            fashion.setDisable(busy);
            emoji.setDisable(busy);
            open.setDisable(busy);
        });
    }

    private Button sampleButton(String text, String relative) {
        Button b = new Button(text);
        b.setOnAction(e -> Locations.find(relative).ifPresentOrElse(model::loadDataset,
                () -> summary.setText("Sample data not found: " + relative)));
        return b;
    }

    private void dropped(DragEvent e) {
        List<File> files = e.getDragboard().getFiles();
        boolean ok = files != null && !files.isEmpty();
        if (ok) {
            File f = files.get(0);
            Path p = f.isDirectory() ? f.toPath() : f.toPath().getParent();
            model.loadDataset(p);
        }
        e.setDropCompleted(ok);
        e.consume();
    }

    private void show(Dataset d) {
        thumbnails.getChildren().clear();
        report.setVisible(false);
        if (d == null) {
            summary.setText("No dataset loaded");
            return;
        }
        int[] counts = d.train().classCounts();
        StringBuilder sb = new StringBuilder(String.format("%s: %d classes, %s images, %d train / %d validation / %d test",
                d.name(), d.numClasses(), d.inputShape(), d.train().size(), d.validation().size(), d.test().size()));
        for (String note : d.notes()) {
            sb.append("\n").append(note);
        }
        summary.setText(sb.toString());
        if (!d.skipped().isEmpty()) {
            report.setText(d.skipped().size() + " file(s) not used: show why");
            report.setVisible(true);
        }
        TensorSet test = d.test();
        for (int c = 0; c < d.numClasses(); c++) {
            HBox row = new HBox(2);
            int shown = 0;
            for (int i = 0; i < test.size() && shown < THUMBS_PER_CLASS; i++) {
                if (test.labels()[i] == c) {
                    row.getChildren().add(new ImageView(thumbnail(test, i)));
                    shown++;
                }
            }
            Label name = new Label(d.classNames().get(c) + " (" + counts[c] + ")");
            name.setMinWidth(120);
            VBox cell = new VBox(1, name, row);
            thumbnails.getChildren().add(cell);
        }
    }

    /** One example as an image, scaled up to about 40 pixels. */
    static WritableImage thumbnail(TensorSet set, int index) {
        int[] s = set.exampleShape();
        int ch = s[0];
        int h = s[1];
        int w = s[2];
        int scale = Math.max(1, 40 / Math.max(h, w));
        WritableImage img = new WritableImage(w * scale, h * scale);
        PixelWriter pw = img.getPixelWriter();
        int base = index * set.valuesPerExample();
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float r = set.data()[base + y * w + x];
                float g = ch == 3 ? set.data()[base + plane + y * w + x] : r;
                float b = ch == 3 ? set.data()[base + 2 * plane + y * w + x] : r;
                Color color = Color.color(clamp(r), clamp(g), clamp(b));
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        pw.setColor(x * scale + dx, y * scale + dy, color);
                    }
                }
            }
        }
        return img;
    }

    private static double clamp(float v) {
        return Math.max(0, Math.min(1, v));
    }
}
