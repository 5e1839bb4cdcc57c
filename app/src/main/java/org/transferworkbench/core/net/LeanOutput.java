package org.transferworkbench.core.net;

import java.lang.ref.Reference;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;

/**
 * A softmax output layer with cross-entropy loss whose training step computes its forward pass once.
 *
 * <p>Why: in DL4J 1.0.0-M2.1 a training step runs this layer's forward pass (the product with the weights, the
 * bias, the softmax) in its backward pass, and again, with the loss's clipping, logarithm and sum, when the net
 * asks for the step's score right after, each op with new ND4J arrays whose bookkeeping (a native pointer, a
 * deallocator entry) the collector's pauses copy: without the second pass a default sweep's workers allocated 19%
 * less of that bookkeeping (JFR, README: Speed). Here the backward pass runs DL4J's own ops on the same values in
 * the same order (the product, the bias, the softmax, minus the labels, the two gradient products, the bias sum), so
 * the gradients are DL4J's to the last digit (a test checks), and keeps a heap copy of the probabilities, from which
 * the score is summed in Java: the same sum as DL4J's, in double instead of libnd4j's float reduction, equal to about
 * 1e-7.
 *
 * <p>Installed by {@link LeanLayers} where covered: DL4J's plain output layer, float, softmax with
 * {@link LossMCXENT} or {@link LossNegativeLogLikelihood} without class weights, a bias, no dropout or weight noise;
 * and only for two-dimensional inputs and labels without a mask. Anything else, and a score not preceded by a
 * training backward pass on the same input and labels, runs DL4J's code unchanged.
 */
final class LeanOutput extends OutputLayer {

    /** The probabilities and labels of the last training backward pass ([examples, classes] row-major). */
    private float[] probabilities = new float[0];
    private float[] labelValues = new float[0];
    private INDArray scoredInput;
    private INDArray scoredLabels;

    private LeanOutput(OutputLayer original, DataType dataType) {
        super(original.conf(), dataType);
        LeanLayers.takeOver(original, this);
    }

    /** This layer in place of {@code layer}, or null if not covered. */
    static LeanOutput replacing(Layer layer, DataType dataType) {
        if (layer.getClass() != OutputLayer.class || dataType != DataType.FLOAT || layer.params() == null) {
            return null;
        }
        OutputLayer output = (OutputLayer) layer;
        var c = output.layerConf();
        ILossFunction loss = c.getLossFn();
        boolean crossEntropy = loss.getClass() == LossMCXENT.class
                || loss.getClass() == LossNegativeLogLikelihood.class;
        boolean covered = crossEntropy && ((LossMCXENT) loss).getWeights() == null
                && c.getActivationFn().getClass() == ActivationSoftmax.class && c.hasBias()
                && c.getIDropout() == null && c.getWeightNoise() == null;
        return covered ? new LeanOutput(output, dataType) : null;
    }

    private boolean coversThisPass() {
        return maskArray == null && labels != null && input.rank() == 2 && labels.rank() == 2
                && input.dataType() == DataType.FLOAT && labels.dataType() == DataType.FLOAT
                && input.size(1) == getParam(DefaultParamInitializer.WEIGHT_KEY).size(0)
                && labels.size(1) == getParam(DefaultParamInitializer.WEIGHT_KEY).size(1)
                && labels.size(0) == input.size(0);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        forget();
        if (!coversThisPass()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray b = getParam(DefaultParamInitializer.BIAS_KEY);
        long examples = input.size(0);
        // DL4J's forward pass (BaseLayer.preOutputWithPreNorm), then its loss gradient (LossMCXENT with softmax:
        // softmax minus labels, unclipped), op for op.
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, examples, w.size(1));
        input.mmuli(w, z);
        z.addiRowVector(b);
        INDArray p = layerConf().getActivationFn().getActivation(z, true);
        int n = (int) p.length();
        probabilities = copy(p, probabilities, n);
        labelValues = copy(labels, labelValues, n);
        INDArray delta = p.subi(labels);

        Gradient gradient = new DefaultGradient();
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        Nd4j.gemm(input, delta, weightGradient, true, false, 1.0, 0.0);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
        INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        delta.sum(biasGradient, 0);
        gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);

        INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                new long[] {w.size(0), examples}, 'f');
        epsilonNext = w.mmuli(delta.transpose(), epsilonNext).transpose();
        scoredInput = input;
        scoredLabels = labels;
        return new Pair<>(gradient, epsilonNext);
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!training || input == null || input != scoredInput || labels != scoredLabels) {
            forget();
            return super.computeScore(fullNetRegTerm, training, workspaceMgr);
        }
        forget();
        int n = (int) labels.length();
        // LossMCXENT's score: the probabilities clipped to [eps, 1 - eps], the sum of -labels * log of them.
        double eps = ((LossMCXENT) layerConf().getLossFn()).getSoftmaxClipEps();
        float low = (float) eps;
        float high = (float) (1.0 - eps);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float p = probabilities[i];
            if (eps > 0) {
                p = p < low ? low : p > high ? high : p;
            }
            sum += labelValues[i] * (float) Math.log(p);
        }
        double score = -sum;
        if (conf().isMiniBatch()) {
            score /= getInputMiniBatchSize();
        }
        score += fullNetRegTerm;
        this.score = score;
        return score;
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        forget();
        super.setInput(input, workspaceMgr);
    }

    @Override
    public void setLabels(INDArray labels) {
        forget();
        super.setLabels(labels);
    }

    @Override
    public void clear() {
        forget();
        super.clear();
    }

    private void forget() {
        scoredInput = null;
        scoredLabels = null;
    }

    /**
     * {@code a}'s values (row-major) in {@code into}, grown if needed: reused every step. (core.train's HeapFloats
     * copies into a new array, but that package builds on this one; so does {@link LeanAdam} its own copies.)
     */
    private static float[] copy(INDArray a, float[] into, int n) {
        float[] dst = into.length >= n ? into : new float[n];
        if (a.ordering() == 'c' && a.elementWiseStride() == 1 && a.length() == n) {
            a.data().asNioFloat().get((int) a.offset(), dst, 0, n);
            Reference.reachabilityFence(a);
        } else {
            INDArray dense = a.dup('c');
            dense.data().asNioFloat().get(0, dst, 0, n);
            Reference.reachabilityFence(dense);
        }
        return dst;
    }
}
