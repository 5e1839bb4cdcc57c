package org.transferworkbench.ui.lesson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.lesson.Lesson;
import org.transferworkbench.core.lesson.LessonStep;
import org.transferworkbench.core.lesson.Replay;
import org.transferworkbench.core.pretrained.NetReport;
import org.transferworkbench.core.split.Side;
import org.transferworkbench.ui.common.Activity;
import org.transferworkbench.ui.common.BackgroundTask;
import org.transferworkbench.ui.common.ExperimentSettings;
import org.transferworkbench.ui.common.Locations;
import org.transferworkbench.ui.common.RunState;
import org.transferworkbench.ui.common.StepQueue;
import org.transferworkbench.ui.common.TaskExecutor;
import org.transferworkbench.ui.data.DataModel;
import org.transferworkbench.ui.fewshot.FewShotModel;
import org.transferworkbench.ui.net.NetModel;
import org.transferworkbench.ui.runs.RunsModel;
import org.transferworkbench.ui.sweep.SweepModel;

/**
 * A lesson in the window: which step is shown, and putting the window into that step's state (data, split,
 * settings, net, the replayed results, the figure in front, what is highlighted), one part after another through a
 * {@link StepQueue}. "Run it live" re-runs the step's setting here over the replay. A teacher's own steps are captured
 * from the window as it is and saved as a new lesson file.
 */
public final class LessonModel {

    private static final Logger LOG = LoggerFactory.getLogger(LessonModel.class);

    /** The folder of the lessons that ship with the app. */
    public static final String SHIPPED = "assets/lessons";

    /** A lesson that ships with the app: its file and title. */
    public record Shipped(Path file, String title) {
    }

    private final ExperimentSettings settings;
    private final DataModel data;
    private final NetModel net;
    private final RunsModel runs;
    private final SweepModel sweep;
    private final FewShotModel fewShot;
    private final Activity activity;
    private final TaskExecutor executor;
    private final Executor files;
    private final StepQueue queue;
    private final ReadOnlyObjectWrapper<Lesson> lesson = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyObjectWrapper<LessonStep> step = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<String>> panels = new ReadOnlyObjectWrapper<>(List.of());
    /** The figure in front (one of {@link LessonStep#VIEWS}); the window keeps it in step with its tabs. */
    private final StringProperty view = new SimpleStringProperty(LessonStep.VIEWS.get(0));
    private final BooleanProperty presentation = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<List<Shipped>> shipped = new ReadOnlyObjectWrapper<>(List.of());
    /** True once every part of the step shown has been applied (its data loaded, its replay drawn). */
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(false);
    /** Replays read once per lesson: stepping back and forth redraws at once. */
    private final Map<Path, Replay> replays = new HashMap<>();
    private Path folder;
    private Path file;
    /** The replay on screen (a captured step replays it too); null when none is. */
    private Path shownReplay;

    /** @param files where small file writes run (off the FX thread, not behind a sweep) */
    public LessonModel(ExperimentSettings settings, DataModel data, NetModel net, RunsModel runs, SweepModel sweep,
                       FewShotModel fewShot, Activity activity, TaskExecutor executor, Executor files) {
        this.settings = settings;
        this.data = data;
        this.net = net;
        this.runs = runs;
        this.sweep = sweep;
        this.fewShot = fewShot;
        this.activity = activity;
        this.executor = executor;
        this.files = files;
        this.queue = new StepQueue(activity);
    }

    public ReadOnlyObjectProperty<Lesson> lessonProperty() {
        return lesson.getReadOnlyProperty();
    }

    public Lesson lesson() {
        return lesson.get();
    }

    /** The step shown (0-based), -1 outside a lesson. */
    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    /** The step shown, with the settings it inherits filled in; null outside a lesson. */
    public ReadOnlyObjectProperty<LessonStep> stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** The panels the step outlines (net, filters, curves, confusion). */
    public ReadOnlyObjectProperty<List<String>> panelsProperty() {
        return panels.getReadOnlyProperty();
    }

    public StringProperty viewProperty() {
        return view;
    }

    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    /** Large type, side panels hidden, full screen: for the projector. */
    public BooleanProperty presentationProperty() {
        return presentation;
    }

