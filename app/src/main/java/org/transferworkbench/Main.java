package org.transferworkbench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.transferworkbench.cli.Cli;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.backend.Backend;
import org.transferworkbench.core.backend.BackendChoice;
import org.transferworkbench.core.files.SerialFilter;
import org.transferworkbench.ui.WorkbenchApp;
import org.transferworkbench.ui.common.BackendSetting;

/**
 * Entry point: with a command, the CLI; without, the workbench window. {@code --backend auto|cpu|gpu} anywhere on
 * the line (or, for the window, its saved "Compute on" setting) chooses where the nets compute.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        SerialFilter.install();
        String names = System.getProperty("sun.jnu.encoding", "UTF-8");
        if (!names.equalsIgnoreCase("UTF-8")) {
            // Java reads file names in the locale's encoding, fixed at start-up: under LANG=C it cannot open a file
            // named "été.png" at all. Desktop sessions are UTF-8; a bare shell or a service may not be.
            LoggerFactory.getLogger(Main.class).warn("File names are read as {}: files and folders with "
                    + "non-ASCII names cannot be opened. Start with a UTF-8 locale, e.g. LANG=C.UTF-8", names);
        }
        List<String> rest = new ArrayList<>();
        BackendChoice choice;
        try {
            choice = backendOption(args, rest);
        } catch (UserError e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        // "--lesson FILE" alone opens the window on that lesson (a teacher's launcher or file association).
        Path lesson = rest.size() == 2 && rest.get(0).equals("--lesson") ? Path.of(rest.get(1)) : null;
        if (lesson != null) {
            rest.clear();
        }
        boolean window = rest.isEmpty();
        if (choice == null) {
            choice = window ? BackendSetting.saved() : BackendChoice.AUTO;
        }
        Backend.request(choice);
        Map<String, String> env = choice.relaunchEnvironment(System.getenv(), BackendChoice.gpuBuild());
        if (env.isEmpty() && choice != BackendChoice.CPU && BackendChoice.gpuBuild()
                && Backend.unsupportedGpu() != null) {
            // The GPU build found a GPU its kernels cannot run on: the CPU computes instead, or the user hears why.
            if (choice == BackendChoice.GPU) {
                System.err.println("error: --backend gpu: " + Backend.unsupportedGpu() + "; use --backend cpu");
                System.exit(2);
            }
            LoggerFactory.getLogger(Main.class).warn("GPU not used: {}; computing on the CPU",
                    Backend.unsupportedGpu());
            env = BackendChoice.CPU.relaunchEnvironment(System.getenv(), true);
        }
        if (!env.isEmpty()) {
            try {
                System.exit(Relaunch.withEnvironment(env, args));
            } catch (Exception e) {
                System.err.println("error: cannot start again on the " + choice.label() + " backend: " + e);
                System.exit(1);
            }
            return;
        }
        if (window) {
            if (lesson != null) {
                WorkbenchApp.launchWithLesson(lesson.toAbsolutePath());
            } else {
                WorkbenchApp.launchApp();
            }
            return;
        }
        if (choice == BackendChoice.GPU) {
            try {
                choice.check(Backend.ensureInitialised(), BackendChoice.gpuBuild());
            } catch (UserError e) {
                System.err.println("error: " + e.getMessage());
                System.exit(2);
            }
        }
        System.exit(Cli.run(rest.toArray(String[]::new)));
    }

    /** Takes {@code --backend X} or {@code --backend=X} out of the arguments; null when absent. */
    static BackendChoice backendOption(String[] args, List<String> rest) {
        BackendChoice choice = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--backend")) {
                if (i + 1 >= args.length) {
                    throw new UserError("--backend needs a value: auto, cpu or gpu");
                }
                choice = BackendChoice.parse(args[++i]);
            } else if (args[i].startsWith("--backend=")) {
                choice = BackendChoice.parse(args[i].substring("--backend=".length()));
            } else {
                rest.add(args[i]);
            }
        }
        return choice;
    }
}
