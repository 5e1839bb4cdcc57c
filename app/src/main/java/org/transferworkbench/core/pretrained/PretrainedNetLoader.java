package org.transferworkbench.core.pretrained;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transferworkbench.core.Json;
import org.transferworkbench.core.backend.Backend;
import org.transferworkbench.core.files.SafeNetZip;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.experiment.BaseNetInfo;
import org.transferworkbench.core.experiment.NetFiles;
import org.transferworkbench.core.net.Normalisation;

/**
 * Opens any supported net file: a DL4J MultiLayerNetwork or ComputationGraph zip (the workbench's own, the zoo's, the
 * user's), or a Keras HDF5 file (Sequential or functional). The kind is told by the file's first bytes, not its name.
 * Every failure is a {@link UserError} whose message names the file and the reason in one line.
 */
public final class PretrainedNetLoader {

    private static final Logger LOG = LoggerFactory.getLogger(PretrainedNetLoader.class);
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private PretrainedNetLoader() {
    }

    public static PretrainedNet load(Path file) {
        return load(file, null);
    }

    /** @param normalisation the value range the net expects, or null for the default of its source (see README) */
    public static PretrainedNet load(Path file, Normalisation normalisation) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": no such net file");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (head.length == 0) {
            throw new UserError(file + ": empty file (0 bytes), not a net");
        }
        Backend.ensureInitialised();
        PretrainedNet net;
        try {
            if (startsWith(head, ZIP_MAGIC)) {
                net = loadZip(file);
            } else if (startsWith(head, HDF5_MAGIC)) {
                net = loadKeras(file);
            } else {
                throw new UserError(file + ": not a net file (neither a DL4J zip nor a Keras HDF5 file)");
            }
        } catch (InputInference.NotAnImageNet e) {
            throw new UserError(file + ": input cannot be adapted to images: " + e.getMessage(), e);
        }
        if (normalisation != null) {
            net = new PretrainedNet(net.file(), net.format(), net.multiLayer(), net.graph(),
                    net.input().withNormalisation(normalisation), net.nodes(), net.info(), net.notes());
        }
        LOG.info("Loaded {} ({}): input {}, weight layers {}", file, net.format().description(),
                net.input().describe(), net.weightLayers());
        return net;
    }

    private static PretrainedNet loadZip(Path file) {
        // Read by the app, not by DL4J's ModelSerializer: bounded, checked, no Java deserialization (SafeNetZip).
        SafeNetZip.Contents contents = SafeNetZip.read(file);
        boolean graph = contents.isGraph();
        List<String> notes = new ArrayList<>();
        try {
            if (graph) {
                ComputationGraph g = new ComputationGraph(
                        ComputationGraphConfiguration.fromJson(contents.configuration()));
                g.init(contents.params(), false);
                InputInference.Found in = InputInference.of(g);
                return new PretrainedNet(file, SourceFormat.DL4J_GRAPH, null, g, inferredInput(in, notes),
                        NetNodes.of(g), null, notes);
            }
            MultiLayerNetwork m = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(contents.configuration()));
            m.init(contents.params(), false);
            BaseNetInfo info = sidecar(file);
            if (info != null) {
                int[] chw = info.inputShape();
                NetInput input = new NetInput(chw[0], chw[1], chw[2], false, Normalisation.UNIT, "sidecar");
                return new PretrainedNet(file, SourceFormat.WORKBENCH, m, null, input, NetNodes.of(m), info, notes);
            }
            InputInference.Found in = InputInference.of(m);
            return new PretrainedNet(file, SourceFormat.DL4J_MULTILAYER, m, null, inferredInput(in, notes),
                    NetNodes.of(m), null, notes);
        } catch (UserError | InputInference.NotAnImageNet e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new UserError(file + ": damaged DL4J " + (graph ? "ComputationGraph" : "MultiLayerNetwork")
                    + " zip (" + reason(e) + ")", e);
        }
    }

    private static NetInput inferredInput(InputInference.Found in, List<String> notes) {
        notes.add("input values assumed in [0,1]; use the normalisation option if this net was trained otherwise");
        if (in.anySize()) {
            notes.add("the net takes any input size; images are used at the size the data is loaded at");
            return new NetInput(in.channels(), 0, 0, in.channelsLast(), Normalisation.UNIT, "any size");
        }
        return new NetInput(in.channels(), in.size(), in.size(), in.channelsLast(), Normalisation.UNIT,
                "inferred from the first dense layer's inputs");
    }

    private static BaseNetInfo sidecar(Path zip) {
        Path json = NetFiles.sidecarOf(zip);
        if (!Files.isRegularFile(json)) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(json.toFile(), BaseNetInfo.class);
        } catch (IOException e) {
            // A broken sidecar must not hide a usable net: fall back to inferring its input.
            LOG.warn("Ignoring unreadable sidecar {}: {}", json, e.getMessage());
            return null;
        }
    }

    /**
     * The file is read in a child process ({@link KerasImport}): the native HDF5 library has crashed the JVM on damaged
     * files. What comes back is a DL4J zip, opened here by the same bounded reader as any other zip.
     */
    private static PretrainedNet loadKeras(Path file) {
        try (KerasImport.Converted converted = KerasImport.convert(file)) {
            JsonNode config;
            try {
                config = Json.MAPPER.readTree(converted.modelConfig());
            } catch (IOException e) {
                throw new UserError(file + ": its Keras model_config is not valid JSON", e);
            }
            boolean sequential = "Sequential".equals(config.path("class_name").asText());
            List<String> notes = new ArrayList<>();
            notes.add("input values assumed in [0,1] (Keras files do not record preprocessing); use the normalisation "
                    + "option for nets trained on [-1,1] or Caffe-style means");
            try {
                if (sequential) {
                    MultiLayerNetwork m = SafeNetZip.multiLayer(converted.zip());
                    InputInference.Found found = InputInference.of(m);
                    return new PretrainedNet(file, SourceFormat.KERAS_SEQUENTIAL, m, null, kerasInput(config, found),
                            NetNodes.of(m), null, notes);
                }
                ComputationGraph g = SafeNetZip.graph(converted.zip());
                InputInference.Found found = InputInference.of(g);
                return new PretrainedNet(file, SourceFormat.KERAS_FUNCTIONAL, null, g, kerasInput(config, found),
                        NetNodes.of(g), null, notes);
            } catch (UserError | InputInference.NotAnImageNet e) {
                throw e;
            } catch (RuntimeException | OutOfMemoryError e) {
                throw new UserError(file + ": cannot import this Keras model (" + reason(e) + ")", e);
            }
        }
    }

    /** The size Keras recorded (batch_input_shape), else what inference found. */
    private static NetInput kerasInput(JsonNode config, InputInference.Found found) {
        JsonNode shape = null;
        for (JsonNode layer : config.path("config").path("layers")) {
            JsonNode s = layer.path("config").path("batch_input_shape");
            if (s.isArray()) {
                shape = s;
                break;
            }
        }
        if (shape != null && shape.size() == 4) {
            int h = shape.get(found.channelsLast() ? 1 : 2).asInt(0);
            int w = shape.get(found.channelsLast() ? 2 : 3).asInt(0);
            return new NetInput(found.channels(), h, w, found.channelsLast(), Normalisation.UNIT,
                    h == 0 ? "any size" : "Keras model_config");
        }
        return new NetInput(found.channels(), found.anySize() ? 0 : found.size(), found.anySize() ? 0 : found.size(),
                found.channelsLast(), Normalisation.UNIT, found.anySize() ? "any size" : "inferred");
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static String reason(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        // DL4J messages can span lines with advice; the first line is the reason.
        String first = m.strip().lines().findFirst().orElse(m);
        return first.length() > 240 ? first.substring(0, 240) + "..." : first;
    }
}
