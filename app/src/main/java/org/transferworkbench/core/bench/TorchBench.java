package org.transferworkbench.core.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the PyTorch reference script once and reads its {@code RESULT key=value} lines. */
public final class TorchBench {

    private static final Pattern KEY_VALUE = Pattern.compile("([a-z_]+)=([0-9][0-9.eE+-]*)(?=[\\s,]|$)");

    private TorchBench() {
    }

    public static Map<String, Double> run(String python, Path script, Path data, int trainN, int epochs, int warmup,
                                          int inferN, int threads, Consumer<String> log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(List.of(python, script.toString(), "all", Integer.toString(trainN),
                Integer.toString(epochs), Integer.toString(warmup), Integer.toString(inferN)));
        pb.environment().put("FASHION_MNIST_DIR", data.toAbsolutePath().toString());
        pb.environment().put("TORCH_THREADS", Integer.toString(threads));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        Map<String, Double> values = new HashMap<>();
        StringBuilder tail = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    log.accept(line.substring(7));
                    Matcher m = KEY_VALUE.matcher(line);
                    while (m.find()) {
                        // "torch_head_median_img_per_s=... acc=..." : the first pair names the line. Version strings
                        // such as torch=1.13.0a0 are not numbers and are skipped.
                        try {
                            values.putIfAbsent(m.group(1), Double.parseDouble(m.group(2)));
                        } catch (NumberFormatException notANumber) {
                            // keep going
                        }
                    }
                } else {
                    tail.append(line).append('\n');
                }
            }
        }
        try {
            int code = p.waitFor();
            if (code != 0) {
                throw new IOException(script + " exited with " + code + ": " + tail.toString().strip());
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (!values.containsKey("torch_train_median_img_per_s")
                || !values.containsKey("torch_infer_median_img_per_s")) {
            throw new IOException(script + " printed no throughput: " + tail.toString().strip());
        }
        return values;
    }
}
