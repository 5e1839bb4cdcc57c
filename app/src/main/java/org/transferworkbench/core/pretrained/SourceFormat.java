package org.transferworkbench.core.pretrained;

/** What kind of file a pretrained net came from; decides how it is loaded and what its input is known to be. */
public enum SourceFormat {
    /** A MultiLayerNetwork zip with the JSON sidecar {@code train-base} writes: input and training data known. */
    WORKBENCH("workbench base net"),
    /** A DL4J MultiLayerNetwork zip (ModelSerializer), e.g. a zoo model saved by the user. */
    DL4J_MULTILAYER("DL4J MultiLayerNetwork zip"),
    /** A DL4J ComputationGraph zip, e.g. the zoo's pretrained ResNet50, VGG16, SqueezeNet files. */
    DL4J_GRAPH("DL4J ComputationGraph zip"),
    /** A Keras HDF5 file of a Sequential model (imported as a MultiLayerNetwork). */
    KERAS_SEQUENTIAL("Keras Sequential HDF5"),
    /** A Keras HDF5 file of a functional Model (imported as a ComputationGraph). */
    KERAS_FUNCTIONAL("Keras functional HDF5");

    private final String description;

    SourceFormat(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
