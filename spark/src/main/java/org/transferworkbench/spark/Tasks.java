package org.transferworkbench.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.transferworkbench.cli.SweepSpec;
import org.transferworkbench.core.Json;
import org.transferworkbench.core.backend.Backend;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunKey;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.split.Side;
import org.transferworkbench.core.sweep.SingleRuns;

/**
 * What runs on an executor: the engine's single-run code ({@link SingleRuns}) on the plan that the sweep's own
 * arguments describe, loaded once per executor JVM from the data path (which every executor must be able to read).
 * Results travel back as JSON (records) and bytes (base nets): the same text the results file holds.
 */
final class Tasks {

    /** A base net as it travels from its task to the driver and, broadcast, to every transfer task. */
    record BaseNetBytes(String side, long seed, String cacheKey, String recordJson, byte[] zip, byte[] sidecar)
            implements Serializable {

        SingleRuns.BaseNet toBaseNet() {
            return new SingleRuns.BaseNet(Side.valueOf(side), seed, cacheKey, record(recordJson), zip, sidecar);
        }
    }

    /** Per executor JVM: the plans already loaded (by their arguments), and where this JVM keeps base nets. */
    private static final Map<List<String>, SweepSpec> SPECS = new ConcurrentHashMap<>();
    private static volatile Path work;

    private Tasks() {
    }

    static BaseNetBytes trainBase(List<String> args, String side, long seed) {
        SweepSpec spec = spec(args);
        Path dir = workFolder().resolve("base-" + side + "-" + seed + "-" + System.nanoTime());
        SingleRuns.BaseNet net = SingleRuns.trainBase(spec.plan(), Side.valueOf(side), seed, dir);
        return new BaseNetBytes(side, seed, net.cacheKey(), json(net.record()), net.zip(), net.sidecar());
    }

    static String trainTransfer(List<String> args, String condition, int k, long seed, List<BaseNetBytes> baseNets) {
        SweepSpec spec = spec(args);
        RunKey key = new RunKey(Condition.fromLabel(condition), k, seed);
        Path folder = workFolder().resolve("base-nets");
        synchronized (Tasks.class) {
            // Every task of this JVM shares the folder; each base net is written once.
            for (BaseNetBytes b : baseNets) {
                if (!Files.exists(folder.resolve("base-" + b.cacheKey() + ".zip"))) {
                    SingleRuns.place(b.toBaseNet(), folder);
                }
            }
        }
        return json(SingleRuns.trainTransfer(spec.plan(), key, folder));
    }

    private static SweepSpec spec(List<String> args) {
        return SPECS.computeIfAbsent(args, a -> {
            // One run per executor core, one compute thread each: as the local sweep's workers (README: Speed),
            // so a run computes the same sums in the same order on both.
            Backend.limitThreads(1);
            return SweepSpec.parse(a.toArray(String[]::new));
        });
    }

    private static Path workFolder() {
        if (work == null) {
            synchronized (Tasks.class) {
                if (work == null) {
                    try {
                        Path dir = Files.createTempDirectory("transfer-workbench-spark");
                        // Base nets and their copies stay for the executor's life (every task of a sweep reads
                        // them), not after it.
                        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                        work = dir;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return work;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort at exit; the folder is in the temporary directory
        }
    }

    static String json(RunRecord record) {
        try {
            return Json.MAPPER.writeValueAsString(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RunRecord record(String json) {
        try {
            return Json.MAPPER.readValue(json, RunRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
