package org.transferworkbench.ui.lesson;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.transferworkbench.core.lesson.LessonStep;
import org.transferworkbench.ui.common.Activity;

/**
 * The lesson at the top of the side column: where the class is (lesson, step n of N), the step's title and its few
 * sentences, and the teacher's controls (Back, Next, Run it live, Present, Close) right under them, so Next is on
 * screen without scrolling on a 1366x768 laptop and the figures keep their height. Hidden outside a lesson.
 */
public final class LessonPanel extends VBox {

    private final Label text = new Label();

    public LessonPanel(LessonModel model, Activity activity) {
        setId("lessonPanel");
        getStyleClass().add("lesson-panel");
        setPadding(new Insets(8, 10, 10, 10));
        setSpacing(6);
        Label lesson = new Label();
        lesson.setId("lessonTitle");
        lesson.getStyleClass().add("text-muted");
        lesson.setWrapText(true);
        Label counter = new Label();
        counter.setId("lessonCounter");
        counter.getStyleClass().add("lesson-counter");
        Label title = new Label();
        title.setId("stepTitle");
        title.getStyleClass().add("lesson-step-title");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        text.setId("stepText");
        text.getStyleClass().add("lesson-text");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);

        Button back = new Button("Back");
        back.setId("lessonBack");
        back.setTooltip(new Tooltip("The step before (Page Up)"));
        back.setOnAction(e -> model.back());
        Button next = new Button("Next");
        next.setId("lessonNext");
        next.getStyleClass().add("accent");
        next.setDefaultButton(false);
        next.setTooltip(new Tooltip("The next step (Page Down; a presenter's clicker sends it)"));
        next.setOnAction(e -> model.next());
        Button live = new Button("Run it live");
        live.setId("lessonLive");
        live.setTooltip(new Tooltip("Train this step's setting on this machine now; its runs are drawn as diamonds "
                + "over the replayed ones"));
        live.setOnAction(e -> model.runLive());
        ToggleButton present = new ToggleButton("Present");
        present.setId("lessonPresent");
        present.setTooltip(new Tooltip("Large type, side panels hidden, full screen (F5; Esc leaves full screen)"));
        present.selectedProperty().bindBidirectional(model.presentationProperty());
        Button close = new Button("Close lesson");
        close.setId("lessonClose");
        close.setOnAction(e -> model.close());

        var busy = activity.busyProperty();
        var index = model.indexProperty();
        back.disableProperty().bind(busy.or(index.lessThanOrEqualTo(0)));
        next.disableProperty().bind(busy.or(Bindings.createBooleanBinding(() -> model.lesson() == null
                || index.get() + 1 >= model.lesson().steps().size(), index, model.lessonProperty())));
        live.disableProperty().bind(busy.or(Bindings.createBooleanBinding(() -> model.stepProperty().get() == null
                || !model.stepProperty().get().offersLive(), model.stepProperty())));
        live.visibleProperty().bind(live.disableProperty().not().or(busy));
        live.managedProperty().bind(live.visibleProperty());

        lesson.textProperty().bind(Bindings.createStringBinding(() -> model.lesson() == null ? ""
                : "Lesson: " + model.lesson().title(), model.lessonProperty()));
        counter.textProperty().bind(Bindings.createStringBinding(() -> model.lesson() == null ? ""
                : "Step " + (index.get() + 1) + " of " + model.lesson().steps().size(), index, model.lessonProperty()));
        title.textProperty().bind(Bindings.createStringBinding(() -> {
            LessonStep s = model.stepProperty().get();
            return s == null ? "" : s.title();
        }, model.stepProperty()));
        text.textProperty().bind(Bindings.createStringBinding(() -> {
            LessonStep s = model.stepProperty().get();
            return s == null ? "" : String.join("\n\n", s.text());
        }, model.stepProperty()));

        FlowPane buttons = new FlowPane(8, 8, back, next, live, present, close);
        buttons.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(lesson, counter, title, text, buttons);
        visibleProperty().bind(model.lessonProperty().isNotNull());
        managedProperty().bind(visibleProperty());
    }

    /** The step's sentences (for tests). */
    public String text() {
        return text.getText();
    }
}
