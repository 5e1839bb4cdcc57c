package org.transferworkbench.core.net;

import java.util.ArrayList;
import java.util.List;
import org.transferworkbench.core.data.InputShape;

/**
 * A CNN as an ordered list of layers, for one input shape and one number of classes.
 *
 * <p>A cut point k (1..n-1, n = number of weight layers) means: the first k weight layers, together with any pooling
 * that directly follows the k-th, are transferred; everything above is freshly initialised.
 */
public record Architecture(String family, InputShape input, List<LayerSpec> layers, int numClasses) {

    public Architecture {
        layers = List.copyOf(layers);
        if (layers.isEmpty() || !(layers.get(layers.size() - 1) instanceof LayerSpec.Output)) {
            throw new IllegalArgumentException("the last layer must be the output layer");
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("need at least two classes");
        }
    }

    /**
     * The transfer CNN family used for every condition: conv1 5x5x32, pool, conv2 3x3x32, conv3 3x3x64, pool,
     * conv4 3x3x64 (same), fc5 256, fc6 softmax: six weight layers, so cut points k = 1..5. Inputs larger than 40
     * pixels get a stride-2 conv1 (and, above 80, an extra pooling) so cost stays laptop-sized.
     */
    public static Architecture transferCnn(InputShape input, int numClasses) {
        List<LayerSpec> layers = new ArrayList<>();
        int side = Math.min(input.height(), input.width());
        layers.add(new LayerSpec.Conv("conv1", 5, 32, side > 40 ? 2 : 1, false));
        if (side > 80) {
            layers.add(new LayerSpec.Pool("pool0"));
        }
        layers.add(new LayerSpec.Pool("pool1"));
        layers.add(new LayerSpec.Conv("conv2", 3, 32, 1, false));
        layers.add(new LayerSpec.Conv("conv3", 3, 64, 1, false));
        layers.add(new LayerSpec.Pool("pool3"));
        layers.add(new LayerSpec.Conv("conv4", 3, 64, 1, true));
        layers.add(new LayerSpec.Dense("fc5", 256));
        layers.add(new LayerSpec.Output("fc6"));
        Architecture arch = new Architecture("transfer-cnn-6", input, layers, numClasses);
        arch.checkSpatialSize();
        return arch;
    }

    /**
     * The reference CNN of the speed benchmark, the twin of {@code torch_cnn_reference.py}: conv 5x5x32, pool,
     * conv 5x5x64, pool, dense 256, dense 10.
     */
    public static Architecture referenceCnn(InputShape input, int numClasses) {
        return new Architecture("reference-cnn", input, List.of(
                new LayerSpec.Conv("conv1", 5, 32, 1, false),
                new LayerSpec.Pool("pool1"),
                new LayerSpec.Conv("conv2", 5, 64, 1, false),
                new LayerSpec.Pool("pool2"),
                new LayerSpec.Dense("fc3", 256),
                new LayerSpec.Output("fc4")), numClasses);
    }

    /** The same layers with another classifier size (e.g. the B task's class count). */
    public Architecture withClasses(int classes) {
        return new Architecture(family, input, layers, classes);
    }

    public int weightLayerCount() {
        return (int) layers.stream().filter(LayerSpec::hasWeights).count();
    }

    public List<String> weightLayerNames() {
        return layers.stream().filter(LayerSpec::hasWeights).map(LayerSpec::name).toList();
    }

    /** Valid cut points: 1..n-1 (the output layer is never transferred). */
    public List<Integer> cutPoints() {
        List<Integer> ks = new ArrayList<>();
        for (int k = 1; k < weightLayerCount(); k++) {
            ks.add(k);
        }
        return ks;
    }

    /**
     * Index (into {@link #layers()}) of the last layer of the transferred prefix for cut point k: the k-th weight
     * layer, extended over pooling layers that follow it (they carry no weights, and caching activations after the
     * pooling makes the frozen conditions' cache four times smaller).
     */
    public int lastTransferredLayerIndex(int k) {
        if (k < 1 || k >= weightLayerCount()) {
            throw new IllegalArgumentException("cut point k must be in 1.." + (weightLayerCount() - 1) + ", not " + k);
        }
        int seen = 0;
        int index = -1;
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).hasWeights()) {
                seen++;
                if (seen == k) {
                    index = i;
                    break;
                }
            }
        }
        while (index + 1 < layers.size() && !layers.get(index + 1).hasWeights()) {
            index++;
        }
        return index;
    }

    /** Spatial size after each layer; throws if the input is too small for the layers. */
    public int[] spatialSizes() {
        int[] sizes = new int[layers.size()];
        int h = input.height();
        int w = input.width();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            if (layer instanceof LayerSpec.Conv c) {
                if (c.same()) {
                    h = (h + c.stride() - 1) / c.stride();
                    w = (w + c.stride() - 1) / c.stride();
                } else {
                    h = (h - c.kernel()) / c.stride() + 1;
                    w = (w - c.kernel()) / c.stride() + 1;
                }
            } else if (layer instanceof LayerSpec.Pool) {
                h /= 2;
                w /= 2;
            } else {
                break;
            }
            if (h < 1 || w < 1) {
                throw new IllegalArgumentException("input " + input + " is too small for layer " + layer.name());
            }
            sizes[i] = Math.min(h, w);
        }
        return sizes;
    }

    private void checkSpatialSize() {
        spatialSizes();
    }
}
