package org.transferworkbench.ui.common;

import javafx.scene.paint.Color;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.report.Colors;

/**
 * The conditions' colours ({@link Colors}, shared with exported reports) as JavaFX colours too, and the net
 * drawing's colours for frozen, fine-tuned and fresh layers.
 */
public final class Palette {

    private Palette() {
    }

    public static java.awt.Color awt(Condition c) {
        return Colors.of(c);
    }

    public static Color fx(Condition c) {
        java.awt.Color a = awt(c);
        return Color.rgb(a.getRed(), a.getGreen(), a.getBlue());
    }

    public static final Color FROZEN = Color.web("#1f4eb4");
    public static final Color FINE_TUNED = Color.web("#f07a3c");
    public static final Color FRESH = Color.web("#9aa5b1");
}
