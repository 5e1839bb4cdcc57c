package org.transferworkbench.core.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transferworkbench.core.data.DataException;
import org.transferworkbench.core.data.Fingerprint;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.split.ClassSplit;
import org.transferworkbench.core.split.Side;

/**
 * Base nets on disk, keyed by (data, split, side, B size, seed, recipe, architecture), so a second sweep on the same
 * setting starts from the cached baseA and baseB instead of training them again.
 */
public final class BaseNetCache {

    private static final Logger LOG = LoggerFactory.getLogger(BaseNetCache.class);
    private final Path folder;

    public BaseNetCache(Path folder) {
        this.folder = folder;
    }

    /** {@code $XDG_CACHE_HOME/transfer-workbench/base-nets}, or {@code ~/.cache/...} without XDG. */
    public static Path defaultFolder() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("transfer-workbench").resolve("base-nets");
    }

    public Path folder() {
        return folder;
    }

    public static String key(String datasetFingerprint, ClassSplit split, Side side, int bPerClass, long seed,
                             Recipe recipe, Architecture arch) {
        return Fingerprint.of(String.join("|", datasetFingerprint, String.join(",", split.classesA()),
                String.join(",", split.classesB()), side.name(), side == Side.B ? Integer.toString(bPerClass) : "-",
                Long.toString(split.seed()), Long.toString(seed), recipe.key(), arch.toString()));
    }

    public Path fileFor(String key) {
        return folder.resolve("base-" + key + ".zip");
    }

    public Optional<NetFiles.Loaded> find(String key) {
        Path zip = fileFor(key);
        if (!Files.isRegularFile(zip) || !Files.isRegularFile(NetFiles.sidecarOf(zip))) {
            return Optional.empty();
        }
        try {
            NetFiles.Loaded loaded = NetFiles.load(zip);
            return loaded.info() == null ? Optional.empty() : Optional.of(loaded);
        } catch (DataException e) {
            // A damaged cache entry is not the user's data: log, ignore, retrain.
            LOG.warn("Ignoring damaged cached base net {}: {}", zip, e.getMessage());
            return Optional.empty();
        }
    }

    public void store(String key, NetFiles.Loaded net) {
        try {
            NetFiles.save(net.net(), net.info(), fileFor(key));
        } catch (IOException e) {
            LOG.warn("Could not cache base net in {}: {}", folder, e.getMessage());
        }
    }
}
