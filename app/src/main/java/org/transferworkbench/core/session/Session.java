package org.transferworkbench.core.session;

import java.nio.file.Path;
import org.transferworkbench.core.experiment.JsonFile;

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
        JsonFile.write(this, file, "session");
    }

    /** Reads a session; anything else (too large, not JSON, fields out of range) is one line naming the file. */
    public static Session read(Path file) {
        return JsonFile.read(file, Session.class, "workbench session");
    }
}