    /** The lesson file shown (null: none, or a lesson made in the window and not yet saved). */
    public Path file() {
        return file;
    }

    /** The shipped lessons with their titles, once {@link #findShipped} has read them. */
    public ReadOnlyObjectProperty<List<Shipped>> shippedProperty() {
        return shipped.getReadOnlyProperty();
    }

    /** Reads the titles of the shipped lessons off the FX thread; a file that is not a lesson is left out. */
    public void findShipped() {
        files.execute(() -> {
            List<Shipped> list = new ArrayList<>();
            for (Path p : shippedFiles()) {
                try {
                    list.add(new Shipped(p, Lesson.read(p).title()));
                } catch (UserError e) {
                    executor.runOnUi(() -> activity.showError(e.getMessage()));
                }
            }
            executor.runOnUi(() -> shipped.set(List.copyOf(list)));
        });
    }

    /** The lesson files that ship with the app, by file name. */
    public static List<Path> shippedFiles() {
        return Locations.find(SHIPPED).map(dir -> {
            try (Stream<Path> list = Files.list(dir)) {
                return list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
            } catch (IOException e) {
                return List.<Path>of();
            }
        }).orElse(List.of());
    }

    /**
     * The first screen: under the sample loaded at start, the figure of the first shipped lesson's first step (its
     * replayed runs), with no lesson open, so the window never opens on an empty chart. A sweep replaces it.
     */
    public void preview() {
        files.execute(() -> {
            List<Path> lessons = shippedFiles();
            if (lessons.isEmpty()) {
                return;
            }
            Path first = lessons.get(0);
            Lesson read;
            try {
                read = Lesson.read(first);
            } catch (UserError e) {
                return; // the Lessons menu says what is wrong with it
            }
            LessonStep s = read.resolved(0);
            Path dir = first.toAbsolutePath().getParent();
            if (s.replay() == null || s.replay().isEmpty()) {
                return;
            }
            Path replayFile = resolve(dir, s.replay());
            // Read here, while the sample loads on the training thread, rather than queued there behind the sample
            // and the reading of the bundled net, which starts ND4J: the first screen waited about 2 s longer.
            Replay replay;
            try {
                replay = Replay.read(replayFile);
            } catch (UserError e) {
                return; // the lesson says what is wrong with it when opened
            } catch (RuntimeException e) {
                LOG.warn("The first screen's replay {} could not be read", replayFile, e);
                return;
            }
            executor.runOnUi(() -> {
                replays.putIfAbsent(replayFile, replay);
                queue.run(List.of(() -> {
                    Dataset d = data.dataset();
                    if (lesson.get() == null && d != null
                            && Path.of(d.source()).toAbsolutePath().normalize().equals(resolve(dir, s.data()))) {
                        showReplay(replayFile, "; the lesson \"" + read.title() + "\" explains it", false);
                    }
                }));
            });
        });
    }

    /** Reads a lesson file and opens its first step; a file that is not a lesson is one line, nothing changes. */
    public void open(Path lessonFile) {
        if (!activity.moveTo(RunState.LOADING)) {
            return;
        }
        activity.status("Opening lesson " + lessonFile + " ...");
        executor.execute(BackgroundTask.wrap(() -> Lesson.read(lessonFile)).onSuccess(read -> {
            activity.done("Lesson: " + read.title());
            start(read, lessonFile);
        }).onFailure(activity::fail));
    }

    /** Shows {@code read} from its first step; relative paths in it are resolved against {@code from}'s folder. */
    public void start(Lesson read, Path from) {
        file = from;
        folder = from == null ? null : from.toAbsolutePath().getParent();
        replays.clear();
        lesson.set(read);
        go(0);
    }

    public void next() {
        if (lesson.get() != null && index.get() + 1 < lesson.get().steps().size()) {
            go(index.get() + 1);
        }
    }

    public void back() {
        if (lesson.get() != null && index.get() > 0) {
            go(index.get() - 1);
        }
    }

