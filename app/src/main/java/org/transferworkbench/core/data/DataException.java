package org.transferworkbench.core.data;

/** Data that cannot be used, with a message naming the file and the reason. */
public class DataException extends RuntimeException {
    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
