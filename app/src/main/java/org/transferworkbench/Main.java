package org.transferworkbench;

import org.transferworkbench.cli.Cli;
import org.transferworkbench.core.files.SerialFilter;
import org.transferworkbench.ui.WorkbenchApp;

/** Entry point: with a command, the CLI; without, the workbench window. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        SerialFilter.install();
        String names = System.getProperty("sun.jnu.encoding", "UTF-8");
        if (!names.equalsIgnoreCase("UTF-8")) {
            // Java reads file names in the locale's encoding, fixed at start-up: under LANG=C it cannot open a file
            // named "été.png" at all. Desktop sessions are UTF-8; a bare shell or a service may not be.
            org.slf4j.LoggerFactory.getLogger(Main.class).warn("File names are read as {}: files and folders with "
                    + "non-ASCII names cannot be opened. Start with a UTF-8 locale, e.g. LANG=C.UTF-8", names);
        }
        if (args.length == 0) {
            WorkbenchApp.launchApp();
            return;
        }
        System.exit(Cli.run(args));
    }
}
