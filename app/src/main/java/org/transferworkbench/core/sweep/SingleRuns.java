package org.transferworkbench.core.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.NetFiles;
import org.transferworkbench.core.experiment.RunKey;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.experiment.SweepListener;
import org.transferworkbench.core.split.Side;
import org.transferworkbench.core.train.CancellationToken;

/**
 * One run of the paper's protocol at a time, for sweeps spread over other machines (the Spark module): the same
 * {@link PaperTrainer} as the local sweep, with base nets handed over as files. A base net is one task
 * ({@link #trainBase}); once every base net exists, each transfer run is an independent task ({@link #trainTransfer})
 * that finds its source net in a folder of base-net files, as the local sweep finds a cached one.
 */
public final class SingleRuns {

    /** A base net (side, seed) as a task's result: its base condition's record and its files' bytes. */
    public record BaseNet(Side side, long seed, String cacheKey, RunRecord record, byte[] zip, byte[] sidecar) {
    }

    private SingleRuns() {
    }

    /** The base nets (side, seed) the given runs need: their own base condition, or the source of a transfer. */
    public static Set<Map.Entry<Side, Long>> baseNetsFor(Collection<RunKey> runs) {
        Set<Map.Entry<Side, Long>> needed = new LinkedHashSet<>();
        for (RunKey key : runs) {
            Side side = key.condition().isBase() ? key.condition().target() : key.condition().source();
            needed.add(Map.entry(side, key.seed()));
        }
        return needed;
    }

    /** The key under which a base net's files are found (the base-net cache's key). */
    public static String cacheKey(PaperPlan plan, Side side, long seed) {
        return BaseNetCache.key(plan.dataset().fingerprint(), plan.split(), side, plan.bPerClass(), seed,
                plan.recipe(), plan.architecture().withClasses(plan.split().classes(side).size()));
    }

    /**
     * Trains the base net of (side, seed) from scratch, exactly as the local sweep trains baseA or baseB.
     *
     * @param work an empty folder for the net's files
     */
    public static BaseNet trainBase(PaperPlan plan, Side side, long seed, Path work) {
        BaseNetCache files = new BaseNetCache(work);
        Condition base = side == Side.A ? Condition.BASE_A : Condition.BASE_B;
        RunRecord record;
        try (PaperTrainer trainer = new PaperTrainer(plan, files, new BaseNets(), RunInspector.NONE)) {
            record = trainer.train(context(new RunKey(base, 0, seed)));
        }
        String key = cacheKey(plan, side, seed);
        Path zip = files.fileFor(key);
        try {
            return new BaseNet(side, seed, key, record, Files.readAllBytes(zip),
                    Files.readAllBytes(NetFiles.sidecarOf(zip)));
        } catch (IOException e) {
            throw new UncheckedIOException("base net " + side + " seed " + seed + " was not written", e);
        }
    }

    /** Writes a base net's bytes where {@link #trainTransfer} looks for it. */
    public static void place(BaseNet net, Path folder) {
        Path zip = new BaseNetCache(folder).fileFor(net.cacheKey());
        try {
            Files.createDirectories(folder);
            Files.write(NetFiles.sidecarOf(zip), net.sidecar());
            Files.write(zip, net.zip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write base net to " + folder, e);
        }
    }

    /** One transfer run (AnB, AnB+, BnB, BnB+ at its k), its source net taken from {@code baseNets}. */
    public static RunRecord trainTransfer(PaperPlan plan, RunKey key, Path baseNets) {
        if (key.condition().isBase()) {
            throw new IllegalArgumentException(key + " is a base net: use trainBase");
        }
        Path zip = new BaseNetCache(baseNets).fileFor(cacheKey(plan, key.condition().source(), key.seed()));
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("the source net of " + key + " is not in " + baseNets);
        }
        try (PaperTrainer trainer = new PaperTrainer(plan, new BaseNetCache(baseNets), new BaseNets(),
                RunInspector.NONE)) {
            return trainer.train(context(key));
        }
    }

    private static RunContext context(RunKey key) {
        return new RunContext(0, 1, key, SweepListener.NONE, new CancellationToken());
    }
}
