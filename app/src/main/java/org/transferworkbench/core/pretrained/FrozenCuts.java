package org.transferworkbench.core.pretrained;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a net can be cut cleanly: the cut points at which a single activation crosses from the frozen layers to the
 * trained ones, so a frozen run can train on that activation, computed once. In a chain (a MultiLayerNetwork, VGG)
 * every cut point is clean; in a residual net only those between blocks are, since inside a block the shortcut
 * carries a second activation across.
 */
public final class FrozenCuts {

    private static final Logger LOG = LoggerFactory.getLogger(FrozenCuts.class);
    /** Nets with more cut points than this get block cut points by default (every one stays selectable). */
    public static final int MANY_CUT_POINTS = 12;
    /** Input size assumed for the shapes of a net that takes any size (only ratios between layers matter here). */
    private static final int ANY_SIZE_PROBE = 224;

    private FrozenCuts() {
    }

    /**
     * The activations crossing cut point k: names of nodes below the cut read by nodes above it (a network input's
     * name when the input itself crosses).
     */
    public static List<String> crossing(PretrainedNet net, int k) {
        Set<String> frozen = new HashSet<>(net.frozenRegion(k));
        if (frozen.isEmpty()) {
            throw new IllegalArgumentException("cut point k=" + k + " freezes nothing");
        }
        if (net.multiLayer() != null) {
            int boundary = net.frozenRegion(k).size();
            return List.of(net.nodes().get(boundary - 1).name());
        }
        ComputationGraphConfiguration conf = net.graph().getConfiguration();
        Set<String> crossing = new LinkedHashSet<>();
        for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
            if (!frozen.contains(e.getKey())) {
                for (String in : e.getValue()) {
                    if (frozen.contains(in) || conf.getNetworkInputs().contains(in)) {
                        crossing.add(in);
                    }
                }
            }
        }
        return List.copyOf(crossing);
    }

    /** True when one activation of a frozen layer crosses cut point k: frozen runs there can train on it cached. */
    public static boolean clean(PretrainedNet net, int k) {
        List<String> c = crossing(net, k);
        return c.size() == 1 && (net.graph() == null || !net.graph().getConfiguration().getNetworkInputs()
                .contains(c.get(0)));
    }

    /**
     * The cut points offered by default: all of them for a net with up to {@link #MANY_CUT_POINTS}; for a deeper net
     * the block ends, i.e. the last clean cut point at each resolution of its weight layers' outputs (ResNet50: the
     * stem and the end of each of its four stages; VGG16: each convolution block's last layer and the dense layers),
     * plus the last cut point.
     */
    public static List<Integer> defaults(PretrainedNet net) {
        List<Integer> all = net.cutPoints();
        if (all.size() <= MANY_CUT_POINTS) {
            return all;
        }
        List<Integer> clean = all.stream().filter(k -> clean(net, k)).toList();
        Map<String, InputType> types = activationTypes(net);
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < clean.size(); i++) {
            int k = clean.get(i);
            boolean last = i == clean.size() - 1;
            if (last || types == null || resolution(types, net, k) > resolution(types, net, clean.get(i + 1))) {
                ends.add(k);
            }
        }
        if (!ends.get(ends.size() - 1).equals(all.get(all.size() - 1))) {
            ends.add(all.get(all.size() - 1));
        }
        return ends;
    }

    /** Height x width of the k-th weight layer's output (1 for a dense layer). */
    private static long resolution(Map<String, InputType> types, PretrainedNet net, int k) {
        InputType t = types.get(net.weightLayers().get(k - 1));
        if (t instanceof InputType.InputTypeConvolutional c) {
            return c.getHeight() * c.getWidth();
        }
        return 1;
    }

    /** Each layer's output type for the net's input, by name; null when DL4J cannot infer them. */
    private static Map<String, InputType> activationTypes(PretrainedNet net) {
        NetInput in = net.input();
        int h = in.anySize() ? ANY_SIZE_PROBE : in.height();
        int w = in.anySize() ? ANY_SIZE_PROBE : in.width();
        InputType input = InputType.convolutional(h, w, in.channels(),
                in.channelsLast() ? CNN2DFormat.NHWC : CNN2DFormat.NCHW);
        try {
            if (net.graph() != null) {
                return net.graph().getConfiguration().getLayerActivationTypes(input);
            }
            List<InputType> list = net.multiLayer().getLayerWiseConfigurations().getLayerActivationTypes(input);
            Map<String, InputType> byName = new HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                byName.put(net.nodes().get(i).name(), list.get(i));
            }
            return byName;
        } catch (RuntimeException e) {
            LOG.info("Layer shapes of {} not inferred ({}): every clean cut point is offered", net.fileName(),
                    e.getMessage());
            return null;
        }
    }
}
