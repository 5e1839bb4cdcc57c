package org.transferworkbench.core.net;

/** One layer of a CNN in the workbench's own description; {@link NetFactory} turns it into a DL4J layer. */
public sealed interface LayerSpec {

    String name();

    /** Weight layers (conv, dense, output) are what a cut point counts; pooling has no weights. */
    boolean hasWeights();

    /** Convolution with ReLU; {@code same} keeps the spatial size, otherwise no padding. */
    record Conv(String name, int kernel, int filters, int stride, boolean same) implements LayerSpec {
        public boolean hasWeights() {
            return true;
        }
    }

    /** 2x2 max pooling, stride 2. */
    record Pool(String name) implements LayerSpec {
        public boolean hasWeights() {
            return false;
        }
    }

    /** Fully connected layer with ReLU. */
    record Dense(String name, int units) implements LayerSpec {
        public boolean hasWeights() {
            return true;
        }
    }

    /** Softmax classifier over the task's classes (cross-entropy loss). */
    record Output(String name) implements LayerSpec {
        public boolean hasWeights() {
            return true;
        }
    }
}
