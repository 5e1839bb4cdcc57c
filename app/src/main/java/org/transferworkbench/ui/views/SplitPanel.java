package org.transferworkbench.ui.views;

import java.io.File;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import java.util.List;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.transferworkbench.core.split.ClassSplit;
import org.transferworkbench.ui.WorkbenchModel;
import org.transferworkbench.ui.common.Locations;

/** The split: random (seed) or groups file, B's training images per class, and A and B side by side. */
public final class SplitPanel extends VBox {

    private final Label halves = new Label();
    private final ListView<String> listA = new ListView<>();
    private final ListView<String> listB = new ListView<>();

    public SplitPanel(WorkbenchModel model) {
        Label title = new Label("Split");
        title.getStyleClass().add("title-3");
        Spinner<Integer> seed = new Spinner<>(1, 999, model.splitSeed.get());
        seed.setId("splitSeed");
        seed.setEditable(true);
        seed.setPrefWidth(90);
        seed.valueProperty().addListener((o, a, b) -> {
            model.groupsFile.set(null);
            model.splitSeed.set(b);
        });
        Button groups = new Button("Dissimilar split (groups file)...");
        groups.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Groups file", "*.json"));
            Locations.find("sample-data").ifPresent(p -> chooser.setInitialDirectory(p.toFile()));
            File f = chooser.showOpenDialog(getScene().getWindow());
            if (f != null) {
                model.groupsFile.set(f.toPath());
            }
        });

        Slider perClass = new Slider(0, 100, 0);
        perClass.setId("bPerClass");
        perClass.setShowTickLabels(true);
        perClass.setMajorTickUnit(25);
        Label perClassLabel = new Label();
        perClass.valueProperty().addListener((o, a, b) -> {
            int v = (int) Math.round(b.doubleValue());
            model.bPerClass.set(v);
            perClassLabel.setText(v == 0 ? "B training images per class: all" : "B training images per class: " + v);
        });
        perClassLabel.setText("B training images per class: all");
        // Set from elsewhere (a script, a restored setting): the slider follows (beyond 100 it stays at the end).
        model.bPerClass.addListener((o, a, b) -> {
            perClass.setValue(Math.min(100, b.intValue()));
            perClassLabel.setText(b.intValue() == 0 ? "B training images per class: all"
                    : "B training images per class: " + b.intValue());
        });

        halves.setId("splitHalves");
        halves.setWrapText(true);
        listA.setId("classesA");
        listB.setId("classesB");
        for (ListView<String> list : List.of(listA, listB)) {
            list.setPrefHeight(150);
            list.setPrefWidth(140);
            list.setMinWidth(100);
            list.setTooltip(new javafx.scene.control.Tooltip("Double-click a class to move it to the other half"));
            list.setOnMouseClicked(e -> {
                String selected = list.getSelectionModel().getSelectedItem();
                if (e.getClickCount() == 2 && selected != null) {
                    model.moveClass(selected);
                }
            });
        }
        Button toB = new Button("A -> B");
        toB.setId("moveToB");
        toB.setOnAction(e -> move(model, listA));
        toB.setMinWidth(Region.USE_PREF_SIZE);
        Button toA = new Button("A <- B");
        toA.setMinWidth(Region.USE_PREF_SIZE);
        toA.setId("moveToA");
        toA.setOnAction(e -> move(model, listB));
        VBox columnA = new VBox(4, new Label("A (source task)"), listA);
        VBox columnB = new VBox(4, new Label("B (target task)"), listB);
        HBox sides = new HBox(8, columnA, new VBox(8, toB, toA), columnB);
        sides.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label foreignNote = new Label("A net is loaded as the source: its sweep trains on all classes of the data; "
                + "the split below applies to base nets only.");
        foreignNote.setId("splitForeignNote");
        foreignNote.setWrapText(true);
        foreignNote.getStyleClass().add("text-muted");
        foreignNote.visibleProperty().bind(model.foreignNetProperty().isNotNull());
        foreignNote.managedProperty().bind(foreignNote.visibleProperty());
        getChildren().addAll(title, foreignNote, new HBox(8, new Label("random, seed"), seed), groups, perClassLabel, perClass, halves,
                sides);
        setSpacing(8);
        setPadding(new Insets(8));
        model.splitProperty().addListener((o, a, s) -> show(s));
    }

    private void show(ClassSplit s) {
        halves.setText(s == null ? "" : "Split: " + s.name() + " (double-click a class or use the arrows to move it)");
        listA.getItems().setAll(s == null ? List.of() : s.classesA());
        listB.getItems().setAll(s == null ? List.of() : s.classesB());
    }

    private static void move(WorkbenchModel model, ListView<String> from) {
        String selected = from.getSelectionModel().getSelectedItem();
        if (selected != null) {
            model.moveClass(selected);
        }
    }
}
