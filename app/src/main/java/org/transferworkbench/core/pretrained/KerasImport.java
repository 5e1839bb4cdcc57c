package org.transferworkbench.core.pretrained;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transferworkbench.core.UserError;

/**
 * Imports a Keras HDF5 file in a child JVM ({@link KerasImportChild}) and hands back a DL4J zip that the app's own
 * bounded reader then opens. HDF5 is parsed by a native C library; on a damaged file it can crash the process that
 * calls it (seen in CI: SIGSEGV in {@code H5SL_search} on a fuzzed file), and no Java catch stops that. In a child
 * process a crash, a hang or a runaway allocation costs one process and becomes a one-line refusal here.
 */
final class KerasImport {

    static final String NET = "net.zip";
    static final String CONFIG = "model_config.json";
    static final String REFUSAL = "refusal.txt";
    static final String LOG_FILE = "child.log";
    /** Large ImageNet nets (VGG16's 528 MB file) import in well under a minute here; a hang is cut off. */
    static final long TIMEOUT_SECONDS = 300;
    private static final Logger LOG = LoggerFactory.getLogger(KerasImport.class);
    private static final long MAX_CONFIG_BYTES = 32L << 20;

    /** What the child made; {@link #close()} deletes it. */
    record Converted(Path dir, Path zip, String modelConfig) implements AutoCloseable {
        @Override
        public void close() {
            deleteTree(dir);
        }
    }

    private KerasImport() {
    }

    static Converted convert(Path file) {
        return convert(file, KerasImportChild.class.getName(), TIMEOUT_SECONDS);
    }

    /** @param childMain the child's main class: {@link KerasImportChild}, or a test's crashing or hanging stand-in */
    static Converted convert(Path file, String childMain, long timeoutSeconds) {
        Path dir;
        try {
            dir = Files.createTempDirectory("keras-import");
        } catch (IOException e) {
            throw new UserError(file + ": cannot make a temporary folder to import it (" + e.getMessage() + ")", e);
        }
        try {
            int exit = runChild(file, dir, childMain, timeoutSeconds);
            if (exit == KerasImportChild.REFUSED && Files.isRegularFile(dir.resolve(REFUSAL))) {
                throw new UserError(readBounded(dir.resolve(REFUSAL), 4096).strip());
            }
            if (exit != 0 || !Files.isRegularFile(dir.resolve(NET))) {
                LOG.warn("Keras import of {} ended with exit code {}; its last output:\n{}", file, exit,
                        tail(dir.resolve(LOG_FILE)));
                throw new UserError(file + ": the HDF5 reader crashed on this file (exit code " + exit
                        + "): damaged or not a Keras file; the workbench itself is unaffected");
            }
            return new Converted(dir, dir.resolve(NET), readBounded(dir.resolve(CONFIG), MAX_CONFIG_BYTES));
        } catch (IOException e) {
            deleteTree(dir);
            throw new UserError(file + ": cannot import it (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    private static int runChild(Path file, Path dir, String childMain, long timeoutSeconds) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaLauncher().toString());
        long heapMb = Math.max(512, Math.min(Runtime.getRuntime().maxMemory() >> 20, 4096));
        command.add("-Xmx" + heapMb + "m");
        // One short-lived job: the serial collector starts fastest and needs no spare cores.
        command.add("-XX:+UseSerialGC");
        for (String property : List.of("org.bytedeco.javacpp.maxbytes", "org.bytedeco.javacpp.cachedir",
                "java.io.tmpdir", "org.eclipse.deeplearning4j.helpers.disable")) {
            String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(childMain);
        // As the user named it (the child shares this working folder), so its messages name the same file.
        command.add(file.toString());
        command.add(dir.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(LOG_FILE).toFile()).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new UserError(file + ": importing it took longer than " + timeoutSeconds + " s; refused");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            // The user cancelled: the child goes with the job.
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new UserError(file + ": import cancelled", e);
        }
    }

    /** The JVM running now: the JDK's in development, the bundled runtime's in the packaged app (jlink keeps bin/). */
    static Path javaLauncher() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path java = bin.resolve(System.getProperty("os.name", "").startsWith("Windows") ? "java.exe" : "java");
        if (!Files.isExecutable(java)) {
            throw new UserError("cannot import Keras files: this runtime has no " + java + " to run the importer in");
        }
        return java;
    }

    private static String readBounded(Path file, long max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > max) {
                throw new IOException(file.getFileName() + " is larger than " + max + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static String tail(Path log) {
        try (var in = Files.newByteChannel(log)) {
            // The last 8 KB: a crash report's head, never a runaway log whole.
            long size = in.size();
            in.position(Math.max(0, size - 8192));
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size, 8192));
            while (buffer.hasRemaining() && in.read(buffer) >= 0) {
                // read until full or at the end
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("Could not delete {}: {}", dir, e.getMessage());
        }
    }
}
