package org.transferworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.transferworkbench.core.backend.Backend;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.transferworkbench.core.bench.Flops;
import org.transferworkbench.core.bench.JavaBench;
import org.transferworkbench.core.bench.Measurement;
import org.transferworkbench.core.bench.StepProfile;
import org.transferworkbench.core.bench.TorchBench;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.data.IdxLoader;
import org.transferworkbench.core.data.InputShape;
import org.transferworkbench.core.data.TensorSet;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.NetFactory;
import org.transferworkbench.core.net.Recipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure training and inference speed of the reference CNN on Fashion-MNIST, and the speed-up "
                + "of "
                + "training frozen conditions on cached activations.",
                "With --torch-script, also run the PyTorch twin, interleaved, and print 'ratio train=X infer=Y' "
                        + "(DL4J over PyTorch, medians)."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Fashion-MNIST IDX folder (default: /usr/share/datasets/fashion-mnist if present, else "
                    + "sample-data/fashion-mnist).")
    Path data;

    @Option(names = "--train-images", defaultValue = "10000",
            description = "Training images (default: ${DEFAULT-VALUE}).")
    int trainImages;

    @Option(names = "--infer-images", defaultValue = "10000",
            description = "Test images for inference (default: ${DEFAULT-VALUE}).")
    int inferImages;

    @Option(names = "--epochs", defaultValue = "3", description = "Timed epochs per round (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--warmup", defaultValue = "2",
            description = "Untimed warm-up epochs per round (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--rounds", defaultValue = "2",
            description = "Rounds; with --torch-script each round runs DL4J then PyTorch (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--torch-script", paramLabel = "PATH", description = "torch_cnn_reference.py to compare against.")
    Path torchScript;

    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = "Python with torch (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--sweep-twin", paramLabel = "PATH",
            description = "torch_sweep_twin.py: run the default sweep here, then that script, and print "
                    + "'sweep_ratio=X' (PyTorch's wall time over the workbench's) with both sides' accuracies.")
    Path sweepTwin;

    @Option(names = "--sweep-data", paramLabel = "DIR", defaultValue = "sample-data/fashion-mnist",
            description = "Data of the --sweep-twin comparison (default: ${DEFAULT-VALUE}).")
    Path sweepData;

    @Option(names = "--sweep-epochs", defaultValue = "6",
            description = "Epochs per net in the --sweep-twin comparison (default: ${DEFAULT-VALUE}).")
    int sweepEpochs;

    @Option(names = "--zoo", split = ",", paramLabel = "NETS",
            description = "Time frozen runs against zoo architectures (resnet50, vgg16, alexnet; random weights) on "
                    + "cached activations and through the frozen layers, side by side.")
    List<String> zoo;

    @Option(names = "--zoo-images", defaultValue = "300",
            description = "Training images for --zoo (plus a sixth as many for validation and test; default: "
                    + "${DEFAULT-VALUE}).")
    int zooImages;

    @Option(names = "--zoo-size", defaultValue = "224", description = "Image side for --zoo (default: "
            + "${DEFAULT-VALUE}).")
    int zooSize;

    @Option(names = "--zoo-epochs", defaultValue = "6", description = "Epochs per run for --zoo (default: "
            + "${DEFAULT-VALUE}, the paper's).")
    int zooEpochs;

    @Option(names = "--zoo-cuts", split = ",", paramLabel = "LIST",
            description = "Cut points for --zoo (default: each net's default cut points, its block ends).")
    List<Integer> zooCuts;

    @Option(names = "--zoo-uncached", defaultValue = "all",
            description = "Uncached frozen runs for --zoo: all (every default cut point), deepest, or none "
                    + "(default: ${DEFAULT-VALUE}).")
    String zooUncached;

    @Option(names = "--layers",
            description = "Time each layer's forward and backward pass in a training step of the sweep's CNN (batch "
                    + "64, one compute thread, as a sweep's run trains), DL4J's layers and the workbench's side by "
                    + "side on the images of the first five classes; uses --epochs, --warmup and --train-images.")
    boolean layers;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        if (rounds < 1 || epochs < 1 || warmup < 0 || trainImages < 64 || inferImages < 256) {
            throw new IllegalArgumentException("need --rounds >= 1, --epochs >= 1, --warmup >= 0, --train-images >= "
                    + "64, "
                    + "--infer-images >= 256");
        }
        if (sweepTwin != null) {
            return SweepTwinBench.run(this, out);
        }
        if (zoo != null) {
            if (zooImages < 10 || zooSize < 32 || zooEpochs < 1 || !List.of("all", "deepest", "none")
                    .contains(zooUncached)) {
                throw new IllegalArgumentException("need --zoo-images >= 10, --zoo-size >= 32, --zoo-epochs >= 1 "
                        + "and --zoo-uncached all, deepest or none");
            }
            return ZooBench.run(this, out);
        }
        Path dir = data != null ? data : defaultData();
        if (layers) {
            return layerProfile(dir, out);
        }
        if (torchScript != null && !Files.isRegularFile(torchScript)) {
            throw new UserError(torchScript + ": no such script");
        }
        TensorSet train = IdxLoader.readInFileOrder(dir, true, trainImages);
        TensorSet test = IdxLoader.readInFileOrder(dir, false, inferImages);
        int threads = Backend.info().threads();
        out.printf("RESULT backend=\"%s\" data=%s train_images=%d infer_images=%d%n", Backend.info().describe(), dir,
                train.size(), test.size());
        Measurement javaTrain = new Measurement();
        Measurement javaInfer = new Measurement();
        Measurement javaFrozen = new Measurement();
        Measurement javaHead = new Measurement();
        Measurement torchTrain = new Measurement();
        Measurement torchInfer = new Measurement();
        Measurement torchSpeedup = new Measurement();
        for (int round = 1; round <= rounds; round++) {
            out.printf("RESULT round %d java%n", round);
            JavaBench.Result r = JavaBench.run(train, test, epochs, warmup, 12345, line -> out.println("RESULT "
                    + line));
            javaTrain.addAll(r.train());
            javaInfer.addAll(r.infer());
            javaFrozen.addAll(r.frozen());
            javaHead.addAll(r.head());
            out.printf(Locale.ROOT, "RESULT java_test_acc=%.4f%n", r.testAccuracy());
            if (torchScript != null) {
                out.printf("RESULT round %d torch%n", round);
                Map<String, Double> t = TorchBench.run(python, torchScript, dir, trainImages, epochs, warmup,
                        inferImages, threads, line -> out.println("RESULT " + line));
                torchTrain.add(t.get("torch_train_median_img_per_s"));
                torchInfer.add(t.get("torch_infer_median_img_per_s"));
                if (t.containsKey("speedup_vs_frozen")) {
                    torchSpeedup.add(t.get("speedup_vs_frozen"));
                }
            }
            out.flush();
        }
        out.printf(Locale.ROOT, "java_train_median_img_per_s=%.1f (min %.1f, max %.1f, %d epochs)%n",
                javaTrain.median(),
                javaTrain.min(), javaTrain.max(), javaTrain.count());
        out.printf(Locale.ROOT, "java_infer_median_img_per_s=%.1f (min %.1f, max %.1f)%n", javaInfer.median(),
                javaInfer.min(), javaInfer.max());
        out.printf(Locale.ROOT, "frozen_prefix_speedup=%.2f (head on cached activations %.1f img/s vs frozen convs "
                + "%.1f img/s)%n", javaHead.median() / javaFrozen.median(), javaHead.median(), javaFrozen.median());
        // How close to the machine's arithmetic peak each side trains and infers.
        Flops.Peak peak = Flops.peak();
        MultiLayerConfiguration conf = NetFactory.full(Architecture.referenceCnn(new InputShape(1,
                train.exampleShape()[1], train.exampleShape()[2]), 10), new Recipe(1, 64, 1e-3, 1.0), 1)
                .getLayerWiseConfigurations();
        InputType input = InputType.convolutional(train.exampleShape()[1], train.exampleShape()[2], 1);
        long trainFlops = Flops.trainPerImage(conf, input);
        long inferFlops = Flops.forwardPerImage(conf, input);
        out.printf(Locale.ROOT, "flops_per_image train=%.2fM infer=%.2fM (multiply-add = 2; training = 3 forward "
                + "passes)%n", trainFlops / 1e6, inferFlops / 1e6);
        out.printf("peak=%s%n", peak.describe());
        out.printf(Locale.ROOT, "java_peak_share train=%.1f%% infer=%.1f%%%n", share(javaTrain.median(), trainFlops,
                peak), share(javaInfer.median(), inferFlops, peak));
        if (torchScript != null) {
            out.printf(Locale.ROOT, "torch_train_median_img_per_s=%.1f torch_infer_median_img_per_s=%.1f "
                    + "torch_frozen_prefix_speedup=%.2f%n", torchTrain.median(), torchInfer.median(),
                            torchSpeedup.median());
            out.printf(Locale.ROOT, "torch_peak_share train=%.1f%% infer=%.1f%%%n", share(torchTrain.median(),
                    trainFlops, peak), share(torchInfer.median(), inferFlops, peak));
            out.printf(Locale.ROOT, "ratio train=%.2f infer=%.2f%n", javaTrain.median() / torchTrain.median(),
                    javaInfer.median() / torchInfer.median());
        }
        return 0;
    }

    /** Percent of the peak that {@code imagesPerSecond} images of {@code flops} each reach. */
    static double share(double imagesPerSecond, long flops, Flops.Peak peak) {
        return 100 * imagesPerSecond * flops / 1e9 / peak.gflops();
    }

    /** {@code --layers}: the sweep's CNN step, layer by layer, DL4J's layers and the workbench's side by side. */
    private int layerProfile(Path dir, PrintWriter out) {
        TensorSet train = IdxLoader.readInFileOrder(dir, true, trainImages);
        int threads = Backend.info().threads();
        StepProfile.Result r;
        try {
            Backend.limitThreads(1);
            out.printf("RESULT backend=\"%s\" data=%s train_images=%d (first five classes' images used)%n",
                    Backend.info().describe(), dir, train.size());
            r = StepProfile.run(train, epochs, warmup, 12345, line -> out.println("RESULT " + line));
        } finally {
            Backend.limitThreads(threads); // the process's other work (tests run commands in one JVM)
        }
        out.printf("RESULT the sweep's CNN, batch %d, one compute thread, %d steps an epoch; medians of %d timed "
                + "epochs, DL4J's layers and the workbench's interleaved epoch by epoch%n", StepProfile.BATCH,
                r.stepsPerEpoch(), epochs);
        StepProfile.table(r).forEach(out::println);
        return 0;
    }

    private static Path defaultData() {
        Path system = Path.of("/usr/share/datasets/fashion-mnist");
        if (IdxLoader.looksLikeIdx(system)) {
            return system;
        }
        Path sample = Path.of("sample-data/fashion-mnist");
        if (IdxLoader.looksLikeIdx(sample)) {
            return sample;
        }
        throw new UserError("no Fashion-MNIST found in " + system + " or " + sample + "; pass --data DIR");
    }
}
