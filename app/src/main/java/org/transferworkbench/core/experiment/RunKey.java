package org.transferworkbench.core.experiment;

/** Identifies one trained net in a sweep: condition, cut point (0 for base nets) and training seed. */
public record RunKey(Condition condition, int k, long seed) {

    public RunKey {
        if (condition.isBase() != (k == 0)) {
            throw new IllegalArgumentException(condition + " with k=" + k
                    + ": base conditions have k=0, transfer conditions k>=1");
        }
    }

    @Override
    public String toString() {
        return condition.label() + (k > 0 ? " k=" + k : "") + " seed " + seed;
    }
}
