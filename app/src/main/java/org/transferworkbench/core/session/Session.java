package org.transferworkbench.core.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.transferworkbench.core.Json;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.experiment.NetFiles;

/**
 * A workbench session as one small JSON file: where the data, the source net and the results shown came from (paths,
 * never their contents) and every setting, so the window reopens where it was. Nothing in it is run: paths are opened
 * with the same checks as when the user picks them.
 *
 * @param data          the dataset folder (null: none loaded)
 * @param settings      the experiment's settings
 * @param net           a source net file loaded with Load net... (null: the paper's base nets)
 * @param normalisation the value range chosen for that net (null: its default)
 * @param results       the results.json shown (null: none)
 */
public record Session(int schemaVersion, String data, Settings settings, String net, String normalisation,
                      String results) {

    public static final int SCHEMA_VERSION = 1;
    public static final String EXTENSION = ".twsession";
    /** A session is a few hundred bytes; anything much larger is not one. */
    static final long MAX_BYTES = 1 << 20;

    /** The window's settings, in the paper's words. */
    public record Settings(int splitSeed, String groupsFile, int bPerClass, int cutPoint, boolean fineTune,
                           String source, int epochs, int seeds, int splits, boolean classroom) {

        public Settings {
            check(splitSeed >= 0, "splitSeed");
            check(bPerClass >= 0 && bPerClass <= 1_000_000, "bPerClass");
            check(cutPoint >= 1 && cutPoint <= 1000, "cutPoint");
            check("A".equals(source) || "B".equals(source), "source");
            check(epochs >= 1 && epochs <= 200, "epochs");
            check(seeds >= 1 && seeds <= 20, "seeds");
            check(splits >= 1 && splits <= 10, "splits");
        }
    }

    public Session {
        if (settings == null) {
            throw new IllegalArgumentException("settings missing");
        }
        if (schemaVersion < 1 || schemaVersion > SCHEMA_VERSION) {
            throw new IllegalArgumentException("schemaVersion " + schemaVersion + " is not one this version reads");
        }
    }

    private static void check(boolean ok, String field) {
        if (!ok) {
            throw new IllegalArgumentException(field + " out of range");
        }
    }

    /** Written atomically (temp file beside it, flushed, renamed): a crash never leaves half a session. */
    public void write(Path file) {
        try {
            Path tmp = NetFiles.tempBeside(file);
            Files.writeString(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this),
                    StandardCharsets.UTF_8);
            NetFiles.sync(tmp);
            NetFiles.move(tmp, file);
        } catch (IOException e) {
            throw new UserError(file + ": cannot write the session (" + e.getMessage() + ")", e);
        }
    }

    /** Reads a session; anything else (too large, not JSON, fields out of range) is one line naming the file. */
    public static Session read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new UserError(file + ": not a workbench session (larger than 1 MB)");
            }
            return Json.MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), Session.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new UserError(file + ": not a workbench session (" + firstLine(cause.getMessage()) + ")", e);
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
