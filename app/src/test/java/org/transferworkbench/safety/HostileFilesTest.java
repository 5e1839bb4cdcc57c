package org.transferworkbench.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.transferworkbench.core.files.SerialFilter;
import org.transferworkbench.core.pretrained.PretrainedNet;
import org.transferworkbench.core.pretrained.PretrainedNetLoader;

/**
 * The hostile files of issue #15, each handed to the packaged entry point in a child JVM with a 512 MB heap: refused
 * (or, where harmless, loaded) within seconds, with one line naming the file, and the JVM alive (exit 1, not 134).
 */
class HostileFilesTest {

    @TempDir
    Path tmp;

    static void assertRefused(Child.Result r, Path file, String reason) {
        assertThat(r.exit()).as("exit code; stderr: %s", r.err()).isEqualTo(1);
        assertThat(r.answer()).as("the answer is one line").hasSize(1);
        assertThat(r.answer().get(0)).startsWith("error: " + file).contains(reason);
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception in thread");
        assertThat(r.seconds()).isLessThan(60);
        System.out.printf("refused %s in %.1f s (child JVM start included): %s%n", file.getFileName(), r.seconds(),
                r.answer().get(0));
    }

    @Test
    void theSerializationFilterStopsTheNestedSetPayloadAtOnce() throws Exception {
        SerialFilter.install();
        byte[] payload = HostileFiles.nestedSetPayload(30);
        long start = System.nanoTime();
        assertThatThrownBy(() -> new ObjectInputStream(new ByteArrayInputStream(payload)).readObject())
                .isInstanceOf(InvalidClassException.class).hasMessageContaining("REJECTED");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(1.0);
    }

    @Test
    void aNetZipCarryingTheNestedSetPayloadLoadsWithoutDeserializingIt() throws Exception {
        Path zip = HostileFiles.netZipWith(tmp.resolve("payload.zip"), "preprocessor.bin",
                HostileFiles.nestedSetPayload(30));
        long start = System.nanoTime();
        PretrainedNet net = PretrainedNetLoader.load(zip);
        assertThat(net.weightLayers()).hasSize(6);
        net.close();
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
    }

    @Test
    void zipBombsAreRefusedAndOneInAnEntryNeverReadIsHarmless() throws Exception {
        Path config = HostileFiles.bomb(tmp.resolve("config-bomb.zip"), "configuration.json", 300);
        assertThat(Files.size(config)).isLessThan(2_000_000);
        assertRefused(Child.cli("inspect-net", config.toString()), config, "configuration.json inflates to more than "
                + "32 MB");
        Path elsewhere = HostileFiles.bomb(tmp.resolve("other-bomb.zip"), "updaterState.bin", 300);
        Child.Result r = Child.cli("inspect-net", elsewhere.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("conv1");
    }

    @Test
    void absurdWeightHeadersAreRefusedBeforeAnythingIsAllocated() throws Exception {
        Path shape = HostileFiles.netZipWith(tmp.resolve("shape.zip"), "coefficients.bin",
                HostileFiles.coefficientsWithShapeLength(1L << 62));
        assertRefused(Child.cli("inspect-net", shape.toString()), shape, "coefficients.bin is not a weight array");
        Path claims = HostileFiles.netZipWith(tmp.resolve("claims.zip"), "coefficients.bin",
                HostileFiles.coefficientsClaimingMore());
        assertRefused(Child.cli("inspect-net", claims.toString()), claims, "ends before the weights");
    }

    @Test
    void hdf5DatasetsTooLargeForDl4jsIntBuffersAreRefusedBeforeItReadsThem() throws Exception {
        Path overflow = HostileFiles.h5Declaring(tmp.resolve("overflow.h5"), 65536, 65537);
        assertThat(Files.size(overflow)).isLessThan(100_000);
        assertRefused(Child.cli("inspect-net", overflow.toString()), overflow, "declares 65536x65537");
        Path huge = HostileFiles.h5Declaring(tmp.resolve("huge.h5"), 40000, 40000);
        assertRefused(Child.cli("inspect-net", huge.toString()), huge, "declares 40000x40000");
    }

    @Test
    void namesWithTerminalEscapesArePrintedEscaped() throws Exception {
        var conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).name("\u001b[2J\u001b[31mconv").build())
                .layer(new DenseLayer.Builder().nOut(8).name("fc\u0007").build())
                .layer(new OutputLayer.Builder().nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(12, 12, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Path zip = tmp.resolve("\u001b]0;title\u0007net.zip");
        ModelSerializer.writeModel(net, zip.toFile(), false);
        Child.Result r = Child.cli("inspect-net", zip.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\\u001b[2J\\u001b[31mconv").contains("fc\\u0007").doesNotContain("\u001b")
                .doesNotContain("\u0007");
        assertThat(r.err()).doesNotContain("\u001b").doesNotContain("\u0007");
    }

    @Test
    void aSeededFuzzOfDamagedZipsAndKerasFilesNeverCrashesHangsOrPrintsAStackTrace() throws Exception {
        // Each Keras case starts the importer's child JVM (about 2 s): 40 of them take minutes on a loaded 2-core
        // machine.
        Child.Result r = Child.run(900, FuzzMain.class.getName(), "80");
        System.out.println(r.out().strip());
        assertThat(r.exit()).as("fuzz loop output: %s%s", r.out(), r.err()).isZero();
        assertThat(r.out()).contains("fuzz: 80 cases");
    }
}
