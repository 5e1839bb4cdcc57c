package org.transferworkbench.safety;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the app (or a test's main) in a child JVM with a small heap, as a user's machine would: crashes stay there. */
final class Child {

    record Result(int exit, String out, String err, double seconds) {
        /** The lines of stderr that are not log lines (the CLI's own answer). */
        List<String> answer() {
            return err.lines().filter(l -> !l.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*")).toList();
        }
    }

    private Child() {
    }

    static Result run(int timeoutSeconds, String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-Dorg.bytedeco.javacpp.maxbytes=1g", "-cp",
                System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("child", ".out");
        Path err = Files.createTempFile("child", ".err");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly().waitFor();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Result r = new Result(finished ? p.exitValue() : 124, Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), seconds);
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }

    static Result cli(String... args) throws IOException, InterruptedException {
        return run(120, "org.transferworkbench.Main", args);
    }
}
