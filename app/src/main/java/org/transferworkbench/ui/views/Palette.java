package org.transferworkbench.ui.views;

import org.transferworkbench.core.experiment.Condition;

/** One colour per condition everywhere (charts, legends): selffers blue, transfers red; fine-tuned lighter. */
final class Palette {

    private Palette() {
    }

    static java.awt.Color awt(Condition c) {
        return switch (c) {
            case BASE_A -> new java.awt.Color(0x55, 0x55, 0x55);
            case BASE_B -> new java.awt.Color(0x22, 0x22, 0x22);
            case BNB -> new java.awt.Color(0x1f, 0x4e, 0xb4);
            case BNB_PLUS -> new java.awt.Color(0x4d, 0xa3, 0xe8);
            case ANB -> new java.awt.Color(0xc0, 0x1f, 0x2a);
            case ANB_PLUS -> new java.awt.Color(0xf0, 0x7a, 0x3c);
        };
    }

    static javafx.scene.paint.Color fx(Condition c) {
        java.awt.Color a = awt(c);
        return javafx.scene.paint.Color.rgb(a.getRed(), a.getGreen(), a.getBlue());
    }

    static final javafx.scene.paint.Color FROZEN = javafx.scene.paint.Color.web("#1f4eb4");
    static final javafx.scene.paint.Color FINE_TUNED = javafx.scene.paint.Color.web("#f07a3c");
    static final javafx.scene.paint.Color FRESH = javafx.scene.paint.Color.web("#9aa5b1");
}
