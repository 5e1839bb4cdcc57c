package org.transferworkbench.core.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code torch_sweep_twin.py} (the default sweep's protocol in PyTorch) and reads its per-run accuracies and its
 * total wall time, for {@code bench --sweep-twin}.
 */
public final class SweepTwin {

    private static final Pattern RUN = Pattern.compile("^(base[AB]|AnB\\+?|BnB\\+?)\\s+k=(\\d+) test=([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("^# total_wall_s=([0-9.]+)");

    /**
     * @param wallSeconds the script's own total (from its start, imports included)
     * @param accuracies  test accuracy by run, "AnB k=1" (base nets "baseB k=0")
     */
    public record Outcome(double wallSeconds, Map<String, Double> accuracies) {
    }

    private SweepTwin() {
    }

    public static Outcome run(String python, Path script, Path data, int epochs, int threads, Path cache,
                              Consumer<String> log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(List.of(python, script.toString(), "--data",
                data.toAbsolutePath().toString(), "--threads", Integer.toString(threads), "--epochs",
                Integer.toString(epochs), "--cache", cache.toAbsolutePath().toString()));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                log.accept(line);
            }
        }
        try {
            int code = p.waitFor();
            if (code != 0) {
                throw new IOException(script + " exited with " + code + ": " + tail(lines));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return parse(lines, script);
    }

    static Outcome parse(List<String> lines, Path script) throws IOException {
        Map<String, Double> accuracies = new LinkedHashMap<>();
        double wall = -1;
        for (String line : lines) {
            Matcher run = RUN.matcher(line);
            if (run.find()) {
                accuracies.put(run.group(1) + " k=" + run.group(2), Double.parseDouble(run.group(3)));
            }
            Matcher total = TOTAL.matcher(line);
            if (total.find()) {
                wall = Double.parseDouble(total.group(1));
            }
        }
        if (wall < 0 || accuracies.isEmpty()) {
            throw new IOException(script + " printed no runs or no total_wall_s: " + tail(lines));
        }
        return new Outcome(wall, accuracies);
    }

    private static String tail(List<String> lines) {
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())).strip();
    }
}
