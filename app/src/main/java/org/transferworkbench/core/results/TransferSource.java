package org.transferworkbench.core.results;

import java.nio.file.Path;
import java.util.List;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.pretrained.NetReport;
import org.transferworkbench.core.results.ExperimentHeader.ArchitectureInfo;
import org.transferworkbench.core.results.ExperimentHeader.LayerInfo;
import org.transferworkbench.core.results.ExperimentHeader.SplitInfo;
import org.transferworkbench.core.split.ClassSplit;

/**
 * Where the transferred layers of a sweep come from: the paper's base nets, trained on A and B of a split, or a net
 * file trained elsewhere. Each kind writes its own part of a results header (the split it stands for, the
 * architecture and a one-line description); the texts are those of earlier versions, so their files still resume.
 */
public sealed interface TransferSource {

    SplitInfo splitInfo();

    ArchitectureInfo architectureInfo(int[] dataInputShape);

    String describe();

    /** Base nets trained on A and B of this split (Yosinski et al.'s protocol). */
    record BaseNets(ClassSplit split, int bPerClass, Architecture architecture) implements TransferSource {

        @Override
        public SplitInfo splitInfo() {
            return new SplitInfo(split.kind(), split.name(), split.seed(), split.classesA(), split.classesB(),
                    bPerClass);
        }

        @Override
        public ArchitectureInfo architectureInfo(int[] dataInputShape) {
            List<LayerInfo> layers = architecture.layers().stream()
                    .map(l -> new LayerInfo(l.name(), ExperimentHeader.typeOf(l), l.hasWeights())).toList();
            return new ArchitectureInfo(architecture.family(), architecture.input().toArray(), layers,
                    architecture.weightLayerNames(), architecture.cutPoints());
        }

        @Override
        public String describe() {
            return "base nets trained on A and B of this split";
        }
    }

    /**
     * A net file trained elsewhere: "A" is whatever it was trained on (its classes when its workbench sidecar says),
     * B the user's classes; the architecture is the net's, with its classifier replaced. The file's content hash
     * keeps resumed runs from mixing two different nets.
     */
    record NetFile(NetReport net, String sha256, List<String> classesB, int bPerClass) implements TransferSource {

        public NetFile {
            classesB = List.copyOf(classesB);
        }

        @Override
        public SplitInfo splitInfo() {
            List<String> classesA = net.trainedOn() != null ? net.trainedOn().classes() : List.of();
            return new SplitInfo(ExperimentHeader.PRETRAINED_KIND, "pretrained " + Path.of(net.file()).getFileName(),
                    0, classesA, classesB, bPerClass);
        }

        @Override
        public ArchitectureInfo architectureInfo(int[] dataInputShape) {
            List<LayerInfo> layers = net.layers().stream()
                    .map(l -> new LayerInfo(l.name(), l.type(), l.weightLayer())).toList();
            List<String> weightLayers = net.layers().stream().filter(l -> l.weightLayer()).map(l -> l.name()).toList();
            return new ArchitectureInfo(net.format(), dataInputShape, layers, weightLayers,
                    net.cutPoints().stream().map(c -> c.k()).toList());
        }

        @Override
        public String describe() {
            return "pretrained net " + net.file() + " (sha256 " + sha256 + ", input " + net.input().describe() + ")";
        }
    }
}
