package org.transferworkbench.ui.net;

import java.nio.file.Path;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.LayerSpec;
import org.transferworkbench.core.pretrained.NetReport;
import org.transferworkbench.core.split.Side;
import org.transferworkbench.ui.common.ExperimentSettings;
import org.transferworkbench.ui.common.Palette;

/** The net drawn as a row of layer boxes cut at k, and the caption that says the same in words. */
final class NetDrawing {

    /** More layers than this are drawn as their weight layers only. */
    static final int MAX_BOXES = 16;
    private final Canvas canvas = new Canvas(900, 96);
    private final Label caption = new Label();
    private final NetModel model;
    private final ExperimentSettings settings;

    NetDrawing(NetModel model, ExperimentSettings settings) {
        this.model = model;
        this.settings = settings;
        caption.setId("netCaption");
        caption.setWrapText(true);
        caption.setMinHeight(Region.USE_PREF_SIZE);
        for (var p : List.of(settings.cutPointProperty(), settings.fineTuneProperty(), settings.sourceProperty(),
                model.architectureProperty(), model.foreignNetProperty())) {
            p.addListener((o, a, b) -> redraw());
        }
        canvas.widthProperty().addListener((o, a, b) -> redraw());
        redraw();
    }

    Canvas canvas() {
        return canvas;
    }

    Label caption() {
        return caption;
    }

    String layerStates() {
        Architecture arch = model.architecture();
        if (arch == null) {
            return "";
        }
        int cut = arch.lastTransferredLayerIndex(settings.cutPoint());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < arch.layers().size(); i++) {
            sb.append(i <= cut ? (settings.fineTune() ? 'T' : 'F') : 'N');
        }
        return sb.toString();
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        g.clearRect(0, 0, w, canvas.getHeight());
        Architecture arch = model.architecture();
        if (arch == null) {
            caption.setText("Load a dataset to see the net.");
            return;
        }
        int k = Math.min(settings.cutPoint(), arch.cutPoints().size());
        int cut = arch.lastTransferredLayerIndex(k);
        List<LayerSpec> layers = arch.layers();
        if (layers.size() > MAX_BOXES) {
            // A big foreign net (a ResNet has hundreds of layers): draw its weight layers only.
            layers = layers.stream().filter(LayerSpec::hasWeights).toList();
            cut = k - 1;
        }
        boolean tuned = settings.fineTune();
        double gap = 10;
        double boxW = Math.max(40, (w - 20 - gap * (layers.size() - 1)) / layers.size());
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            double x = 10 + i * (boxW + gap);
            double bh = layer.hasWeights() ? 58 : 38;
            double y = 10 + (58 - bh) / 2;
            g.setFill(i <= cut ? (tuned ? Palette.FINE_TUNED : Palette.FROZEN) : Palette.FRESH);
            g.fillRoundRect(x, y, boxW, bh, 10, 10);
            g.setFill(Color.WHITE);
            g.setFont(Font.font("System", FontWeight.BOLD, 14));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(layer.name(), x + boxW / 2, y + bh / 2 - (layer.hasWeights() ? 8 : 0));
            if (layer.hasWeights()) {
                g.setFont(Font.font("System", 11));
                g.fillText(i <= cut ? (tuned ? "copied, tuned" : "copied, frozen") : "new", x + boxW / 2,
                        y + bh / 2 + 10);
            }
            if (i == cut) {
                g.setStroke(Color.web("#d62728"));
                g.setLineWidth(3);
                double cx = x + boxW + gap / 2;
                g.strokeLine(cx, 2, cx, 74);
            }
        }
        NetReport foreign = model.foreignNet();
        g.setFill(Color.web("#555"));
        g.setFont(Font.font("System", 12));
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("input " + (foreign != null ? foreign.input().describe() : arch.input().toString()), 10, 86);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("output: " + arch.numClasses() + (foreign != null ? " classes (your data)"
                : " classes -> B's classes"), w - 10, 86);
        caption.setText(caption(arch, k, foreign));
    }

    private String caption(Architecture arch, int k, NetReport foreign) {
        String src = foreign != null ? Path.of(foreign.file()).getFileName().toString()
                : "base " + (settings.source() == Side.A ? "A" : "B");
        List<String> names = arch.weightLayerNames();
        String copied = names.get(0) + (k > 1 ? " to " + names.get(k - 1) : "");
        String fresh = String.join(", ", names.subList(k, names.size()));
        String condition = model.selectedCondition().label();
        String target = foreign != null ? "your classes" : "B";
        return settings.fineTune()
                ? String.format("%s at k=%d: %s copied from %s and fine-tuned on %s together with the new layers "
                        + "(%s), which start from random weights.", condition, k, copied, src, target, fresh)
                : String.format("%s at k=%d: %s copied from %s and frozen (they never change); only %s start "
                        + "from random weights and learn %s.", condition, k, copied, src, fresh, target);
    }
}
