package org.transferworkbench.core.data;

import org.transferworkbench.core.UserError;

/** Data that cannot be used (a folder, an image, an IDX file), with a message naming the file and the reason. */
public class DataException extends UserError {
    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
