package org.transferworkbench.core.data;

/** A file the loader could not use, with the reason in words a user understands. */
public record SkippedFile(String path, String reason) {
}
