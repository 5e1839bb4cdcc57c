package org.transferworkbench.core.pretrained;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.transferworkbench.core.UserError;

/**
 * The Keras importer's child process: whatever it does (crash like the native HDF5 library did, hang, succeed), the
 * app gets a value or a one-line refusal naming the file, and no temporary folder stays behind.
 */
class KerasImportTest {

    private static final Path SEQUENTIAL = Path.of("..", "assets", "nets", "keras", "fashion-A-sequential.h5");

    /** Stands in for a SIGSEGV in libhdf5: the JVM ends at once with the code a fatal signal gives. */
    public static final class CrashingChild {
        public static void main(String[] args) {
            Runtime.getRuntime().halt(134);
        }
    }

    public static final class HangingChild {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(600_000);
        }
    }

    @Test
    void aCrashOfTheReaderIsAOneLineRefusalNamingTheFile() throws Exception {
        long before = tempFolders();
        assertThatThrownBy(() -> KerasImport.convert(SEQUENTIAL, CrashingChild.class.getName(), 60))
                .isInstanceOf(UserError.class)
                .hasMessage(SEQUENTIAL + ": the HDF5 reader crashed on this file (exit code 134): damaged or not a "
                        + "Keras file; the workbench itself is unaffected");
        assertThat(tempFolders()).isEqualTo(before);
    }

    @Test
    void aHangingReaderIsStoppedAndRefused() throws Exception {
        long start = System.nanoTime();
        assertThatThrownBy(() -> KerasImport.convert(SEQUENTIAL, HangingChild.class.getName(), 2))
                .isInstanceOf(UserError.class).hasMessage(SEQUENTIAL + ": importing it took longer than 2 s; refused");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(30);
    }

    @Test
    void aGoodFileComesBackAsAZipAndItsModelConfig() throws Exception {
        Path dir;
        try (KerasImport.Converted c = KerasImport.convert(SEQUENTIAL)) {
            dir = c.dir();
            assertThat(Files.size(c.zip())).isGreaterThan(1000);
            assertThat(c.modelConfig()).contains("\"Sequential\"");
        }
        assertThat(dir).doesNotExist();
    }

    private static long tempFolders() throws Exception {
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("keras-import")).count();
        }
    }
}
