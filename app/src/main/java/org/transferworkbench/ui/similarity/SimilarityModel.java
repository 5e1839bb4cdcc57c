package org.transferworkbench.ui.similarity;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.value.ObservableValue;
import org.transferworkbench.core.backend.Backend;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.experiment.SweepEvent;
import org.transferworkbench.core.split.ClassSplit;
import org.transferworkbench.core.sweep.BaseNetCache;
import org.transferworkbench.core.sweep.LayerSimilarity;
import org.transferworkbench.core.sweep.PaperPlan;
import org.transferworkbench.core.train.CancellationToken;
import org.transferworkbench.ui.common.Activity;
import org.transferworkbench.ui.common.BackgroundTask;
import org.transferworkbench.ui.common.ExperimentSettings;
import org.transferworkbench.ui.common.RunState;
import org.transferworkbench.ui.common.TaskExecutor;

/**
 * Layer similarity in the window: the same {@link LayerSimilarity} as the {@code cka} command, on the loaded data and
 * split at a chosen cut point with the run settings' first seed and epochs; the matrix and a sentence that reads it.
 */
public final class SimilarityModel {

    /** B's test images compared on (the CLI's default). */
    static final int IMAGES = 500;

    private final ObservableValue<Dataset> dataset;
    private final ObservableValue<ClassSplit> split;
    private final ExperimentSettings settings;
    private final Activity activity;
    private final TaskExecutor executor;
    private final BaseNetCache cache;
    private final IntegerProperty k = new SimpleIntegerProperty(3);
    private final ReadOnlyObjectWrapper<LayerSimilarity.Result> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper sentence = new ReadOnlyStringWrapper(IDLE);
    private final TaskExecutor.EventPump pump;
    private CancellationToken cancel = new CancellationToken();
    private int finished;

    static final String IDLE = "Layer similarity: linear CKA between the layers of baseA, baseB, AnB+ and BnB+ at the "
            + "chosen k, on B's test images (1 = the same representation up to rotation and scale). Press Compare.";

    public SimilarityModel(ObservableValue<Dataset> dataset, ObservableValue<ClassSplit> split,
                           ExperimentSettings settings, Activity activity, TaskExecutor executor, BaseNetCache cache) {
        this.dataset = dataset;
        this.split = split;
        this.settings = settings;
        this.activity = activity;
        this.executor = executor;
        this.cache = cache;
        this.pump = executor.events(this::handle);
        pump.start();
        dataset.addListener((o, a, b) -> show(null));
        split.addListener((o, a, b) -> show(null));
        activity.stateProperty().addListener((o, before, now) -> {
            if (now == RunState.CANCELLING) {
                cancel.cancel();
            }
        });
    }

    public IntegerProperty kProperty() {
        return k;
    }

    public ReadOnlyObjectProperty<LayerSimilarity.Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sentenceProperty() {
        return sentence.getReadOnlyProperty();
    }

    /** Trains (or takes from the cache) the four nets and compares their layers. */
    public void compare() {
        Dataset d = dataset.getValue();
        ClassSplit s = split.getValue();
        if (d == null || s == null) {
            activity.showError(d == null ? "Load a dataset first." : "Layer similarity needs a split into A and B.");
            return;
        }
        PaperPlan plan;
        try {
            plan = LayerSimilarity.plan(d, s, settings.bPerClass(), settings.recipe(d), k.get(),
                    settings.seedList().get(0));
        } catch (IllegalArgumentException e) {
            activity.showError(e.getMessage());
            return;
        }
        if (!activity.moveTo(RunState.RUNNING)) {
            return;
        }
        cancel = new CancellationToken();
        CancellationToken token = cancel;
        finished = 0;
        show(null);
        sentence.set("Training baseA, baseB, AnB+ and BnB+ at k=" + k.get() + " (base nets from the cache when there)");
        activity.status("Layer similarity: training the four nets at k=" + k.get());
        executor.execute(BackgroundTask.wrap(() -> {
            // One net at a time, on every core but the window's.
            Backend.limitThreads(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
            return LayerSimilarity.of(plan, IMAGES, cache, pump, token);
        }).onSuccess(r -> {
            if (r.complete()) {
                show(r);
                activity.done("Layer similarity at k=" + r.k() + " computed");
            } else {
                sentence.set("Stopped (" + r.outcome().name().toLowerCase(Locale.ROOT) + "): no matrix.");
                activity.done("Layer similarity stopped");
            }
        }).onFailure(activity::fail));
    }

    private void show(LayerSimilarity.Result r) {
        result.set(r);
        sentence.set(r == null ? IDLE : describe(r));
    }

    /** What the matrix says: where A's and B's own nets part, and what fine-tuning kept. */
    static String describe(LayerSimilarity.Result r) {
        List<String> layers = r.layers();
        double[][] v = r.values();
        int last = layers.size() - 1;
        return String.format(Locale.ROOT, "Linear CKA on %d of B's test images, k=%d (layers up to %s transferred). "
                + "Nets trained on A and on B: %.2f at %s, %.2f at %s (general first layers, specific last). "
                + "At %s, AnB+ is %.2f like baseA and %.2f like baseB: fine-tuning %s. One seed: an observation, "
                + "not a finding with an interval.", r.images(), r.k(), layers.get(r.k() - 1), v[0][0],
                layers.get(0), v[last][0], layers.get(last), layers.get(last), v[last][1], v[last][2],
                v[last][2] > v[last][1] ? "moved the top layer toward B's own net"
                        : "kept the top layer closer to A's");
    }

    /** Progress: the four nets' runs (on the FX thread, drained by the pump). */
    private void handle(List<SweepEvent> events) {
        long runs = events.stream().filter(e -> e instanceof SweepEvent.RunFinished).count();
        // The pump drains on a timer, the task's success arrives by another path: the last events may come after
        // the job is done, and must not put its progress back over the final status.
        if (runs > 0 && activity.state() == RunState.RUNNING) {
            finished += (int) runs;
            activity.progress(Math.min(1, finished / 4.0));
            activity.status(String.format(Locale.ROOT, "Layer similarity: %d of 4 nets", finished));
        }
    }

    public void shutdown() {
        cancel.cancel();
        pump.stop();
    }
}
