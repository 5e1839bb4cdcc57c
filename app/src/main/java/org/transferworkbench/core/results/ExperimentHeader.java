package org.transferworkbench.core.results;

import java.util.List;
import java.util.Objects;
import org.transferworkbench.core.backend.BackendInfo;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.net.LayerSpec;
import org.transferworkbench.core.net.Recipe;

/** Provenance of a results file: what data, split, net, recipe and machine produced its runs. */
public record ExperimentHeader(DatasetInfo dataset, SplitInfo split, ArchitectureInfo architecture, Recipe recipe,
                               BackendInfo backend, String source) {

    public record DatasetInfo(String name, String source, String format, String fingerprint, List<String> classes,
                              int[] inputShape, int train, int validation, int test) {
    }

    /** @param bPerClass training images per B class, 0 = all */
    public record SplitInfo(String kind, String name, long seed, List<String> classesA, List<String> classesB,
                            int bPerClass) {
    }

    public record LayerInfo(String name, String type, boolean weights) {
    }

    public record ArchitectureInfo(String family, int[] inputShape, List<LayerInfo> layers, List<String> weightLayers,
                                   List<Integer> cutPoints) {
    }

    /** The split kind of a sweep against a net file (there is no A/B split of the data). */
    public static final String PRETRAINED_KIND = "pretrained";

    /** The header of a sweep on this data from this source of transferred layers. */
    public static ExperimentHeader of(Dataset d, TransferSource source, Recipe recipe, BackendInfo backend) {
        DatasetInfo data = new DatasetInfo(d.name(), d.source(), d.format(), d.fingerprint(), d.classNames(),
                d.inputShape().toArray(), d.train().size(), d.validation().size(), d.test().size());
        return new ExperimentHeader(data, source.splitInfo(), source.architectureInfo(d.inputShape().toArray()), recipe,
                backend, source.describe());
    }

    /** True for sweeps against a net file rather than base nets trained on A. */
    public boolean isPretrained() {
        return PRETRAINED_KIND.equals(split.kind());
    }

    static String typeOf(LayerSpec l) {
        if (l instanceof LayerSpec.Conv c) {
            return "conv" + c.kernel() + "x" + c.kernel() + "x" + c.filters() + (c.stride() > 1 ? "/" + c.stride() : "")
                    + (c.same() ? " same" : "");
        }
        if (l instanceof LayerSpec.Pool) {
            return "maxpool2x2";
        }
        if (l instanceof LayerSpec.Dense d) {
            return "dense" + d.units();
        }
        return "softmax";
    }

    /** Why runs stored under {@code other} cannot be mixed with runs of this experiment, or null if they can. */
    public String incompatibility(ExperimentHeader other) {
        if (!dataset.fingerprint().equals(other.dataset.fingerprint())) {
            return "a different dataset (fingerprint " + other.dataset.fingerprint() + ")";
        }
        if (!split.classesA().equals(other.split.classesA()) || !split.classesB().equals(other.split.classesB())
                || split.seed() != other.split.seed() || split.bPerClass() != other.split.bPerClass()) {
            return "a different split (" + other.split.name() + ", A=" + other.split.classesA() + ")";
        }
        if (!architecture.layers().equals(other.architecture.layers())) {
            return "a different architecture";
        }
        if (!recipe.equals(other.recipe)) {
            return "a different recipe (" + other.recipe.key() + ")";
        }
        if (!Objects.equals(source, other.source)) {
            return "a different source net (" + other.source + ")";
        }
        return null;
    }
}
