package org.transferworkbench.core.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How much arithmetic the benchmark's net is, and how much the machine could do: FLOPs per image from the layer
 * shapes (a multiply-add counts 2), and the CPU's peak from cores x clock x FMA width, with a measured sgemm as a
 * check (the reported clock is often the base clock, below what the cores run at).
 */
public final class Flops {

    /**
     * @param cores       cores the JVM may use
     * @param ghz         clock from /proc/cpuinfo (0 when unknown)
     * @param simdFloats  floats per FMA instruction: 16 with AVX-512, 8 with AVX2 + FMA, 4 otherwise
     * @param fmaUnits    FMA pipes per core (2 on current x86 server cores; assumed)
     * @param sgemmGflops measured: the best of a few 1024x1024 float matrix products on all cores
     */
    public record Peak(int cores, double ghz, int simdFloats, int fmaUnits, double sgemmGflops) {

        /** cores x clock x (SIMD width x 2 FLOPs per FMA x FMA pipes); 0 when the clock is unknown. */
        public double formulaGflops() {
            return cores * ghz * simdFloats * 2 * fmaUnits;
        }

        /** The larger of the two: a percentage of it never flatters. */
        public double gflops() {
            return Math.max(formulaGflops(), sgemmGflops);
        }

        public String describe() {
            return String.format(Locale.ROOT, "%.0f GFLOP/s (formula: %d cores x %.2f GHz x %d-wide FMA x 2 x %d "
                    + "pipes = %.0f; measured sgemm %.0f)", gflops(), cores, ghz, simdFloats, fmaUnits,
                    formulaGflops(), sgemmGflops);
        }
    }

    private Flops() {
    }

    /** FLOPs of one image's forward pass: convolutions and dense layers (pooling and activations are not counted). */
    public static long forwardPerImage(MultiLayerConfiguration conf, InputType input) {
        return Arrays.stream(forwardPerImageByLayer(conf, input)).sum();
    }

    /** The same, layer by layer (0 for layers without weights). */
    public static long[] forwardPerImageByLayer(MultiLayerConfiguration conf, InputType input) {
        List<InputType> outputs = conf.getLayerActivationTypes(input);
        long[] flops = new long[conf.getConfs().size()];
        for (int i = 0; i < flops.length; i++) {
            Layer layer = conf.getConf(i).getLayer();
            InputType out = outputs.get(i);
            if (layer instanceof ConvolutionLayer conv && out instanceof InputType.InputTypeConvolutional o) {
                long[] kernel = {conv.getKernelSize()[0], conv.getKernelSize()[1]};
                flops[i] = 2L * o.getHeight() * o.getWidth() * o.getChannels() * kernel[0] * kernel[1]
                        * conv.getNIn();
            } else if (layer instanceof FeedForwardLayer dense && !(layer instanceof ConvolutionLayer)) {
                flops[i] = 2L * dense.getNIn() * dense.getNOut();
            }
        }
        return flops;
    }

    /** A training step costs about three forward passes: forward, gradient of the inputs, gradient of the weights. */
    public static long trainPerImage(MultiLayerConfiguration conf, InputType input) {
        return 3 * forwardPerImage(conf, input);
    }

    public static Peak peak() {
        String cpuinfo = "";
        try {
            cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            // not Linux: the measured sgemm stands alone
        }
        return new Peak(Runtime.getRuntime().availableProcessors(), clockGhz(cpuinfo), simdFloats(cpuinfo), 2,
                sgemmGflops());
    }

    static double clockGhz(String cpuinfo) {
        double mhz = 0;
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("cpu MHz")) {
                try {
                    mhz = Math.max(mhz, Double.parseDouble(line.substring(line.indexOf(':') + 1).strip()));
                } catch (NumberFormatException e) {
                    // keep the others
                }
            }
        }
        return mhz / 1000;
    }

    static int simdFloats(String cpuinfo) {
        String flags = cpuinfo.lines().filter(l -> l.startsWith("flags")).findFirst().orElse("") + " ";
        if (flags.contains(" avx512f ")) {
            return 16;
        }
        return flags.contains(" avx2 ") && flags.contains(" fma ") ? 8 : 4;
    }

    static double sgemmGflops() {
        int n = 1024;
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        double best = 0;
        for (int i = 0; i < 8; i++) {
            long t = System.nanoTime();
            a.mmuli(b, c);
            double s = (System.nanoTime() - t) / 1e9;
            best = Math.max(best, 2.0 * n * n * n / s / 1e9);
        }
        a.close();
        b.close();
        c.close();
        return best;
    }
}
