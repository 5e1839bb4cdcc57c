package org.transferworkbench;

import org.transferworkbench.cli.Cli;

/** Entry point: with a command, the CLI; without, the workbench window. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.out.println("Transfer Workbench: the desktop window arrives with the GUI issue; for now use a command.");
            System.out.println("Try: java -jar app/target/transfer-workbench.jar --help");
            return;
        }
        System.exit(Cli.run(args));
    }
}
