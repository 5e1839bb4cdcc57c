package org.transferworkbench.core.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A results folder for a new sweep started from the window: {@code root/name-yyyyMMdd-HHmmss}, or with "-2", "-3"...
 * after it when that one is taken. Why: two sweeps started within one second (a short live run right after another,
 * or a clock set back) got the same folder, and the second was refused because the folder already held results. A
 * folder is created only when the sweep writes its first record, so the names handed out in this process count as
 * taken too.
 */
public final class NewResultsFolder {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Set<Path> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private NewResultsFolder() {
    }

    /** A folder under {@code root} for a sweep named {@code name} (e.g. the dataset's), started now. */
    public static Path under(Path root, String name) {
        return under(root, name, LocalDateTime.now());
    }

    static Path under(Path root, String name, LocalDateTime now) {
        String base = name + "-" + now.format(STAMP);
        for (int i = 1; ; i++) {
            Path candidate = root.resolve(i == 1 ? base : base + "-" + i).toAbsolutePath().normalize();
            if (!Files.exists(candidate) && HANDED_OUT.add(candidate)) {
                return candidate;
            }
        }
    }
}
