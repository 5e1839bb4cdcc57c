package org.transferworkbench.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferworkbench.Synthetic;
import org.transferworkbench.core.data.InputShape;
import org.transferworkbench.core.data.TensorSet;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.NetFactory;
import org.transferworkbench.core.net.Recipe;

class StepProfileTest {

    @Test
    void aTimedNetTrainsExactlyAsBeforeAndEveryLayerIsTimed() {
        Architecture arch = Architecture.transferCnn(new InputShape(1, 28, 28), 5);
        MultiLayerNetwork timed = NetFactory.full(arch, Recipe.DEFAULT, 3);
        MultiLayerNetwork plain = NetFactory.full(arch, Recipe.DEFAULT, 3);
        LayerTimer timer = LayerTimer.attach(timed);
        List<INDArray[]> batches = JavaBench.batches(Synthetic.tensors(5, 26, 28, 1), 64);
        for (INDArray[] b : batches) {
            timed.fit(b[0], b[1]);
            plain.fit(b[0], b[1]);
        }
        assertThat(timed.params().equalsWithEps(plain.params(), 0)).isTrue();
        assertThat(timed.score()).isEqualTo(plain.score());
        // The output layer's forward pass runs inside its backward pass (the loss), so only its backward is timed.
        for (int i = 0; i < timed.getnLayers() - 1; i++) {
            assertThat(timer.forwardNanos(i)).as("layer %d forward", i).isPositive();
        }
        for (int i = 0; i < timed.getnLayers(); i++) {
            assertThat(timer.backwardNanos(i)).as("layer %d backward", i).isPositive();
        }
        timer.reset();
        assertThat(timer.totalNanos()).isZero();
        JavaBench.release(batches);
    }

    @Test
    void profilesTheSweepsCnnWithDl4jsLayersAndTheWorkbenchsSideBySide() {
        TensorSet train = Synthetic.tensors(10, 13, 28, 2); // 65 images of the first five classes: one batch
        List<String> log = new ArrayList<>();
        StepProfile.Result r = StepProfile.run(train, 2, 1, 7, log::add);
        assertThat(r.stepsPerEpoch()).isEqualTo(1);
        assertThat(r.layers()).extracting(StepProfile.LayerRow::name)
                .containsExactly("conv1", "pool1", "conv2", "conv3", "pool3", "conv4", "fc5", "fc6");
        assertThat(r.layers()).extracting(StepProfile.LayerRow::workbenchClass)
                .containsExactly("FirstConvolution", "JavaMaxPooling", "ReluConvolution", "ReluConvolution",
                        "JavaMaxPooling", "ReluConvolution", "LeanDense", "LeanOutput");
        assertThat(r.layers()).extracting(StepProfile.LayerRow::dl4jClass)
                .containsExactly("ConvolutionLayer", "SubsamplingLayer", "ConvolutionLayer", "ConvolutionLayer",
                        "SubsamplingLayer", "ConvolutionLayer", "DenseLayer", "OutputLayer");
        // conv1: 24x24 outputs x 32 filters x 5x5 x 1 channel x 2; pooling has no multiply-adds.
        assertThat(r.layers().get(0).forwardFlopsPerImage()).isEqualTo(2L * 24 * 24 * 32 * 25);
        assertThat(r.layers().get(1).forwardFlopsPerImage()).isZero();
        assertThat(r.layers().get(1).workbenchForwardGflops()).isNaN();
        assertThat(r.layers().get(0).workbenchForwardGflops()).isPositive();
        // The layers run inside the step: what is left (loss, updater, bookkeeping) cannot be negative.
        assertThat(r.dl4jOutside()).isNotNegative();
        assertThat(r.workbenchOutside()).isNotNegative();
        assertThat(log).hasSize(3).anyMatch(l -> l.startsWith("layers_epoch 1 "));
        assertThat(StepProfile.table(r)).hasSize(1 + 8 + 3).last().asString().contains("layers_speedup=");
    }
}
