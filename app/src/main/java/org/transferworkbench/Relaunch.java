package org.transferworkbench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.transferworkbench.core.backend.BackendChoice;

/**
 * Starts the app again in a child JVM with a different environment and waits for it. ND4J reads which backend to
 * load from environment variables once, at its start ({@link BackendChoice}); a
 * running JVM cannot change its own environment. Same launcher, JVM options, class path and arguments; the child's
 * input, output and exit code are the user's.
 */
final class Relaunch {

    private Relaunch() {
    }

    static int withEnvironment(Map<String, String> env, String[] args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().putAll(env);
        Process p = pb.start();
        // Ctrl-C reaches both; the parent only waits and passes the exit code on.
        return p.waitFor();
    }
}
