package org.transferworkbench.ui.common;

import java.util.prefs.Preferences;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.backend.BackendChoice;

/**
 * The window's "Compute on" setting. ND4J chooses its backend once per start, so the setting is saved here and read
 * by {@code Main} at the next start (a {@code --backend} flag on the command line wins).
 */
public final class BackendSetting {

    private static final String KEY = "backend";

    private BackendSetting() {
    }

    private static Preferences node() {
        return Preferences.userRoot().node("/org/transferworkbench/ui");
    }

    public static BackendChoice saved() {
        try {
            return BackendChoice.parse(node().get(KEY, BackendChoice.AUTO.label()));
        } catch (UserError | SecurityException e) {
            // A hand-edited or unreadable preference must not keep the window from opening.
            return BackendChoice.AUTO;
        }
    }

    public static void save(BackendChoice choice) {
        node().put(KEY, choice.label());
    }
}
