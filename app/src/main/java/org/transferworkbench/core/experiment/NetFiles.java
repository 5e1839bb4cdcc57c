package org.transferworkbench.core.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.transferworkbench.core.Json;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.transferworkbench.core.UserError;

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
        try {
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
            return new Loaded(net, info);
        } catch (IOException | RuntimeException e) {
            throw new UserError(zip + ": not a readable DL4J MultiLayerNetwork zip ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
    }

    /**
     * A temporary name next to {@code target} (same folder, so the final move is a rename). Not createTempFile: that
     * makes owner-only files, and results and nets should get the user's normal permissions.
     */
    public static Path tempBeside(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    }

    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
