package org.transferworkbench.core.net;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A dense layer whose backward pass does not compute its forward pass a second time.
 *
 * <p>Why: DL4J 1.0.0-M2.1's dense layer computes its pre-activations again at the start of every backward pass (the
 * whole matrix product with the weights, and the bias), only to take the activation's derivative of them. For ReLU
 * that derivative needs only where the pre-activation is positive, which is exactly where the forward pass's output
 * is positive; for the identity it needs nothing. So the backward pass gets a copy of the forward pass's output in
 * their place and runs DL4J's own code from there: the same arithmetic, the same results to the last digit (a test
 * checks), one matrix product fewer per step (README: Speed).
 *
 * <p>Installed by {@link LeanLayers} where covered: DL4J's plain dense layer, float, plain ReLU or identity, no
 * dropout, weight noise or layer normalisation here, and a next layer that leaves its input alone
 * ({@link LeanLayers#leavesInputAlone}). Anything else, and a backward pass not preceded by a training forward pass
 * on the same input, runs DL4J's code unchanged.
 */
final class LeanDense extends DenseLayer {

    /** The output of the last training forward pass, and the input it came from. */
    private INDArray output;
    private INDArray outputOf;

    private LeanDense(DenseLayer original, DataType dataType) {
        super(original.conf(), dataType);
        LeanLayers.takeOver(original, this);
    }

    /** This layer in place of {@code layer} ({@code next} the layer above it, or null), or null if not covered. */
    static LeanDense replacing(Layer layer, Layer next, DataType dataType) {
        if (layer.getClass() != DenseLayer.class || dataType != DataType.FLOAT || layer.params() == null
                || !LeanLayers.leavesInputAlone(next)) {
            return null;
        }
        DenseLayer dense = (DenseLayer) layer;
        var c = dense.layerConf();
        IActivation fn = c.getActivationFn();
        boolean covered = (fn.getClass() == ActivationReLU.class && FirstConvolution.plainRelu((ActivationReLU) fn)
                || fn.getClass() == ActivationIdentity.class)
                && c.getIDropout() == null && c.getWeightNoise() == null && !dense.hasLayerNorm();
        return covered ? new LeanDense(dense, dataType) : null;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray out = super.activate(training, workspaceMgr);
        output = training && maskArray == null ? out : null;
        outputOf = output == null ? null : input;
        return out;
    }

    @Override
    protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
                                                           LayerWorkspaceMgr workspaceMgr) {
        if (!forBackprop || output == null || input != outputOf || output.dataType() != DataType.FLOAT) {
            return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
        }
        // A copy: the activation's backward pass may write its result into the array it is given, and the output
        // is still the layer above's input. Allocated where DL4J's own recomputation would be.
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, output.shape(),
                output.ordering());
        z.assign(output);
        output = null;
        outputOf = null;
        return new Pair<>(z, z);
    }
}
