package org.transferworkbench.core.results;

import java.util.List;
import org.transferworkbench.core.backend.BackendInfo;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.LayerSpec;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.split.ClassSplit;

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

    public static ExperimentHeader of(Dataset d, ClassSplit split, int bPerClass, Architecture arch, Recipe recipe,
                                      BackendInfo backend, String source) {
        DatasetInfo data = new DatasetInfo(d.name(), d.source(), d.format(), d.fingerprint(), d.classNames(),
                d.inputShape().toArray(), d.train().size(), d.validation().size(), d.test().size());
        SplitInfo s = new SplitInfo(split.kind(), split.name(), split.seed(), split.classesA(), split.classesB(),
                bPerClass);
        List<LayerInfo> layers = arch.layers().stream()
                .map(l -> new LayerInfo(l.name(), typeOf(l), l.hasWeights())).toList();
        ArchitectureInfo a = new ArchitectureInfo(arch.family(), arch.input().toArray(), layers,
                arch.weightLayerNames(), arch.cutPoints());
        return new ExperimentHeader(data, s, a, recipe, backend, source);
    }

    /**
     * The header of a sweep against a pretrained net: "A" is whatever the source was trained on (its classes when
     * its workbench sidecar says), B the user's classes; the architecture is the source's, with its classifier
     * replaced. The source file's content hash keeps resumed runs from mixing two different nets.
     */
    public static ExperimentHeader ofPretrained(Dataset d, List<String> classesB, int bPerClass,
                                                org.transferworkbench.core.pretrained.NetReport net,
                                                String netFingerprint, Recipe recipe, BackendInfo backend) {
        DatasetInfo data = new DatasetInfo(d.name(), d.source(), d.format(), d.fingerprint(), d.classNames(),
                d.inputShape().toArray(), d.train().size(), d.validation().size(), d.test().size());
        List<String> classesA = net.trainedOn() != null ? net.trainedOn().classes() : List.of();
        SplitInfo s = new SplitInfo("pretrained", "pretrained " + java.nio.file.Path.of(net.file()).getFileName(), 0,
                classesA, classesB, bPerClass);
        List<LayerInfo> layers = net.layers().stream()
                .map(l -> new LayerInfo(l.name(), l.type(), l.weightLayer())).toList();
        List<String> weightLayers = net.layers().stream().filter(l -> l.weightLayer()).map(l -> l.name()).toList();
        ArchitectureInfo a = new ArchitectureInfo(net.format(), d.inputShape().toArray(), layers, weightLayers,
                net.cutPoints().stream().map(c -> c.k()).toList());
        return new ExperimentHeader(data, s, a, recipe, backend, "pretrained net " + net.file() + " (sha256 "
                + netFingerprint + ", input " + net.input().describe() + ")");
    }

    /** True for sweeps against a pretrained net rather than base nets trained on A. */
    public boolean isPretrained() {
        return "pretrained".equals(split.kind());
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
        if (!java.util.Objects.equals(source, other.source)) {
            return "a different source net (" + other.source + ")";
        }
        return null;
    }
}
