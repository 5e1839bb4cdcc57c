package org.transferworkbench.core.data;

/**
 * Decoding progress, called from the decoding threads (several at once): implementations must be thread-safe and
 * quick. The GUI stores the latest numbers for its timer to read; the CLI prints a line now and then.
 */
@FunctionalInterface
public interface LoadProgress {

    void decoded(int done, int total);

    LoadProgress NONE = (done, total) -> { };
}
