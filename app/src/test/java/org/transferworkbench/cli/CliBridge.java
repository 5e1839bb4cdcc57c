package org.transferworkbench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Lets tests in other packages run a CLI command quietly. */
public final class CliBridge {

    private CliBridge() {
    }

    public static int run(String... args) {
        return Cli.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
    }
}
