package org.transferworkbench.core.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewResultsFolderTest {

    private static final LocalDateTime NOON = LocalDateTime.of(2026, 12, 1, 12, 0, 7);

    @Test
    void sweepsStartedWithinOneSecondGetFoldersOfTheirOwn(@TempDir Path root) throws IOException {
        Path first = NewResultsFolder.under(root, "fashion-mnist", NOON);
        assertThat(first.getFileName().toString()).isEqualTo("fashion-mnist-20261201-120007");
        // Handed out but not created yet (a sweep creates it with its first record): taken all the same.
        Path second = NewResultsFolder.under(root, "fashion-mnist", NOON);
        assertThat(second.getFileName().toString()).isEqualTo("fashion-mnist-20261201-120007-2");
        // A folder on disk from an earlier session of the app is taken too.
        Path other = root.resolve("sub");
        Files.createDirectories(other.resolve("emoji-20261201-120007"));
        assertThat(NewResultsFolder.under(other, "emoji", NOON).getFileName().toString())
                .isEqualTo("emoji-20261201-120007-2");
        assertThat(NewResultsFolder.under(root, "fashion-mnist", NOON.plusSeconds(1)).getFileName().toString())
                .isEqualTo("fashion-mnist-20261201-120008");
    }
}
