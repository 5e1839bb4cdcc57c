package org.transferworkbench.ui.lesson;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Asks the teacher for a new step's title and sentences (and, for a new lesson, its title). */
public final class StepDialog {

    /** What the teacher typed; the text split into paragraphs at blank lines. */
    public record Answer(String lessonTitle, String title, List<String> text) {
    }

    private StepDialog() {
    }

    public static Optional<Answer> ask(Window owner, boolean newLesson) {
        Dialog<Answer> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Add this view as a step");
        dialog.setHeaderText("The step keeps the data, split, settings, net, figure and results shown now.");
        TextField lessonTitle = new TextField("My lesson");
        TextField title = new TextField();
        title.setPromptText("e.g. Frozen layers lose accuracy in the middle");
        TextArea text = new TextArea();
        text.setPromptText("Two to four sentences: what to look at, and what it means.");
        text.setWrapText(true);
        text.setPrefRowCount(5);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(8));
        int row = 0;
        if (newLesson) {
            grid.addRow(row++, new Label("Lesson title"), lessonTitle);
        }
        grid.addRow(row++, new Label("Step title"), title);
        grid.addRow(row, new Label("What to say"), text);
        dialog.getDialogPane().setContent(grid);
        ButtonType add = new ButtonType("Add step", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(add, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(add).disableProperty().bind(title.textProperty().isEmpty()
                .or(text.textProperty().isEmpty()));
        dialog.setResultConverter(b -> b != add ? null : new Answer(lessonTitle.getText().strip(),
                title.getText().strip(), Arrays.stream(text.getText().split("\\n\\s*\\n")).map(String::strip)
                        .filter(t -> !t.isEmpty()).toList()));
        return dialog.showAndWait();
    }
}