    /** Leaves the lesson: the window keeps its state, the replay and the emphasis go. */
    public void close() {
        queue.run(List.of());
        ready.set(false);
        lesson.set(null);
        index.set(-1);
        step.set(null);
        panels.set(List.of());
        presentation.set(false);
        runs.highlight(Set.of());
        runs.clearReplay();
        shownReplay = null;
    }

    /** Shows step {@code i}: the window is put into its state part by part, as the parts before finish. */
    public void go(int i) {
        Lesson l = lesson.get();
        if (l == null || i < 0 || i >= l.steps().size()) {
            return;
        }
        if (activity.isBusy()) {
            activity.showError("Wait for the work in progress to finish (or cancel it) before the next step.");
            return;
        }
        activity.clearError();
        LessonStep s = l.resolved(i);
        ready.set(false);
        index.set(i);
        step.set(s);
        queue.run(plan(s));
    }

    private List<Runnable> plan(LessonStep s) {
        List<Runnable> parts = new ArrayList<>();
        Path dataPath = resolve(s.data());
        Dataset d = data.dataset();
        if (d == null || !Path.of(d.source()).toAbsolutePath().normalize().equals(dataPath)) {
            parts.add(() -> data.load(dataPath));
        }
        parts.add(() -> apply(s));
        if (s.net() != null) {
            parts.add(() -> useNet(s.net()));
        }
        parts.add(() -> {
            if (s.replay() == null || s.replay().isEmpty()) {
                shownReplay = null;
                runs.clearReplay();
            } else {
                showReplay(resolve(s.replay()), "", true);
            }
        });
        parts.add(() -> {
            view.set(s.view() == null ? LessonStep.VIEWS.get(0) : s.view());
            runs.highlight(conditions(s.highlightedConditions()));
            panels.set(s.highlightedPanels());
            activity.status("Lesson step " + (index.get() + 1) + " of " + lesson.get().steps().size() + ": "
                    + s.title());
            ready.set(true);
        });
        return parts;
    }

    private void apply(LessonStep s) {
        if (s.split() != null) {
            settings.groupsFileProperty().set(s.split().startsWith("groups:")
                    ? resolve(s.split().substring("groups:".length())) : null);
        }
        setIf(s.splitSeed(), v -> settings.splitSeedProperty().set(v));
        setIf(s.bPerClass(), v -> settings.bPerClassProperty().set(v));
        setIf(s.k(), v -> settings.cutPointProperty().set(v));
        setIf(s.fineTune(), v -> settings.fineTuneProperty().set(v));
        setIf(s.source(), v -> settings.sourceProperty().set(Side.valueOf(v)));
        setIf(s.classroom(), v -> settings.classroomProperty().set(v));
        setIf(s.epochs(), v -> settings.epochsProperty().set(v));
        setIf(s.seeds(), v -> settings.seedsProperty().set(v));
        setIf(s.splits(), v -> settings.splitsProperty().set(v));
    }

    private static <T> void setIf(T value, Consumer<T> set) {
        if (value != null) {
            set.accept(value);
        }
    }

    private void useNet(String name) {
        NetReport foreign = net.foreignNet();
        if (LessonStep.BASE_NETS.equals(name)) {
            net.clearForeignNet();
            return;
        }
        Path p = resolve(name);
        if (foreign == null || !Path.of(foreign.file()).toAbsolutePath().normalize().equals(p)) {
            net.load(p);
        }
    }

    /** Reads the step's replay off the FX thread (once per lesson); shows it in the runs or the few-examples view. */
    private void showReplay(Path p, String about, boolean keep) {
        Replay cached = replays.get(p);
        if (cached != null) {
            show(p, cached, about, keep);
            return;
        }
        if (!activity.moveTo(RunState.LOADING)) {
            return;
        }
        activity.status("Reading the replay " + p.getFileName() + " ...");
        executor.execute(BackgroundTask.wrap(() -> Replay.read(p)).onSuccess(read -> {
            replays.put(p, read);
            show(p, read, about, keep);
            activity.done("Replay " + p.getFileName() + " shown");
        }).onFailure(activity::fail));
    }

