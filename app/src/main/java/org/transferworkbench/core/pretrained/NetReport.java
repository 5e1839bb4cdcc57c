package org.transferworkbench.core.pretrained;

import java.util.ArrayList;
import java.util.List;
import org.transferworkbench.core.experiment.BaseNetInfo;

/**
 * What {@code inspect-net} and the GUI show of a net file: its format, input, layers, cut points (by layer name) and
 * provenance. A plain record so it serialises to the JSON report as it is.
 */
public record NetReport(String file, String format, NetInput input, long parameters, List<PretrainedNet.Node> layers,
                        List<CutPoint> cutPoints, String replacedClassifier, List<String> notes,
                        BaseNetInfo trainedOn) {

    /** k and the last weight layer it transfers (with everything before it). */
    public record CutPoint(int k, String lastTransferredLayer) {
    }

    public static NetReport of(PretrainedNet net) {
        List<CutPoint> cuts = new ArrayList<>();
        List<String> weights = net.weightLayers();
        for (int k : net.cutPoints()) {
            cuts.add(new CutPoint(k, weights.get(k - 1)));
        }
        return new NetReport(net.file().toString(), net.format().description(), net.input(), net.parameters(),
                net.nodes(), cuts, net.classifier().name(), net.notes(), net.info());
    }
}
