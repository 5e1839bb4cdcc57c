package org.transferworkbench.ui.common;

import javafx.scene.paint.Color;
import org.transferworkbench.core.experiment.Condition;

/**
 * One colour per condition everywhere (charts, legends): selffers blue, transfers red; fine-tuned lighter. Charts
 * are drawn with AWT (JFreeChart), controls with JavaFX: both kinds of colour come from here.
 */
public final class Palette {

    private Palette() {
    }

    public static java.awt.Color awt(Condition c) {
        return switch (c) {
            case BASE_A -> new java.awt.Color(0x55, 0x55, 0x55);
            case BASE_B -> new java.awt.Color(0x22, 0x22, 0x22);
            case BNB -> new java.awt.Color(0x1f, 0x4e, 0xb4);
            case BNB_PLUS -> new java.awt.Color(0x4d, 0xa3, 0xe8);
            case ANB -> new java.awt.Color(0xc0, 0x1f, 0x2a);
            case ANB_PLUS -> new java.awt.Color(0xf0, 0x7a, 0x3c);
        };
    }

    public static Color fx(Condition c) {
        java.awt.Color a = awt(c);
        return Color.rgb(a.getRed(), a.getGreen(), a.getBlue());
    }

    public static final Color FROZEN = Color.web("#1f4eb4");
    public static final Color FINE_TUNED = Color.web("#f07a3c");
    public static final Color FRESH = Color.web("#9aa5b1");
}
