package org.transferworkbench.ui.split;

import java.io.File;
import javafx.beans.binding.Bindings;
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
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.control.Tooltip;
import org.transferworkbench.ui.common.ExperimentSettings;
import org.transferworkbench.ui.common.Locations;

/** The split: random (seed) or groups file, B's training images per class, and A and B side by side. */
public final class SplitPanel extends VBox {

    private final Label halves = new Label();
    private final ListView<String> listA = new ListView<>();
    private final ListView<String> listB = new ListView<>();

    public SplitPanel(SplitModel model, ExperimentSettings settings, ObservableBooleanValue netLoaded) {
        Label title = new Label("Split");
        title.getStyleClass().add("title-3");
        Spinner<Integer> seed = new Spinner<>(1, 999, settings.splitSeedProperty().get());
        seed.setId("splitSeed");
        seed.setEditable(true);
        seed.setPrefWidth(90);
        seed.valueProperty().addListener((o, a, b) -> {
            settings.groupsFileProperty().set(null); // a seed means a random split
            settings.splitSeedProperty().set(b);
        });
        Button groups = new Button("Dissimilar split (groups file)...");
        groups.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Groups file", "*.json"));
            Locations.find("sample-data").ifPresent(p -> chooser.setInitialDirectory(p.toFile()));
            File f = chooser.showOpenDialog(getScene().getWindow());
            if (f != null) {
                settings.groupsFileProperty().set(f.toPath());
            }
        });

        Slider perClass = new Slider(0, 100, 0);
        perClass.setId("bPerClass");
        perClass.setShowTickLabels(true);
        perClass.setMajorTickUnit(25);
        Label perClassLabel = new Label();
        // Not bound both ways: a Slider clamps its value to its range, which would cut a setting above 100 (set by a
        // script or the CLI's screenshot options) to 100. Set from elsewhere, the slider follows up to its end.
        perClass.setValue(Math.min(100, settings.bPerClass()));
        perClass.valueProperty().addListener((o, a, b) -> {
            if (perClass.isValueChanging() || b.intValue() != Math.min(100, settings.bPerClass())) {
                settings.bPerClassProperty().set((int) Math.round(b.doubleValue()));
            }
        });
        settings.bPerClassProperty().addListener((o, a, b) -> perClass.setValue(Math.min(100, b.intValue())));
        perClassLabel.textProperty().bind(Bindings.createStringBinding(() -> settings.bPerClass() == 0
                ? "B training images per class: all" : "B training images per class: " + settings.bPerClass(),
                settings.bPerClassProperty()));

        halves.setId("splitHalves");
        halves.setWrapText(true);
        listA.setId("classesA");
        listB.setId("classesB");
        for (ListView<String> list : List.of(listA, listB)) {
            list.setPrefHeight(150);
            list.setPrefWidth(140);
            list.setMinWidth(100);
            list.setTooltip(new Tooltip("Double-click a class to move it to the other half"));
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
        sides.setAlignment(Pos.CENTER_LEFT);
        Label foreignNote = new Label("A net is loaded as the source: its sweep trains on all classes of the data; "
                + "the split below applies to base nets only.");
        foreignNote.setId("splitForeignNote");
        foreignNote.setWrapText(true);
        foreignNote.getStyleClass().add("text-muted");
        foreignNote.visibleProperty().bind(netLoaded);
        foreignNote.managedProperty().bind(foreignNote.visibleProperty());
        getChildren().addAll(title, foreignNote, new HBox(8, new Label("random, seed"), seed), groups, perClassLabel,
                perClass, halves,
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

    private static void move(SplitModel model, ListView<String> from) {
        String selected = from.getSelectionModel().getSelectedItem();
        if (selected != null) {
            model.moveClass(selected);
        }
    }
}
