package org.transferworkbench.safety;

import java.nio.file.Files;
import java.nio.file.Path;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.files.SerialFilter;
import org.transferworkbench.core.pretrained.PretrainedNet;
import org.transferworkbench.core.pretrained.PretrainedNetLoader;

/**
 * Seeded fuzz loop, run in a child JVM by {@link HostileFilesTest}: damaged copies of a valid net zip and a valid Keras
 * file must each load or be refused with a {@link UserError}; anything else (another exception, a hang, a crash of
 * the JVM) fails the test. Prints one summary line.
 */
public final class FuzzMain {

    private FuzzMain() {
    }

    public static void main(String[] args) throws Exception {
        SerialFilter.install();
        int cases = Integer.parseInt(args[0]);
        Path dir = Files.createTempDirectory("fuzz");
        int refused = 0;
        int loaded = 0;
        long slowestNanos = 0;
        for (int i = 0; i < cases; i++) {
            boolean zip = i % 2 == 0;
            Path valid = zip ? HostileFiles.VALID_ZIP : HostileFiles.VALID_H5;
            // Keep the magic bytes, so the damage reaches the parsers behind them.
            Path file = HostileFiles.mutate(valid, dir.resolve("case-" + i + (zip ? ".zip" : ".h5")), 1000 + i,
                    1 + i % 7, 8);
            long start = System.nanoTime();
            try {
                PretrainedNet net = PretrainedNetLoader.load(file);
                net.close();
                loaded++;
            } catch (UserError e) {
                if (e.getMessage().contains("\n")) {
                    System.out.println("case " + i + ": a refusal of several lines: " + e.getMessage());
                    System.exit(4);
                }
                refused++;
            } catch (Throwable t) {
                System.out.println("case " + i + " (" + file + "): " + t);
                t.printStackTrace(System.out);
                System.exit(3);
            }
            slowestNanos = Math.max(slowestNanos, System.nanoTime() - start);
            Files.deleteIfExists(file);
        }
        System.out.printf("fuzz: %d cases, %d refused, %d loaded, slowest %.1f s%n", cases, refused, loaded,
                slowestNanos / 1e9);
        System.exit(0);
    }
}
