package org.transferworkbench.core.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.transferworkbench.core.Json;
import org.transferworkbench.core.UserError;

/**
 * The small JSON files a user saves and hands on (sessions, lessons): written atomically, read with a size cap, and
 * anything that is not one of them is one line naming the file and what is wrong.
 */
public final class JsonFile {

    /** Such a file is a few kilobytes; anything much larger is not one. */
    public static final long MAX_BYTES = 1 << 20;

    private JsonFile() {
    }

    /** Temp file beside the target, flushed, renamed: a crash never leaves half a file. */
    public static void write(Object value, Path file, String what) {
        try {
            Path tmp = NetFiles.tempBeside(file);
            Files.writeString(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value),
                    StandardCharsets.UTF_8);
            NetFiles.sync(tmp);
            NetFiles.move(tmp, file);
        } catch (IOException e) {
            throw new UserError(file + ": cannot write the " + what + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads {@code type} from {@code file}; too large, not JSON or a field its constructor refuses is
     * "FILE: not a WHAT (first line of the reason)".
     */
    public static <T> T read(Path file, Class<T> type, String what) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new UserError(file + ": not a " + what + " (larger than 1 MB)");
            }
            return Json.MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), type);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new UserError(file + ": not a " + what + " (" + firstLine(cause.getMessage()) + ")", e);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static String firstLine(String message) {
        String m = message == null ? "unreadable" : message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
