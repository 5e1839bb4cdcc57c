package org.transferworkbench.ui.views;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.LayerSpec;
import org.transferworkbench.core.net.Normalisation;
import org.transferworkbench.core.split.Side;
import org.transferworkbench.ui.WorkbenchModel;

/**
 * The net as a row of layers, with the cut-point slider k: transferred layers are drawn blue (frozen) or orange
 * (fine-tuned), layers above the cut grey (re-initialised), and a sentence says the same in words.
 */
public final class NetPanel extends VBox {

    /** More layers than this are drawn as their weight layers only. */
    static final int MAX_BOXES = 16;
    private final WorkbenchModel model;
    private final Canvas canvas = new Canvas(900, 96);
    private final Label caption = new Label();

    public NetPanel(WorkbenchModel model) {
        this.model = model;
        setSpacing(6);
        setPadding(new Insets(8));
        getStyleClass().add("panel");

        Slider k = new Slider(1, 5, model.cutPoint.get());
        k.setId("cutSlider");
        k.setMajorTickUnit(1);
        k.setMinorTickCount(0);
        k.setSnapToTicks(true);
        k.setShowTickMarks(true);
        k.setShowTickLabels(true);
        k.setPrefWidth(260);
        k.valueProperty().addListener((o, a, b) -> model.cutPoint.set((int) Math.round(b.doubleValue())));
        model.cutPoint.addListener((o, a, b) -> k.setValue(b.intValue()));
        model.architectureProperty().addListener((o, a, arch) -> {
            if (arch != null) {
                k.setMax(arch.cutPoints().size());
            }
        });

        ToggleGroup mode = new ToggleGroup();
        RadioButton frozen = new RadioButton("frozen");
        RadioButton tuned = new RadioButton("fine-tuned");
        frozen.setId("frozenToggle");
        tuned.setId("fineTuneToggle");
        frozen.setToggleGroup(mode);
        tuned.setToggleGroup(mode);
        frozen.setSelected(!model.fineTune.get());
        tuned.setSelected(model.fineTune.get());
        tuned.selectedProperty().addListener((o, a, b) -> model.fineTune.set(b));

        ToggleGroup sourceGroup = new ToggleGroup();
        RadioButton fromA = new RadioButton("from base A (transfer, AnB)");
        RadioButton fromB = new RadioButton("from base B (selffer, BnB)");
        fromA.setId("sourceA");
        fromB.setId("sourceB");
        fromA.setToggleGroup(sourceGroup);
        fromB.setToggleGroup(sourceGroup);
        fromA.setSelected(model.source.get() == Side.A);
        fromB.setSelected(model.source.get() == Side.B);
        fromB.selectedProperty().addListener((o, a, b) -> model.source.set(b ? Side.B : Side.A));
        model.source.addListener((o, a, b) -> (b == Side.B ? fromB : fromA).setSelected(true));
        // Against a foreign net there is no base B of its kind: transfer only, from the loaded net.
        fromB.disableProperty().bind(model.foreignNetProperty().isNotNull());
        fromA.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> model.foreignNetProperty().get()
                == null ? "from base A (transfer, AnB)" : "from the loaded net (AnB)", model.foreignNetProperty()));

        Label kLabel = new Label();
        kLabel.textProperty().bind(Bindings.concat("Cut point k = ", model.cutPoint.asString()));
        kLabel.getStyleClass().add("title-4");
        HBox controls = new HBox(18, kLabel, k, new VBox(4, frozen, tuned), new VBox(4, fromA, fromB));
        controls.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        caption.setId("netCaption");
        caption.setWrapText(true);
        caption.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Pane holder = new Pane(canvas);
        holder.setMinHeight(96);
        holder.setPrefHeight(96);
        // The canvas follows the holder's width; a small pref width keeps it from pushing the window wider.
        holder.setMinWidth(0);
        holder.setPrefWidth(200);
        canvas.widthProperty().bind(holder.widthProperty());
        Label sourceNet = new Label();
        sourceNet.setId("sourceNet");
        sourceNet.textProperty().bind(model.sourceNetProperty());
        javafx.scene.control.Tooltip fullSource = new javafx.scene.control.Tooltip();
        fullSource.textProperty().bind(model.sourceNetProperty());
        sourceNet.setTooltip(fullSource);
        javafx.scene.control.Button loadNet = new javafx.scene.control.Button("Load net...");
        loadNet.setId("loadNet");
        loadNet.setTooltip(new javafx.scene.control.Tooltip("A base A net saved by train-base, any DL4J "
                + "MultiLayerNetwork or ComputationGraph zip, or a Keras .h5 file"));
        loadNet.setOnAction(e -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.getExtensionFilters().addAll(
                    new javafx.stage.FileChooser.ExtensionFilter("Nets (DL4J zip, Keras HDF5)", "*.zip", "*.h5",
                            "*.hdf5", "*.keras"),
                    new javafx.stage.FileChooser.ExtensionFilter("All files", "*"));
            java.io.File f = chooser.showOpenDialog(getScene().getWindow());
            if (f != null) {
                model.loadPretrained(f.toPath());
            }
        });
        javafx.scene.control.Button clearNet = new javafx.scene.control.Button("Use base nets");
        clearNet.setId("clearSourceNet");
        clearNet.setTooltip(new javafx.scene.control.Tooltip("Back to the paper's protocol: base nets trained on A and B"));
        clearNet.visibleProperty().bind(model.foreignNetProperty().isNotNull());
        clearNet.managedProperty().bind(clearNet.visibleProperty());
        clearNet.setOnAction(e -> model.clearForeignNet());
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && isNetFile(e.getDragboard().getFiles().get(0).getName())) {
                e.acceptTransferModes(javafx.scene.input.TransferMode.COPY);
            }
        });
        setOnDragDropped(e -> {
            java.io.File f = e.getDragboard().getFiles().get(0);
            model.loadPretrained(f.toPath());
            e.setDropCompleted(true);
        });
        sourceNet.setWrapText(true);
        // What the loaded net was trained on: no file records it, so the user says (default [0,1]).
        javafx.scene.control.ComboBox<Normalisation> values = new javafx.scene.control.ComboBox<>();
        values.setId("normalisation");
        values.getItems().setAll(Normalisation.values());
        values.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Normalisation n) {
                return n == null ? "" : "values " + n.description();
            }

            @Override
            public Normalisation fromString(String s) {
                return null;
            }
        });
        values.setTooltip(new javafx.scene.control.Tooltip("The value range the loaded net was trained on: [0,1] for "
                + "most small nets, [-1,1] for MobileNet/Inception, Caffe or VGG means for VGG/ResNet (see README)"));
        values.visibleProperty().bind(model.foreignNetProperty().isNotNull());
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
        // Nets are swapped only between runs: the training thread holds the current one.
        var busy = javafx.beans.binding.Bindings.createBooleanBinding(() -> model.stateProperty().get().busy(),
                model.stateProperty());
        values.disableProperty().bind(busy);
        loadNet.disableProperty().bind(busy);
        clearNet.disableProperty().bind(busy);
        values.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        loadNet.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        clearNet.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox netRow = new HBox(12, loadNet, clearNet, values, sourceNet);
        netRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().addAll(controls, holder, caption, netRow);

        for (var p : List.of(model.cutPoint, model.fineTune, model.source, model.architectureProperty(),
                model.foreignNetProperty())) {
            p.addListener((o, a, b) -> redraw());
        }
        canvas.widthProperty().addListener((o, a, b) -> redraw());
        redraw();
    }

    static boolean isNetFile(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".zip") || n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".keras");
    }

    /** Transferred / frozen / fresh, per layer index: what the drawing shows (exposed for tests). */
    public String layerStates() {
        Architecture arch = model.architectureProperty().get();
        if (arch == null) {
            return "";
        }
        int cut = arch.lastTransferredLayerIndex(model.cutPoint.get());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < arch.layers().size(); i++) {
            sb.append(i <= cut ? (model.fineTune.get() ? 'T' : 'F') : 'N');
        }
        return sb.toString();
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        Architecture arch = model.architectureProperty().get();
        if (arch == null) {
            caption.setText("Load a dataset to see the net.");
            return;
        }
        int k = Math.min(model.cutPoint.get(), arch.cutPoints().size());
        int cut = arch.lastTransferredLayerIndex(k);
        List<LayerSpec> layers = arch.layers();
        if (layers.size() > MAX_BOXES) {
            // A big foreign net (a ResNet has hundreds of layers): draw its weight layers only.
            layers = layers.stream().filter(LayerSpec::hasWeights).toList();
            cut = k - 1;
        }
        double gap = 10;
        double boxW = Math.max(40, (w - 20 - gap * (layers.size() - 1)) / layers.size());
        var foreign = model.foreignNetProperty().get();
        String src = foreign != null ? java.nio.file.Path.of(foreign.file()).getFileName().toString()
                : "base " + (model.source.get() == Side.A ? "A" : "B");
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            double x = 10 + i * (boxW + gap);
            double bh = layer.hasWeights() ? 58 : 38;
            double y = 10 + (58 - bh) / 2;
            Color fill = i <= cut ? (model.fineTune.get() ? Palette.FINE_TUNED : Palette.FROZEN) : Palette.FRESH;
            g.setFill(fill);
            g.fillRoundRect(x, y, boxW, bh, 10, 10);
            g.setFill(Color.WHITE);
            g.setFont(Font.font("System", FontWeight.BOLD, 14));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(layer.name(), x + boxW / 2, y + bh / 2 - (layer.hasWeights() ? 8 : 0));
            if (layer.hasWeights()) {
                g.setFont(Font.font("System", 11));
                g.fillText(i <= cut ? (model.fineTune.get() ? "copied, tuned" : "copied, frozen") : "new",
                        x + boxW / 2, y + bh / 2 + 10);
            }
            if (i == cut) {
                g.setStroke(Color.web("#d62728"));
                g.setLineWidth(3);
                double cx = x + boxW + gap / 2;
                g.strokeLine(cx, 2, cx, 74);
            }
        }
        g.setFill(Color.web("#555"));
        g.setFont(Font.font("System", 12));
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("input " + (foreign != null ? foreign.input().describe() : arch.input().toString()), 10, 86);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("output: " + arch.numClasses() + (foreign != null ? " classes (your data)" : " classes -> B's classes"),
                w - 10, 86);

        List<String> names = arch.weightLayerNames();
        String copied = names.get(0) + (k > 1 ? " to " + names.get(k - 1) : "");
        String fresh = String.join(", ", names.subList(k, names.size()));
        String condition = model.selectedCondition().label();
        String target = foreign != null ? "your classes" : "B";
        caption.setText(model.fineTune.get()
                ? String.format("%s at k=%d: %s copied from %s and fine-tuned on %s together with the new layers "
                        + "(%s), which start from random weights.", condition, k, copied, src, target, fresh)
                : String.format("%s at k=%d: %s copied from %s and frozen (they never change); only %s start "
                        + "from random weights and learn %s.", condition, k, copied, src, fresh, target));
    }
}
