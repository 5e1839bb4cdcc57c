package org.transferworkbench.core.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.transferworkbench.core.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.backend.Backend;
import org.transferworkbench.core.files.SafeNetZip;

/** Saves and loads a net as a DL4J zip with a JSON sidecar beside it; writes are atomic (temp file, then move). */
public final class NetFiles {

    static final ObjectMapper JSON = Json.MAPPER;

    private NetFiles() {
    }

    public record Loaded(MultiLayerNetwork net, BaseNetInfo info) {
    }

    public static Path sidecarOf(Path zip) {
        String name = zip.getFileName().toString();
        String stem = name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
        return zip.resolveSibling(stem + ".json");
    }

    public static void save(MultiLayerNetwork net, BaseNetInfo info, Path zip) throws IOException {
        Path parent = zip.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmpZip = tempBeside(zip);
        Path tmpJson = tempBeside(sidecarOf(zip));
        try {
            // No updater state: a source net is only ever copied from, never trained further.
            ModelSerializer.writeModel(net, tmpZip.toFile(), false);
            JSON.writeValue(tmpJson.toFile(), info);
            sync(tmpZip);
            sync(tmpJson);
            move(tmpJson, sidecarOf(zip));
            move(tmpZip, zip);
        } finally {
            Files.deleteIfExists(tmpZip);
            Files.deleteIfExists(tmpJson);
        }
    }

    public static Loaded load(Path zip) {
        if (!Files.isRegularFile(zip)) {
            throw new UserError(zip + ": no such net file");
        }
        BaseNetInfo info = null;
        Path sidecar = sidecarOf(zip);
        if (Files.isRegularFile(sidecar)) {
            try {
                info = JSON.readValue(sidecar.toFile(), BaseNetInfo.class);
            } catch (IOException e) {
                throw new UserError(sidecar + ": unreadable sidecar (" + e.getMessage() + ")", e);
            }
        }
        Backend.ensureInitialised(); // never two first starts of ND4J at once (see SourceFilters)
        try {
            MultiLayerNetwork net = SafeNetZip.multiLayer(zip);
            return new Loaded(net, info);
        } catch (UserError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UserError(zip + ": not a readable DL4J MultiLayerNetwork zip ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
    }

    /**
     * A new, empty temporary file next to {@code target} (same folder, so the final move is a rename), with an
     * unpredictable name created exclusively: a link planted under a guessable name cannot redirect the write. It gets
     * the user's ordinary read permissions (createTempFile makes owner-only files; results are meant to be shared).
     */
    public static Path tempBeside(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): its defaults apply
        }
        return tmp;
    }

    /** Removes temporary files a killed process left beside {@code target} (a resumed sweep starts clean). */
    public static void removeStaleTemps(Path target) {
        String prefix = "." + target.getFileName() + ".";
        try (var files = Files.list(target.toAbsolutePath().getParent())) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(".tmp") && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // nothing to clean, or not allowed to: the new temp name never collides anyway
        }
    }

    /** Flushes a written file to the disk, so a rename never publishes a file whose bytes are still in memory. */
    public static void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
