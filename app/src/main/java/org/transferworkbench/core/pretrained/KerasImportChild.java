package org.transferworkbench.core.pretrained;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.util.ModelSerializer;
import org.transferworkbench.core.Json;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.backend.Backend;
import org.transferworkbench.core.files.SafeHdf5;
import org.transferworkbench.core.files.SerialFilter;

/**
 * The child process of {@link KerasImport}: reads a Keras HDF5 file with the native HDF5 library and DL4J's importer,
 * and writes what it found as a DL4J zip plus the file's {@code model_config}. The native library has crashed the
 * JVM on damaged files (a SIGSEGV in {@code H5SL_search}), so it only ever runs here, where a crash costs one process.
 *
 * <p>Exit 0: {@code net.zip} and {@code model_config.json} written. Exit 2: {@code refusal.txt} holds the one-line
 * reason. Anything else is a crash; the parent says so.
 */
public final class KerasImportChild {

    static final int REFUSED = 2;

    private KerasImportChild() {
    }

    public static void main(String[] args) throws IOException {
        SerialFilter.install();
        Path file = Path.of(args[0]);
        Path out = Path.of(args[1]);
        try {
            convert(file, out);
        } catch (UserError e) {
            refuse(out, e.getMessage());
        } catch (OutOfMemoryError e) {
            refuse(out, file + ": damaged HDF5 file (a length inside it asks for more memory than there is)");
        } catch (Exception | LinkageError e) {
            refuse(out, file + ": cannot import this Keras model (" + PretrainedNetLoader.reason(e) + ")");
        }
        System.exit(0);
    }

    private static void convert(Path file, Path out) throws Exception {
        Backend.ensureInitialised();
        // The HDF5 library prints a page of diagnostics for every file it cannot open; the reason is reported in one
        // line instead.
        // qualified: the global class is named like the package
        org.bytedeco.hdf5.global.hdf5.H5Eset_auto2(org.bytedeco.hdf5.global.hdf5.H5E_DEFAULT, null, null);
        String configJson;
        try {
            // Sizes checked in long arithmetic before DL4J's int-sized buffers see them (SafeHdf5).
            SafeHdf5.check(file);
            try (Hdf5Archive archive = new Hdf5Archive(file.toString())) {
                if (!archive.hasAttribute("model_config")) {
                    throw new UserError(file + ": an HDF5 file without a model_config: weights only, or not Keras"
                            + " (save the whole model with model.save(...))");
                }
                configJson = archive.readAttributeAsJson("model_config");
            }
        } catch (UserError e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new UserError(file + ": truncated or damaged HDF5 file (" + PretrainedNetLoader.reason(e) + ")", e);
        }
        boolean sequential;
        try {
            sequential = "Sequential".equals(Json.MAPPER.readTree(configJson).path("class_name").asText());
        } catch (IOException e) {
            throw new UserError(file + ": its Keras model_config is not valid JSON", e);
        }
        Model model = sequential ? KerasModelImport.importKerasSequentialModelAndWeights(file.toString(), false)
                : KerasModelImport.importKerasModelAndWeights(file.toString(), false);
        ModelSerializer.writeModel(model, out.resolve(KerasImport.NET).toFile(), false);
        Files.writeString(out.resolve(KerasImport.CONFIG), configJson, StandardCharsets.UTF_8);
    }

    private static void refuse(Path out, String message) throws IOException {
        Files.writeString(out.resolve(KerasImport.REFUSAL), message.strip().lines().findFirst().orElse(message),
                StandardCharsets.UTF_8);
        System.exit(REFUSED);
    }
}
