package org.transferworkbench;

import org.transferworkbench.cli.Cli;

/** Entry point: with a command, the CLI; without, the workbench window. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            org.transferworkbench.ui.WorkbenchApp.launchApp();
            return;
        }
        System.exit(Cli.run(args));
    }
}
