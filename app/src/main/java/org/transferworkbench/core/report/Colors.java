package org.transferworkbench.core.report;

import java.awt.Color;
import org.transferworkbench.core.experiment.Condition;

/** One colour per condition in every chart, window and report: selffers blue, transfers red; fine-tuned lighter. */
public final class Colors {

    private Colors() {
    }

    public static Color of(Condition c) {
        return switch (c) {
            case BASE_A -> new Color(0x55, 0x55, 0x55);
            case BASE_B -> new Color(0x22, 0x22, 0x22);
            case BNB -> new Color(0x1f, 0x4e, 0xb4);
            case BNB_PLUS -> new Color(0x4d, 0xa3, 0xe8);
            case ANB -> new Color(0xc0, 0x1f, 0x2a);
            case ANB_PLUS -> new Color(0xf0, 0x7a, 0x3c);
        };
    }
}
