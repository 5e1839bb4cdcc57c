package org.transferworkbench.ui.runs;

import java.util.Locale;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.results.LearningCheck;
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
        getColumns().add(column("95%", r -> String.format(Locale.ROOT, "\u00b1%.3f",
                r.accuracyInterval().halfWidth())));
        getColumns().add(column("n", r -> Integer.toString(r.testImages())));
        getColumns().add(column("seconds", r -> String.format(Locale.ROOT, "%.0f%s", r.seconds(), r.reused()
                ? " (cached)" : "")));
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setRowFactory(table -> new RunRow());
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

    /** A row says what the numbers rest on: the interval in full, and why a net did not learn. */
    private static final class RunRow extends TableRow<RunRecord> {
        @Override
        protected void updateItem(RunRecord r, boolean empty) {
            super.updateItem(r, empty);
            getStyleClass().remove("not-learned");
            if (empty || r == null) {
                setTooltip(null);
                return;
            }
            LearningCheck check = LearningCheck.of(r);
            String interval = String.format(Locale.ROOT, "test accuracy %.3f, 95%% interval %s (Wilson) on %d test "
                    + "images", r.testAccuracy(), r.accuracyInterval().asAccuracy(), r.testImages());
            if (!check.learned()) {
                getStyleClass().add("not-learned");
            }
            setTooltip(new Tooltip(check.learned() ? interval : interval + "\nDid not learn: " + check.reason()
                    + "; no finding uses this run."));
        }
    }
}
