package org.transferworkbench.ui.estimate;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.split.ClassSplit;
import org.transferworkbench.core.sweep.BaseNetCache;
import org.transferworkbench.core.sweep.Estimates;
import org.transferworkbench.core.sweep.PaperPlan;
import org.transferworkbench.core.sweep.RunInspector;
import org.transferworkbench.core.train.CancellationToken;
import org.transferworkbench.ui.common.Activity;
import org.transferworkbench.ui.common.BackgroundTask;
import org.transferworkbench.ui.common.ExperimentSettings;
import org.transferworkbench.ui.common.RunState;
import org.transferworkbench.ui.common.TaskExecutor;

/**
 * Transferability predicted before training (LogME, H-score per cut point; LEEP for base A) beside the measured AnB
 * curve, with Kendall's tau once every cut point is measured. The estimates come from base A's one forward pass over
 * B's training images: during a sweep as soon as its base A exists (from the cache or the bundled net: seconds after
 * the start, before any transfer run), or on request ({@link #predict}, which trains base A first if no cached one
 * fits).
 */
public final class EstimateModel {

    private final ObservableValue<Dataset> dataset;
    private final ObservableValue<ClassSplit> split;
    private final ExperimentSettings settings;
    private final Supplier<Architecture> architecture;
    private final ObservableList<RunRecord> runs;
    private final Activity activity;
    private final TaskExecutor executor;
    private final BaseNetCache cache;
    private final ReadOnlyObjectWrapper<Estimates.Result> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper sentence = new ReadOnlyStringWrapper(IDLE);
    private CancellationToken cancel = new CancellationToken();

    static final String IDLE = "Predicted: LogME and H-score for every cut point, from one pass of B's training "
            + "images through base A; a sweep computes them as soon as base A is ready, or press Predict.";

    public EstimateModel(ObservableValue<Dataset> dataset, ObservableValue<ClassSplit> split,
                         ExperimentSettings settings, Supplier<Architecture> architecture,
                         ObservableList<RunRecord> runs, Activity activity, TaskExecutor executor, BaseNetCache cache) {
        this.dataset = dataset;
        this.split = split;
        this.settings = settings;
        this.architecture = architecture;
        this.runs = runs;
        this.activity = activity;
        this.executor = executor;
        this.cache = cache;
        // Estimates belong to one data and split: another one makes them stale.
        dataset.addListener((o, a, b) -> show(null));
        split.addListener((o, a, b) -> show(null));
        runs.addListener((ListChangeListener<RunRecord>) c -> describe());
        activity.stateProperty().addListener((o, before, now) -> {
            if (now == RunState.CANCELLING) {
                cancel.cancel();
            }
        });
    }

    public ReadOnlyObjectProperty<Estimates.Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sentenceProperty() {
        return sentence.getReadOnlyProperty();
    }

    public ObservableList<RunRecord> runs() {
        return runs;
    }

    /** Estimates now, for the split shown and the first training seed (base A from the cache, else trained). */
    public void predict() {
        Dataset d = dataset.getValue();
        ClassSplit s = split.getValue();
        Architecture arch = architecture.get();
        if (d == null || s == null || arch == null) {
            activity.showError(d == null ? "Load a dataset first." : s == null ? "Predictions need a split into A "
                    + "and B." : "Predictions are for the paper's protocol (base A trained on A); a net trained "
                    + "elsewhere is loaded.");
            return;
        }
        PaperPlan plan;
        try {
            plan = new PaperPlan(d, s, settings.bPerClass(), arch, settings.recipe(d), EnumSet.of(Condition.ANB),
                    arch.cutPoints(), List.of(settings.seedList().get(0)));
        } catch (IllegalArgumentException e) {
            activity.showError(e.getMessage());
            return;
        }
        if (!activity.moveTo(RunState.RUNNING)) {
            return;
        }
        activity.status("Predicting transferability (base A from the cache, or trained first) ...");
        cancel = new CancellationToken();
        CancellationToken token = cancel;
        executor.execute(BackgroundTask.wrap(() -> Estimates.of(plan, plan.seeds().get(0), cache, token))
                .onSuccess(r -> {
                    show(r);
                    activity.done(String.format(Locale.ROOT, "Predicted in %.1f s (base A %s)", r.seconds(),
                            r.baseAReused() ? "from the cache" : "trained first"));
                })
                .onFailure(activity::fail));
    }

    /**
     * For a sweep's first plan: when its base A of the first seed is at hand, computes the estimates on that thread
     * (seconds) and shows them. Any failure here is only logged in the sentence: the sweep goes on.
     */
    public RunInspector inspector(PaperPlan plan, CancellationToken token) {
        long seed = plan.seeds().get(0);
        executor.runOnUi(() -> show(null));
        return (key, net, source, last) -> {
            if (key.condition() == Condition.BASE_A && key.seed() == seed) {
                try {
                    Estimates.Result r = Estimates.from(net, plan, true, token);
                    executor.runOnUi(() -> show(r));
                } catch (RuntimeException e) {
                    executor.runOnUi(() -> sentence.set("No prediction: " + e.getMessage()));
                }
            }
        };
    }

    private void show(Estimates.Result r) {
        result.set(r);
        describe();
    }

    /** The sentence under the views: what is predicted, what is measured, and how well the order agrees. */
    private void describe() {
        Estimates.Result r = result.get();
        if (r == null) {
            sentence.set(IDLE);
            return;
        }
        Estimates.Agreement a = Estimates.agreement(r, List.copyOf(runs));
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "Predicted from base A in %.1f s: LogME "
                + "ranks k=%d best, H-score k=%d; LEEP %.3f (0 is best).", r.seconds(), best(r, true), best(r, false),
                r.leep()));
        if (a.complete()) {
            int bestMeasured = r.perCut().get(argMax(a.measured())).k();
            text.append(String.format(Locale.ROOT, " Measured: AnB is best at k=%d. Kendall's tau against the "
                    + "measured AnB over %d cut points: LogME %+.2f, H-score %+.2f (+1 = the same order, -1 the "
                    + "reverse). A rank over one setting: an observation, not a finding with an interval.",
                    bestMeasured, a.measured().length, a.logMeTau(), a.hScoreTau()));
        } else {
            text.append(" The measured AnB fills in as the sweep runs; the agreement (Kendall's tau) follows once "
                    + "every cut point has a run that learned.");
        }
        sentence.set(text.toString());
    }

    private static int best(Estimates.Result r, boolean logMe) {
        double[] v = r.perCut().stream().mapToDouble(c -> logMe ? c.logMe() : c.hScore()).toArray();
        return r.perCut().get(argMax(v)).k();
    }

    private static int argMax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    public void shutdown() {
        cancel.cancel();
    }
}
