package org.transferworkbench.core.sweep;

/** How a sweep ended; the CLI maps it to its exit code (0, 130, 1). */
public enum SweepOutcome { COMPLETED, CANCELLED, FAILED }
