package org.transferworkbench.core.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import org.transferworkbench.core.split.Side;

/**
 * The six conditions of Yosinski et al. (2014). Base nets are trained from scratch on one half; the other four copy
 * the first k layers of a base net into a new net for B and either freeze them or fine-tune them.
 */
public enum Condition {
    BASE_A("baseA", null, Side.A, false),
    BASE_B("baseB", null, Side.B, false),
    /** Selffer, frozen: B's own first k layers, frozen, upper layers retrained on B. */
    BNB("BnB", Side.B, Side.B, true),
    /** Selffer, fine-tuned. */
    BNB_PLUS("BnB+", Side.B, Side.B, false),
    /** Transfer, frozen: A's first k layers, frozen, upper layers trained on B. */
    ANB("AnB", Side.A, Side.B, true),
    /** Transfer, fine-tuned. */
    ANB_PLUS("AnB+", Side.A, Side.B, false);

    private final String label;
    private final Side source;
    private final Side target;
    private final boolean frozen;

    Condition(String label, Side source, Side target, boolean frozen) {
        this.label = label;
        this.source = source;
        this.target = target;
        this.frozen = frozen;
    }

    /** The paper's name, e.g. "AnB+"; also how results files store a condition. */
    @JsonValue
    public String label() {
        return label;
    }

    /** Whose base net the first k layers come from; null for base conditions. */
    public Side source() {
        return source;
    }

    /** The task trained and tested on. */
    public Side target() {
        return target;
    }

    public boolean frozen() {
        return frozen;
    }

    public boolean isBase() {
        return source == null;
    }

    @JsonCreator
    public static Condition fromLabel(String label) {
        return Arrays.stream(values()).filter(c -> c.label.equalsIgnoreCase(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown condition '" + label
                        + "' (one of baseA, baseB, BnB, BnB+, AnB, AnB+)"));
    }

    @Override
    public String toString() {
        return label;
    }
}
