package org.transferworkbench.ui.data;

import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.data.DatasetLoader;
import org.transferworkbench.core.data.LoadOptions;
import org.transferworkbench.core.data.LoadProgress;
import org.transferworkbench.ui.common.Activity;
import org.transferworkbench.ui.common.BackgroundTask;
import org.transferworkbench.ui.common.LoadProgressPoller;
import org.transferworkbench.ui.common.RunState;
import org.transferworkbench.ui.common.TaskExecutor;

/** The dataset shown: loads a folder (IDX or labeled images) on the training thread, with decoding progress. */
public final class DataModel {

    /** Reads a dataset folder (the real one decodes images; tests pass their own). */
    @FunctionalInterface
    public interface Loader {
        Dataset load(Path folder, LoadProgress progress);

        Loader DEFAULT = (folder, progress) -> DatasetLoader.load(folder, LoadOptions.defaults(), progress);
    }

    private final ReadOnlyObjectWrapper<Dataset> dataset = new ReadOnlyObjectWrapper<>();
    private final Activity activity;
    private final TaskExecutor executor;
    private final Loader loader;
    private final LoadProgressPoller decoding;

    public DataModel(Activity activity, TaskExecutor executor, Loader loader) {
        this.activity = activity;
        this.executor = executor;
        this.loader = loader;
        this.decoding = new LoadProgressPoller(executor, this::showDecoding);
    }

    public ReadOnlyObjectProperty<Dataset> datasetProperty() {
        return dataset.getReadOnlyProperty();
    }

    public Dataset dataset() {
        return dataset.get();
    }

    /** Loads a dataset folder; the one shown stays until the new one has loaded. */
    public void load(Path folder) {
        if (!activity.moveTo(RunState.LOADING)) {
            return;
        }
        activity.status("Loading " + folder + " ...");
        decoding.start();
        executor.execute(BackgroundTask.wrap(() -> loader.load(folder, decoding))
                .onSuccess(d -> {
                    decoding.stop();
                    activity.progress(0);
                    dataset.set(d);
                    activity.done(String.format(Locale.ROOT, "Loaded %s: %d classes, %d training images%s%s",
                            d.name(), d.numClasses(), d.train().size(),
                            d.skipped().isEmpty() ? "" : ", " + d.skipped().size() + " files skipped",
                            d.notes().isEmpty() ? "" : "; " + d.notes().get(0)));
                })
                .framing(m -> "Cannot use " + folder + ": " + m)
                .explain(OutOfMemoryError.class, e -> "Not enough memory to load " + folder
                        + "; use a smaller image size")
                .onFailure(message -> {
                    decoding.stop();
                    activity.fail(message);
                }));
    }

    private void showDecoding(int done, int total) {
        if (activity.state() == RunState.LOADING && total > 0) {
            activity.progress(done / (double) total);
            activity.status(String.format(Locale.ROOT, "Decoding images: %d of %d", done, total));
        }
    }

    public void stop() {
        decoding.stop();
    }
}
