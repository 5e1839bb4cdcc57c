package org.transferworkbench.ui.net;

import java.io.File;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.transferworkbench.core.net.Normalisation;
import org.transferworkbench.core.split.Side;
import org.transferworkbench.ui.common.Activity;
import org.transferworkbench.ui.common.ExperimentSettings;

/**
 * The net as a row of layers, with the cut-point slider k: transferred layers are drawn blue (frozen) or orange
 * (fine-tuned), layers above the cut grey (re-initialised), and a sentence says the same in words. Below: the source
 * of the transferred layers (base nets, a saved base A, or a net loaded from a file).
 */
public final class NetPanel extends VBox {

    private final NetModel model;
    private final ExperimentSettings settings;
    private final NetDrawing drawing;

    public NetPanel(NetModel model, ExperimentSettings settings, Activity activity) {
        this.model = model;
        this.settings = settings;
        this.drawing = new NetDrawing(model, settings);
        setSpacing(6);
        setPadding(new Insets(8));
        getStyleClass().add("panel");

        Label kLabel = new Label();
        kLabel.textProperty().bind(Bindings.concat("Cut point k = ", settings.cutPointProperty().asString()));
        kLabel.getStyleClass().add("title-4");
        HBox controls = new HBox(18, kLabel, cutSlider(), modeToggles(), sourceToggles());
        controls.setAlignment(Pos.CENTER_LEFT);

        Pane holder = new Pane(drawing.canvas());
        holder.setMinHeight(96);
        holder.setPrefHeight(96);
        // The canvas follows the holder's width; a small pref width keeps it from pushing the window wider.
        holder.setMinWidth(0);
        holder.setPrefWidth(200);
        drawing.canvas().widthProperty().bind(holder.widthProperty());
        getChildren().addAll(controls, holder, drawing.caption(), sourceRow(activity));

        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && isNetFile(e.getDragboard().getFiles().get(0).getName())) {
                e.acceptTransferModes(TransferMode.COPY);
            }
        });
        setOnDragDropped(e -> {
            model.load(e.getDragboard().getFiles().get(0).toPath());
            e.setDropCompleted(true);
        });
    }

    private Slider cutSlider() {
        Slider k = new Slider(1, 5, settings.cutPoint());
        k.setId("cutSlider");
        k.setMajorTickUnit(1);
        k.setMinorTickCount(0);
        k.setSnapToTicks(true);
        k.setShowTickMarks(true);
        k.setShowTickLabels(true);
        k.setPrefWidth(260);
        model.architectureProperty().addListener((o, a, arch) -> {
            if (arch != null) {
                k.setMax(arch.cutPoints().size());
            }
        });
        k.valueProperty().bindBidirectional(settings.cutPointProperty());
        return k;
    }

    private VBox modeToggles() {
        ToggleGroup mode = new ToggleGroup();
        RadioButton frozen = new RadioButton("frozen");
        RadioButton tuned = new RadioButton("fine-tuned");
        frozen.setId("frozenToggle");
        tuned.setId("fineTuneToggle");
        frozen.setToggleGroup(mode);
        tuned.setToggleGroup(mode);
        frozen.setSelected(!settings.fineTune());
        tuned.selectedProperty().bindBidirectional(settings.fineTuneProperty());
        return new VBox(4, frozen, tuned);
    }

    private VBox sourceToggles() {
        ToggleGroup group = new ToggleGroup();
        RadioButton fromA = new RadioButton();
        RadioButton fromB = new RadioButton("from base B (selffer, BnB)");
        fromA.setId("sourceA");
        fromB.setId("sourceB");
        fromA.setToggleGroup(group);
        fromB.setToggleGroup(group);
        fromA.setSelected(settings.source() == Side.A);
        fromB.setSelected(settings.source() == Side.B);
        fromB.selectedProperty().addListener((o, a, b) -> settings.sourceProperty().set(b ? Side.B : Side.A));
        settings.sourceProperty().addListener((o, a, b) -> (b == Side.B ? fromB : fromA).setSelected(true));
        // Against a foreign net there is no base B of its kind: transfer only, from the loaded net.
        fromB.disableProperty().bind(model.foreignLoadedProperty());
        fromA.textProperty().bind(Bindings.when(model.foreignLoadedProperty()).then("from the loaded net (AnB)")
                .otherwise("from base A (transfer, AnB)"));
        return new VBox(4, fromA, fromB);
    }

    private HBox sourceRow(Activity activity) {
        Label sourceNet = new Label();
        sourceNet.setId("sourceNet");
        sourceNet.setWrapText(true);
        sourceNet.textProperty().bind(model.sourceNetProperty());
        Tooltip fullSource = new Tooltip();
        fullSource.textProperty().bind(model.sourceNetProperty());
        sourceNet.setTooltip(fullSource);
        Button loadNet = new Button("Load net...");
        loadNet.setId("loadNet");
        loadNet.setTooltip(new Tooltip("A base A net saved by train-base, any DL4J MultiLayerNetwork or "
                + "ComputationGraph zip, or a Keras .h5 file"));
        loadNet.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().addAll(
                    new FileChooser.ExtensionFilter("Nets (DL4J zip, Keras HDF5)", "*.zip", "*.h5", "*.hdf5",
                            "*.keras"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            File f = chooser.showOpenDialog(getScene().getWindow());
            if (f != null) {
                model.load(f.toPath());
            }
        });
        Button clearNet = new Button("Use base nets");
        clearNet.setId("clearSourceNet");
        clearNet.setTooltip(new Tooltip("Back to the paper's protocol: base nets trained on A and B"));
        clearNet.visibleProperty().bind(model.foreignLoadedProperty());
        clearNet.managedProperty().bind(clearNet.visibleProperty());
        clearNet.setOnAction(e -> model.clearForeignNet());
        ComboBox<Normalisation> values = normalisationChoice();
        // Nets are swapped only between runs: the training thread holds the current one.
        for (Region r : List.of(values, loadNet, clearNet)) {
            r.disableProperty().bind(activity.busyProperty());
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox row = new HBox(12, loadNet, clearNet, values, sourceNet);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** What the loaded net was trained on: no file records it, so the user says (default [0,1]). */
    private ComboBox<Normalisation> normalisationChoice() {
        ComboBox<Normalisation> values = new ComboBox<>();
        values.setId("normalisation");
        values.getItems().setAll(Normalisation.values());
        values.setConverter(new StringConverter<>() {
            @Override
            public String toString(Normalisation n) {
                return n == null ? "" : "values " + n.description();
            }

            @Override
            public Normalisation fromString(String s) {
                return null;
            }
        });
        values.setTooltip(new Tooltip("The value range the loaded net was trained on: [0,1] for most small nets, "
                + "[-1,1] for MobileNet/Inception, Caffe or VGG means for VGG/ResNet (see README)"));
        values.visibleProperty().bind(model.foreignLoadedProperty());
        values.managedProperty().bind(values.visibleProperty());
        model.foreignNetProperty().addListener((o, a, r) -> {
            if (r != null && values.getValue() != r.input().normalisation()) {
                values.setValue(r.input().normalisation());
            }
        });
        values.valueProperty().addListener((o, a, n) -> {
            if (n != null) {
                model.setNormalisation(n);
            }
        });
        values.setPrefWidth(230);
        return values;
    }

    static boolean isNetFile(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".zip") || n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".keras");
    }

    /** Transferred / frozen / fresh, per layer index: what the drawing shows (exposed for tests). */
    public String layerStates() {
        return drawing.layerStates();
    }
}
