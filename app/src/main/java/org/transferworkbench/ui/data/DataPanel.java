package org.transferworkbench.ui.data;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.data.TensorSet;
import javafx.scene.control.Hyperlink;
import org.transferworkbench.ui.common.Activity;
import org.transferworkbench.ui.common.Locations;
import org.transferworkbench.ui.common.Thumbnails;

/** The dataset: name, classes with counts and thumbnails, sample sets one click away, a drop zone for folders. */
public final class DataPanel extends VBox {

    static final int THUMBS_PER_CLASS = 3;
    private final DataModel model;
    private final Label summary = new Label("No dataset loaded");
    private final FlowPane thumbnails = new FlowPane(4, 4);
    private final Hyperlink report = new Hyperlink();

    public DataPanel(DataModel model, Activity activity) {
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
                model.load(dir.toPath());
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
        for (Button b : List.of(fashion, emoji, open)) {
            b.disableProperty().bind(activity.busyProperty());
        }
    }

    private Button sampleButton(String text, String relative) {
        Button b = new Button(text);
        b.setOnAction(e -> Locations.find(relative).ifPresentOrElse(model::load,
                () -> summary.setText("Sample data not found: " + relative)));
        return b;
    }

    private void dropped(DragEvent e) {
        List<File> files = e.getDragboard().getFiles();
        boolean ok = files != null && !files.isEmpty();
        if (ok) {
            File f = files.get(0);
            Path p = f.isDirectory() ? f.toPath() : f.toPath().getParent();
            model.load(p);
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
        StringBuilder sb = new StringBuilder(String.format("%s: %d classes, %s images, %d train / %d validation / %d "
                + "test",
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
                    row.getChildren().add(new ImageView(Thumbnails.of(test, i)));
                    shown++;
                }
            }
            Label name = new Label(d.classNames().get(c) + " (" + counts[c] + ")");
            name.setMinWidth(120);
            VBox cell = new VBox(1, name, row);
            thumbnails.getChildren().add(cell);
        }
    }
}
