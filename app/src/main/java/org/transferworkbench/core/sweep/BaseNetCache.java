package org.transferworkbench.core.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.experiment.BaseNetInfo;
import org.transferworkbench.core.experiment.NetFiles;
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
        } catch (UserError e) {
            // A damaged cache entry is not the user's data: log, ignore, retrain.
            LOG.warn("Ignoring damaged cached base net {}: {}", zip, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Why a saved base net (zip + sidecar) cannot serve as base A of this plan for this seed, or null if it can. A
     * match is exact: same data (fingerprint), same A classes, same seed, recipe and architecture.
     */
    public static String mismatch(BaseNetInfo info, PaperPlan plan, long seed) {
        if (info == null) {
            return "it has no JSON sidecar saying what it was trained on";
        }
        if (!info.datasetFingerprint().equals(plan.dataset().fingerprint())) {
            int limit = plan.dataset().perClassLimitOf(info.datasetFingerprint());
            if (limit > 0) {
                return "it was trained on all of " + info.datasetName() + "'s training images, this sweep uses " + limit
                        + " per class";
            }
            return info.datasetName().equals(plan.dataset().name())
                    ? "it was trained on other images of " + info.datasetName() + " (another folder or version)"
                    : "it was trained on other data (" + info.datasetName() + ")";
        }
        if (!"A".equals(info.side()) || !info.classes().equals(plan.split().classesA())) {
            return "it was trained on classes " + info.classes() + ", not on A = " + plan.split().classesA();
        }
        if (info.seed() != seed) {
            return "it was trained with seed " + info.seed() + ", not " + seed;
        }
        if (!info.recipe().equals(plan.recipe().key())) {
            return "it was trained with another recipe (" + info.recipe() + ")";
        }
        if (!info.architecture().equals(plan.architecture().family())
                || !info.weightLayers().equals(plan.architecture().weightLayerNames())) {
            return "it has another architecture (" + info.architecture() + ")";
        }
        return null;
    }

    /**
     * Puts a saved base net into the cache as base A of the plan for the given seed, if it matches exactly
     * ({@link #mismatch}); the sweep then starts from it instead of training base A. Returns the reason when it does
     * not match.
     */
    public String adoptAsBaseA(Path zip, PaperPlan plan, long seed) {
        NetFiles.Loaded loaded = NetFiles.load(zip);
        String why = mismatch(loaded.info(), plan, seed);
        if (why != null) {
            return why;
        }
        String key = key(plan.dataset().fingerprint(), plan.split(), Side.A, plan.bPerClass(), seed, plan.recipe(),
                plan.architecture().withClasses(plan.split().classesA().size()));
        if (!Files.isRegularFile(fileFor(key))) {
            store(key, loaded);
        }
        return null;
    }

    public void store(String key, NetFiles.Loaded net) {
        try {
            NetFiles.save(net.net(), net.info(), fileFor(key));
        } catch (IOException e) {
            LOG.warn("Could not cache base net in {}: {}", folder, e.getMessage());
        }
    }
}
