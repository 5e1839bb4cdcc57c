package org.transferworkbench.ui.session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.net.Normalisation;
import org.transferworkbench.core.pretrained.NetReport;
import org.transferworkbench.core.session.Session;
import org.transferworkbench.core.split.Side;
import org.transferworkbench.ui.common.Activity;
import org.transferworkbench.ui.common.BackgroundTask;
import org.transferworkbench.ui.common.ExperimentSettings;
import org.transferworkbench.ui.common.RunState;
import org.transferworkbench.ui.common.StepQueue;
import org.transferworkbench.ui.common.TaskExecutor;
import org.transferworkbench.ui.data.DataModel;
import org.transferworkbench.ui.net.NetModel;
import org.transferworkbench.ui.runs.RunsModel;

/**
 * Saving the window's state as a {@link Session} file and reopening it: the data, then the settings, then the source
 * net, then the results shown, each step started when the one before has finished (the activity back to idle), so
 * the window ends where it was. A step that fails stops the rest, with its one-line error shown.
 */
public final class SessionModel {

    private final ExperimentSettings settings;
    private final DataModel data;
    private final NetModel net;
    private final RunsModel runs;
    private final Activity activity;
    private final TaskExecutor executor;
    private final Executor files;
    private final StepQueue steps;

    /** @param files where small file writes run: off the FX thread, and not queued behind a sweep */
    public SessionModel(ExperimentSettings settings, DataModel data, NetModel net, RunsModel runs, Activity activity,
                        TaskExecutor executor, Executor files) {
        this.settings = settings;
        this.data = data;
        this.net = net;
        this.runs = runs;
        this.activity = activity;
        this.executor = executor;
        this.files = files;
        this.steps = new StepQueue(activity);
    }

    /** The window's state now. */
    public Session capture() {
        Dataset d = data.dataset();
        Path groups = settings.groupsFileProperty().get();
        NetReport foreign = net.foreignNet();
        Path savedA = net.pretrainedAProperty().get();
        String netFile = foreign != null ? foreign.file() : savedA != null && !savedA.equals(net.bundledBaseA())
                ? savedA.toString() : null;
        Path results = runs.resultsFile();
        return new Session(Session.SCHEMA_VERSION, d == null ? null : d.source(), new Session.Settings(
                settings.splitSeedProperty().get(), groups == null ? null : groups.toString(), settings.bPerClass(),
                settings.cutPoint(), settings.fineTune(), settings.source().name(), settings.epochsProperty().get(),
                settings.seedsProperty().get(), settings.splitsProperty().get(), settings.classroomProperty().get()),
                netFile, foreign == null ? null : foreign.input().normalisation().id(),
                results == null ? null : results.toString());
    }

    public void save(Path file) {
        Session session = capture();
        files.execute(() -> {
            try {
                session.write(file);
                executor.runOnUi(() -> activity.status("Session saved to " + file));
            } catch (UserError e) {
                executor.runOnUi(() -> activity.showError(e.getMessage()));
            }
        });
    }

    /** Reads the file, then restores its steps one after another. */
    public void open(Path file) {
        if (!activity.moveTo(RunState.LOADING)) {
            return;
        }
        activity.status("Opening session " + file + " ...");
        executor.execute(BackgroundTask.wrap(() -> Session.read(file)).onSuccess(session -> {
            activity.done("Session " + file.getFileName() + ": restoring");
            steps.run(plan(session, file));
        }).onFailure(activity::fail));
    }

    private List<Runnable> plan(Session s, Path file) {
        List<Runnable> steps = new ArrayList<>();
        if (s.data() != null && (data.dataset() == null || !s.data().equals(data.dataset().source()))) {
            steps.add(() -> data.load(Path.of(s.data())));
        }
        steps.add(() -> apply(s.settings()));
        if (s.net() == null && net.foreignNet() != null) {
            steps.add(net::clearForeignNet);
        } else if (s.net() != null) {
            steps.add(() -> net.load(Path.of(s.net())));
            if (s.normalisation() != null) {
                steps.add(() -> net.setNormalisation(Normalisation.fromId(s.normalisation())));
            }
        }
        if (s.results() != null) {
            steps.add(() -> runs.open(Path.of(s.results())));
        }
        steps.add(() -> activity.status("Session " + file.getFileName() + " reopened"));
        return steps;
    }

    private void apply(Session.Settings s) {
        settings.splitSeedProperty().set(s.splitSeed());
        settings.groupsFileProperty().set(s.groupsFile() == null ? null : Path.of(s.groupsFile()));
        settings.bPerClassProperty().set(s.bPerClass());
        settings.cutPointProperty().set(s.cutPoint());
        settings.fineTuneProperty().set(s.fineTune());
        settings.sourceProperty().set(Side.valueOf(s.source()));
        settings.epochsProperty().set(s.epochs());
        settings.seedsProperty().set(s.seeds());
        settings.splitsProperty().set(s.splits());
        settings.classroomProperty().set(s.classroom());
    }
}
