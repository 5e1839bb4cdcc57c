package org.transferworkbench.ui.data;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.data.SkippedFile;

/** Everything the loader left out or decided, file by file: the GUI's counterpart of {@code inspect --json}. */
public final class LoadReportDialog extends Dialog<Void> {

    public LoadReportDialog(Dataset d) {
        setTitle("Load report: " + d.name());
        setHeaderText(String.format("%s: %d classes used, %d file(s) not used", d.source(), d.numClasses(),
                d.skipped().size()));
        VBox content = new VBox(8);
        content.setPadding(new Insets(4));
        for (String note : d.notes()) {
            Label l = new Label(note);
            l.setWrapText(true);
            l.getStyleClass().add("load-note");
            content.getChildren().add(l);
        }
        TableView<SkippedFile> table = new TableView<>();
        table.setId("skipTable");
        TableColumn<SkippedFile, String> file = new TableColumn<>("File");
        file.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().path()));
        file.setPrefWidth(260);
        TableColumn<SkippedFile, String> reason = new TableColumn<>("Why it was not used");
        reason.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().reason()));
        reason.setPrefWidth(580);
        table.getColumns().add(file);
        table.getColumns().add(reason);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPrefWidth(840);
        table.getItems().setAll(d.skipped());
        table.setPrefHeight(Math.min(480, 50 + 40 * Math.max(1, d.skipped().size())));
        table.setPlaceholder(new Label("Every file was used."));
        content.getChildren().add(table);
        getDialogPane().setContent(content);
        getDialogPane().setId("loadReportDialog");
        // Wide enough for a path and its reason side by side; reasons run to about 90 characters.
        getDialogPane().setPrefWidth(900);
        getDialogPane().setMinWidth(Region.USE_PREF_SIZE);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        setResizable(true);
    }
}
