package org.transferworkbench.ui;

import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.SimpleBooleanProperty;
import org.transferworkbench.core.results.ResultsFile;
import org.transferworkbench.core.results.ResultsStore;
import org.transferworkbench.core.sweep.BaseNetCache;
import org.transferworkbench.ui.common.Activity;
import org.transferworkbench.ui.common.ChartPane;
import org.transferworkbench.ui.common.ExperimentSettings;
import org.transferworkbench.ui.common.TaskExecutor;
import org.transferworkbench.ui.data.DataModel;
import org.transferworkbench.ui.estimate.EstimateModel;
import org.transferworkbench.ui.fewshot.FewShotModel;
import org.transferworkbench.ui.lesson.LessonModel;
import org.transferworkbench.ui.net.NetModel;
import org.transferworkbench.ui.net.PretrainedSource;
import org.transferworkbench.ui.runs.RunsModel;
import org.transferworkbench.ui.session.SessionModel;
import org.transferworkbench.ui.similarity.SimilarityModel;
import org.transferworkbench.ui.split.SplitModel;
import org.transferworkbench.ui.sweep.SweepModel;

/**
 * The composition root of the window's models: one shared {@link Activity} (what runs, status, error) and the user's
 * {@link ExperimentSettings}, then one model per feature (data, split, net, runs, sweep, few examples, predictions,
 * layer similarity, sessions, lessons),
 * each given only what it reads. Views take their feature's model; nothing here does work of its own.
 */
public final class WorkbenchModel {

    /**
     * What the models read from outside: files and nets (tests replace them), and where small files are written (off
     * the FX thread and not behind a sweep; in tests, on the caller's thread).
     */
    public record Sources(DataModel.Loader data, PretrainedSource.Loader nets, Function<Path, ResultsFile> results,
                          Executor files) {
        public static final Sources REAL = new Sources(DataModel.Loader.DEFAULT, PretrainedSource.Loader.DEFAULT,
                ResultsStore::read, ChartPane::offFx);

        public Sources(DataModel.Loader data, PretrainedSource.Loader nets, Function<Path, ResultsFile> results) {
            this(data, nets, results, Runnable::run);
        }
    }

    private final TaskExecutor executor;
    private final Activity activity = new Activity();
    private final ExperimentSettings settings = new ExperimentSettings();
    private final DataModel data;
    private final SplitModel split;
    private final NetModel net;
    private final RunsModel runs;
    private final SweepModel sweep;
    private final FewShotModel fewShot;
    private final EstimateModel estimate;
    private final SimilarityModel similarity;
    private final SessionModel session;
    private final LessonModel lesson;

    public WorkbenchModel(TaskExecutor executor, Path resultsRoot, BaseNetCache cache, Sources sources) {
        this.executor = executor;
        data = new DataModel(activity, executor, sources.data());
        // The split asks whether a net trained elsewhere is the source; the net model needs the split: bound below.
        SimpleBooleanProperty netLoaded = new SimpleBooleanProperty(false);
        split = new SplitModel(data.datasetProperty(), settings, activity, netLoaded);
        net = new NetModel(data.datasetProperty(), split.splitProperty(), settings, activity, executor,
                sources.nets());
        netLoaded.bind(net.foreignLoadedProperty());
        runs = new RunsModel(data.datasetProperty(), split.splitProperty(), activity, executor, sources.results());
        sweep = new SweepModel(data.datasetProperty(), split.splitProperty(), settings, net, runs, activity, executor,
                resultsRoot, cache);
        fewShot = new FewShotModel(data.datasetProperty(), split.splitProperty(), settings, activity, executor,
                resultsRoot, cache);
        // Only the paper's protocol has a base A to predict from; against a loaded net there is none.
        estimate = new EstimateModel(data.datasetProperty(), split.splitProperty(), settings,
                () -> net.foreignNet() != null ? null : net.architecture(), runs.records(), activity, executor, cache);
        sweep.inspectFirstPlanWith(estimate::inspector);
        similarity = new SimilarityModel(data.datasetProperty(), split.splitProperty(), settings, activity, executor,
                cache);
        session = new SessionModel(settings, data, net, runs, activity, executor, sources.files());
        lesson = new LessonModel(settings, data, net, runs, sweep, fewShot, activity, executor, sources.files());
        lesson.findShipped();
    }

    public WorkbenchModel(TaskExecutor executor, Path resultsRoot, BaseNetCache cache) {
        this(executor, resultsRoot, cache, Sources.REAL);
    }

    public Activity activity() {
        return activity;
    }

    public ExperimentSettings settings() {
        return settings;
    }

    public DataModel data() {
        return data;
    }

    public SplitModel split() {
        return split;
    }

    public NetModel net() {
        return net;
    }

    public RunsModel runs() {
        return runs;
    }

    public FewShotModel fewShot() {
        return fewShot;
    }

    public EstimateModel estimate() {
        return estimate;
    }

    public SimilarityModel similarity() {
        return similarity;
    }

    public SessionModel session() {
        return session;
    }

    public LessonModel lesson() {
        return lesson;
    }

    public SweepModel sweep() {
        return sweep;
    }

    /** Stops a running sweep and waits briefly for it, so closing the window exits cleanly. */
    public void shutdown() {
        sweep.shutdown();
        fewShot.shutdown();
        estimate.shutdown();
        similarity.shutdown();
        data.stop();
        net.shutdown();
        executor.shutdown(3000);
    }
}
