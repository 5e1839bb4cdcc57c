package org.transferworkbench.core.split;

/** The two halves of the class list: A (the source task) and B (the target task). */
public enum Side {
    A, B
}
