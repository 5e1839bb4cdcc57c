package org.transferworkbench.ui.runs;

import java.util.Locale;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.transferworkbench.core.experiment.RunRecord;
import java.util.function.Function;
import javafx.scene.control.Label;

/** Finished runs; selecting one shows its confusion matrix. */
public final class RunsTable extends TableView<RunRecord> {

    public RunsTable(RunsModel model) {
        super(model.records());
        setId("runsTable");
        getColumns().add(column("condition", r -> r.condition().label()));
        getColumns().add(column("k", r -> Integer.toString(r.k())));
        getColumns().add(column("seed", r -> Long.toString(r.seed())));
        getColumns().add(column("test acc.", r -> String.format(Locale.ROOT, "%.3f", r.testAccuracy())));
        getColumns().add(column("seconds", r -> String.format(Locale.ROOT, "%.0f%s", r.seconds(), r.reused()
                ? " (cached)" : "")));
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("Finished runs appear here"));
        getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) {
                model.select(r);
            }
        });
        setPrefHeight(180);
    }

    private static TableColumn<RunRecord, String> column(String title, Function<RunRecord, String> f) {
        TableColumn<RunRecord, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        c.setSortable(false);
        return c;
    }
}
