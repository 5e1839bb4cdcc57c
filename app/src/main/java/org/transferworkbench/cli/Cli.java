package org.transferworkbench.cli;

import java.io.PrintWriter;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.files.SerialFilter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless command line: same core as the GUI. */
@Command(name = "transfer-workbench", mixinStandardHelpOptions = true, version = "Transfer Workbench 0.1.0",
        description = "How transferable are features in deep neural networks? Run Yosinski et al. (2014) on a laptop.",
        subcommands = {InspectCommand.class, InspectNetCommand.class, TrainBaseCommand.class, SweepCommand.class,
                BenchCommand.class, ReportCommand.class, CkaCommand.class, FewShotCommand.class, EstimateCommand.class,
                CompareCommand.class, ScreenshotCommand.class})
public final class Cli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs a command; bad arguments and unusable data give a one-line reason and a non-zero exit, no stack trace. */
    public static int run(PrintWriter rawOut, PrintWriter rawErr, String... args) {
        SerialFilter.install();
        PrintWriter out = new PrintWriter(new EscapingWriter(rawOut), true);
        PrintWriter err = new PrintWriter(new EscapingWriter(rawErr), true);
        try {
            return run(out, err, new CommandLine(new Cli()), args);
        } catch (OutOfMemoryError e) {
            // Not every allocation is planned (a library's buffers): the answer is still one line, and exit 1.
            err.println("error: out of memory; use fewer or smaller images, a smaller net, or a larger -Xmx");
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int run(PrintWriter out, PrintWriter err, CommandLine cl, String... args) {
        // Escaped output must not meet picocli's own colour codes.
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + ex.getMessage());
            err.println("(see: transfer-workbench " + commandName(ex.getCommandLine()) + " --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UserError || ex instanceof IllegalArgumentException) {
                err.println("error: " + ex.getMessage());
                return 1;
            }
            // A bug, not the user's input: still one line on the console, the stack trace in the log.
            LoggerFactory.getLogger(Cli.class).debug("Unexpected failure", ex);
            err.println("error: internal error (" + ex.getClass().getSimpleName() + ": " + ex.getMessage()
                    + "); please report it");
            return 3;
        });
        return cl.execute(args);
    }

    private static String commandName(CommandLine cl) {
        return cl.getCommandName().equals("transfer-workbench") ? "" : cl.getCommandName();
    }
}
