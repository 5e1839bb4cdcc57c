package org.transferworkbench.core.train;

/** Thrown on the training thread when the user cancelled; not an error. */
public class CancelledException extends RuntimeException {
    public CancelledException() {
        super("cancelled", null, false, false);
    }
}
