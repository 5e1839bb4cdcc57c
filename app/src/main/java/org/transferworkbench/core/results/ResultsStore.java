package org.transferworkbench.core.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.transferworkbench.core.Json;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.experiment.NetFiles;
import org.transferworkbench.core.experiment.RunKey;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.experiment.RunSink;

/**
 * {@code DIR/results.json} and {@code DIR/results.csv}, updated as each run finishes so a crash loses at most the run
 * in progress. The JSON is rewritten atomically (temp file, then rename); the CSV is appended.
 */
public final class ResultsStore implements RunSink {

    public static final String JSON_NAME = "results.json";
    public static final String CSV_NAME = "results.csv";
    static final String CSV_HEADER = "condition,k,split_seed,seed,test_accuracy,final_validation_accuracy,"
            + "final_train_loss,epochs,seconds,reused,finished_at";
    static final ObjectMapper JSON = Json.MAPPER;

    private final Path folder;
    private final ExperimentHeader header;
    private final List<RunRecord> runs;
    private List<Findings.Finding> findings = List.of();

    private ResultsStore(Path folder, ExperimentHeader header, List<RunRecord> runs) {
        this.folder = folder;
        this.header = header;
        this.runs = runs;
    }

    /** A results file, the folder holding one, or a folder of split-S folders (a sweep over several splits). */
    public static List<ResultsFile> readSweeps(Path p) {
        if (!Files.isDirectory(p)) {
            return List.of(read(p));
        }
        if (Files.exists(p.resolve(JSON_NAME))) {
            return List.of(read(p.resolve(JSON_NAME)));
        }
        try (Stream<Path> children = Files.list(p)) {
            List<ResultsFile> files = children.filter(c -> c.getFileName().toString().startsWith("split-"))
                    .map(c -> c.resolve(JSON_NAME)).filter(Files::exists).sorted()
                    .map(ResultsStore::read).toList();
            if (files.isEmpty()) {
                throw new UserError(p + ": no results.json here or in split-* folders");
            }
            return files;
        } catch (IOException e) {
            throw new UserError(p + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Opens DIR for writing. An existing results file is never overwritten: with {@code resume} its runs are kept
     * (if it describes the same experiment) and skipped by the sweep; without, opening fails with a clear message.
     */
    public static ResultsStore open(Path folder, ExperimentHeader header, boolean resume) {
        Path json = folder.resolve(JSON_NAME);
        List<RunRecord> existing = new ArrayList<>();
        if (Files.exists(json)) {
            ResultsFile old = read(json);
            if (!resume) {
                throw new UserError(folder + " already holds results (" + old.runs().size()
                        + " runs); pass --resume to continue them, or choose another output folder");
            }
            String why = header.incompatibility(old.experiment());
            if (why != null) {
                throw new UserError(json + ": cannot resume, those runs come from " + why);
            }
            existing.addAll(old.runs());
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UserError(folder + ": cannot create output folder (" + e.getMessage() + ")", e);
        }
        NetFiles.removeStaleTemps(json);
        ResultsStore store = new ResultsStore(folder, header, existing);
        store.writeJson();
        store.rewriteCsv();
        return store;
    }

    public static ResultsFile read(Path json) {
        try {
            ResultsFile file = JSON.readValue(json.toFile(), ResultsFile.class);
            if (file == null || file.experiment() == null || file.runs() == null) {
                throw new UserError(json + ": not a Transfer Workbench results file");
            }
            if (file.schemaVersion() > ResultsFile.SCHEMA_VERSION) {
                throw new UserError(json + ": written by a newer version (schema " + file.schemaVersion() + ")");
            }
            return file;
        } catch (IOException e) {
            throw new UserError(json + ": not a readable results file (" + e.getMessage() + ")", e);
        }
    }

    public Path folder() {
        return folder;
    }

    public synchronized List<RunRecord> runs() {
        return List.copyOf(runs);
    }

    @Override
    public synchronized Set<RunKey> done() {
        Set<RunKey> keys = new LinkedHashSet<>();
        for (RunRecord r : runs) {
            keys.add(r.key());
        }
        return keys;
    }

    @Override
    public synchronized void add(RunRecord record) {
        runs.add(record);
        writeJson();
        try (Writer w = Files.newBufferedWriter(folder.resolve(CSV_NAME), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            w.write(csvLine(record));
        } catch (IOException e) {
            throw new UserError(folder.resolve(CSV_NAME) + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    /** Stores what the runs show (at the end of a sweep), so the file carries its findings with their tests. */
    public synchronized void writeFindings(List<Findings.Finding> sentences) {
        findings = List.copyOf(sentences);
        writeJson();
    }

    private void writeJson() {
        Path target = folder.resolve(JSON_NAME);
        try {
            Path tmp = NetFiles.tempBeside(target);
            try {
                JSON.writeValue(tmp.toFile(), new ResultsFile(ResultsFile.SCHEMA_VERSION, "transfer-workbench", header,
                        runs, findings));
                NetFiles.sync(tmp);
                NetFiles.move(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UserError(target + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    private void rewriteCsv() {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (RunRecord r : runs) {
            sb.append(csvLine(r));
        }
        try {
            Files.writeString(folder.resolve(CSV_NAME), sb, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError(folder.resolve(CSV_NAME) + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    static String csvLine(RunRecord r) {
        return String.format(Locale.ROOT, "%s,%d,%d,%d,%.4f,%.4f,%.5f,%d,%.2f,%b,%s%n", r.condition(), r.k(),
                r.splitSeed(), r.seed(), r.testAccuracy(), r.finalValidationAccuracy(), r.finalTrainLoss(),
                r.epochs().size(), r.seconds(), r.reused(), r.finishedAt());
    }
}
