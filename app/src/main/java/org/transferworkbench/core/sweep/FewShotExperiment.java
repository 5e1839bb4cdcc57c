package org.transferworkbench.core.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.experiment.SweepListener;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.results.FewShot;
import org.transferworkbench.core.split.ClassSplit;
import org.transferworkbench.core.train.CancellationToken;

/**
 * The "few examples" experiment for the CLI and the window alike: for each size of B (training images per class),
 * a sweep of baseB, AnB and AnB+ at one cut point, each in its own results folder ({@code per-class-N}); base A is
 * the same for every size, so the base-net cache trains it once. Without a given k, a probe chooses it first: AnB+ at
 * every k with 10 images per class and the first seed; the curve is drawn where AnB+ scores best.
 */
public final class FewShotExperiment {

    /** The k a probe found, or the one given; then the rows after each size. */
    public record Outcome(SweepOutcome outcome, int k, List<FewShot.Row> rows) {
    }

    public static final int PROBE_SIZE = 10;

    private final Dataset dataset;
    private final ClassSplit split;
    private final Architecture arch;
    private final Recipe recipe;
    private final List<Integer> sizes;
    private final List<Long> seeds;
    private final Path out;
    private final boolean resume;
    private final BaseNetCache cache;
    private final int workers;

    /**
     * @param sizes images per B class, 0 = all
     * @param cache required: it is how base A is shared between the sizes
     */
    public FewShotExperiment(Dataset dataset, ClassSplit split, Recipe recipe, List<Integer> sizes, List<Long> seeds,
                             Path out, boolean resume, BaseNetCache cache, int workers) {
        if (sizes.isEmpty() || seeds.isEmpty()) {
            throw new IllegalArgumentException("choose at least one size and one seed");
        }
        this.dataset = dataset;
        this.split = split;
        this.arch = Architecture.transferCnn(dataset.inputShape(), dataset.numClasses());
        this.recipe = recipe;
        this.sizes = List.copyOf(sizes);
        this.seeds = List.copyOf(seeds);
        this.out = out;
        this.resume = resume;
        this.cache = cache;
        this.workers = workers;
    }

    public List<Integer> cutPoints() {
        return arch.cutPoints();
    }

    /** The k where AnB+ scores best at {@link #PROBE_SIZE} images per class (ties: the smaller k); -1 if cancelled. */
    public int probe(SweepListener listener, CancellationToken cancel) {
        PaperPlan plan = new PaperPlan(dataset, split, PROBE_SIZE, arch, recipe, Set.of(Condition.ANB_PLUS),
                arch.cutPoints(), List.of(seeds.get(0)));
        Sweep sweep = Sweep.open(plan, out.resolve("probe"), resume, cache).withWorkers(workers);
        if (sweep.run(listener, cancel) != SweepOutcome.COMPLETED) {
            return -1;
        }
        RunRecord best = null;
        for (RunRecord r : sweep.store().runs()) {
            if (r.diverged() == null && (best == null || r.testAccuracy() > best.testAccuracy()
                    || (r.testAccuracy() == best.testAccuracy() && r.k() < best.k()))) {
                best = r;
            }
        }
        if (best == null) {
            throw new IllegalStateException("every probe run diverged: choose the cut point yourself");
        }
        return best.k();
    }

    /**
     * Runs every size at cut point {@code k} (each its own sweep, in the order given), handing the rows so far to
     * {@code afterEachSize} (on this thread) once a size is done.
     */
    public Outcome run(int k, SweepListener listener, CancellationToken cancel,
                       Consumer<List<FewShot.Row>> afterEachSize) {
        Map<Integer, List<RunRecord>> bySize = new LinkedHashMap<>();
        for (int size : sizes) {
            PaperPlan plan = new PaperPlan(dataset, split, size, arch, recipe,
                    EnumSet.of(Condition.BASE_B, Condition.ANB, Condition.ANB_PLUS), List.of(k), seeds);
            Sweep sweep = Sweep.open(plan, folderFor(size), resume, cache).withWorkers(workers);
            SweepOutcome outcome = sweep.run(listener, cancel);
            bySize.put(size, sweep.store().runs());
            List<FewShot.Row> rows = FewShot.rows(bySize, k);
            if (outcome != SweepOutcome.COMPLETED) {
                return new Outcome(outcome, k, rows);
            }
            afterEachSize.accept(rows);
        }
        return new Outcome(SweepOutcome.COMPLETED, k, FewShot.rows(bySize, k));
    }

    /** "1,2,5,all" as sizes (0 = all); a one-line reason for anything else. */
    public static List<Integer> parseSizes(String text) {
        List<Integer> list = new ArrayList<>();
        for (String s : text.split(",")) {
            String t = s.strip();
            int v;
            try {
                v = t.equalsIgnoreCase("all") ? 0 : Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("sizes are numbers of images per class or 'all', not '" + t + "'");
            }
            if (v < 0 || list.contains(v)) {
                throw new IllegalArgumentException("sizes: '" + t + "' is negative or repeated");
            }
            list.add(v);
        }
        return list;
    }

    public Path folderFor(int size) {
        return out.resolve(FewShot.PER_CLASS + (size == 0 ? "all" : Integer.toString(size)));
    }
}
