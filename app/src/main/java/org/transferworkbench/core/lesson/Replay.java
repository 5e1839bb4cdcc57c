package org.transferworkbench.core.lesson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.results.ExperimentHeader;
import org.transferworkbench.core.results.FewShot;
import org.transferworkbench.core.results.ResultsFile;
import org.transferworkbench.core.results.ResultsStore;

/**
 * Results a lesson step replays, read once off the FX thread: the runs of one or more sweeps (the By-k figure), or
 * the rows of a few-examples run (their bootstrap computed here, too slow for the FX thread).
 */
public sealed interface Replay {

    /** Runs of sweeps (a results.json, its folder, or a folder of split-S folders) and what they are, in words. */
    record Sweeps(List<RunRecord> runs, String description) implements Replay {
    }

    /** A few-examples run: its cut point, its rows and how many runs made them. */
    record FewShotRows(int k, List<FewShot.Row> rows, int runs) implements Replay {
    }

    /** Reads {@code p}: a few-examples folder (per-class-N) or sweeps; anything else is one line naming it. */
    static Replay read(Path p) {
        if (isFewShotFolder(p)) {
            FewShot.Replay r = FewShot.read(p);
            return new FewShotRows(r.k(), r.rows(), r.bySize().values().stream().mapToInt(List::size).sum());
        }
        List<ResultsFile> sweeps = ResultsStore.readSweeps(p);
        List<RunRecord> all = sweeps.stream().flatMap(r -> r.runs().stream()).toList();
        long splits = all.stream().mapToLong(RunRecord::splitSeed).distinct().count();
        long seeds = all.stream().mapToLong(RunRecord::seed).distinct().count();
        ExperimentHeader h = sweeps.get(0).experiment();
        int perClass = h.dataset().train() / Math.max(1, h.dataset().classes().size());
        return new Sweeps(all, String.format(Locale.ROOT, "%d runs made by this app: %d split(s) x %d seed(s), %d "
                + "training images per class, %d epoch(s)", all.size(), splits, seeds, perClass, h.recipe().epochs()));
    }

    private static boolean isFewShotFolder(Path p) {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> list = Files.list(p)) {
            return list.anyMatch(c -> c.getFileName().toString().startsWith(FewShot.PER_CLASS));
        } catch (IOException e) {
            throw new UserError(p + ": cannot list (" + e.getMessage() + ")", e);
        }
    }
}