    private void show(Path p, Replay read, String about, boolean keep) {
        shownReplay = p;
        if (read instanceof Replay.FewShotRows f) {
            fewShot.showReplay(f.rows(), f.k(), f.runs() + " runs made by this app, " + p.getFileName());
        } else if (read instanceof Replay.Sweeps s) {
            runs.showReplay(s.runs(), s.description() + about, keep);
        }
    }

    private static Set<Condition> conditions(List<String> labels) {
        Set<Condition> set = EnumSet.noneOf(Condition.class);
        for (Condition c : Condition.values()) {
            if (labels.contains(c.label())) {
                set.add(c);
            }
        }
        return set;
    }

    /**
     * A path in a lesson: absolute as it is; relative against the lesson's folder, else the app's folder (where the
     * samples and bundled nets are), so shipped lessons work in a checkout and in the installed app.
     */
    Path resolve(String name) {
        return resolve(folder, name);
    }

    private static Path resolve(Path dir, String name) {
        Path p = Path.of(name);
        if (p.isAbsolute()) {
            return p.normalize();
        }
        if (dir != null && Files.exists(dir.resolve(p))) {
            return dir.resolve(p).toAbsolutePath().normalize();
        }
        return Locations.find(name).orElse(dir == null ? p.toAbsolutePath() : dir.resolve(p).normalize());
    }

    /** "Run it live": the step's setting, trained on this machine now, drawn over the replay. */
    public void runLive() {
        LessonStep s = step.get();
        if (s == null || !s.offersLive()) {
            return;
        }
        view.set(LessonStep.VIEWS.get(0));
        sweep.runSweep();
    }

    /** The window as it is now as a step (paths absolute; the runs shown become its replay). */
    public LessonStep capture(String title, List<String> text) {
        Dataset d = data.dataset();
        if (d == null) {
            throw new UserError("Load data first: a lesson step needs its data.");
        }
        Path groups = settings.groupsFileProperty().get();
        NetReport foreign = net.foreignNet();
        // The runs on screen become the step's replay: this machine's results file, else the replay shown.
        Path shown = runs.resultsFile() != null ? runs.resultsFile() : runs.replay().isEmpty() ? null : shownReplay;
        return new LessonStep(title, text, Path.of(d.source()).toAbsolutePath().toString(),
                groups == null ? "random" : "groups:" + groups.toAbsolutePath(), settings.splitSeedProperty().get(),
                settings.cutPoint(), settings.fineTune(), settings.source().name(), settings.bPerClass(),
                settings.classroomProperty().get(), settings.epochsProperty().get(), settings.seedsProperty().get(),
                settings.splitsProperty().get(), foreign == null ? LessonStep.BASE_NETS : foreign.file(), view.get(),
                shown == null ? "" : shown.toAbsolutePath().toString(), List.of(), shown != null);
    }

    /**
     * Adds the window's state as a step: to the lesson shown, or to a new lesson titled {@code newTitle} when none is.
     * The step is shown at once; {@link #save} writes the lesson.
     */
    public void addStep(String title, List<String> text, String newTitle) {
        try {
            LessonStep s = capture(title, text);
            Lesson l = lesson.get();
            Lesson more = l == null ? new Lesson(Lesson.SCHEMA_VERSION, newTitle, null, List.of(s)) : l.withStep(s);
            lesson.set(more);
            index.set(more.steps().size() - 1);
            step.set(more.resolved(index.get()));
            activity.status("Step " + more.steps().size() + " added to \"" + more.title() + "\" (save the lesson to "
                    + "keep it)");
        } catch (IllegalArgumentException | UserError e) {
            activity.showError(e.getMessage());
        }
    }

    /** Writes the lesson shown to {@code target} (off the FX thread); it is then the lesson's file. */
    public void save(Path target) {
        Lesson l = lesson.get();
        if (l == null) {
            activity.showError("No lesson to save: add a step first (Lessons > Add this view as a step...).");
            return;
        }
        files.execute(() -> {
            try {
                l.write(target);
                executor.runOnUi(() -> {
                    file = target;
                    folder = target.toAbsolutePath().getParent();
                    activity.status("Lesson saved to " + target);
                });
            } catch (UserError e) {
                executor.runOnUi(() -> activity.showError(e.getMessage()));
            }
        });
    }
}
