package org.transferworkbench.core;

/**
 * Input the user can fix: a file, a folder, an option or a setting that cannot be used. The message names the thing
 * and the reason in one line; the CLI prints it as {@code error: ...} (exit 1) and the window shows it in its banner.
 * Anything else that escapes is a bug and is reported as one.
 */
public class UserError extends RuntimeException {

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
