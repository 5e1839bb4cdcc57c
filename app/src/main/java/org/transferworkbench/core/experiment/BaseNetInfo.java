package org.transferworkbench.core.experiment;

import java.util.List;
import org.transferworkbench.core.train.EpochStats;

/**
 * The JSON sidecar of a saved base net ({@code NAME.zip} + {@code NAME.json}): enough to know what it was trained on
 * and whether it can serve as a source net for a sweep.
 */
public record BaseNetInfo(
        int formatVersion,
        String datasetName,
        String datasetFingerprint,
        String splitKind,
        String splitName,
        long splitSeed,
        String side,
        List<String> classes,
        int bPerClass,
        int[] inputShape,
        String architecture,
        List<String> weightLayers,
        long seed,
        String recipe,
        double testAccuracy,
        List<EpochStats> epochs,
        double seconds,
        String backend,
        String createdAt) {

    public static final int FORMAT_VERSION = 1;
}
