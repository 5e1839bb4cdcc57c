package org.transferworkbench.ui.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.transferworkbench.core.experiment.FilterSnapshot;
import org.transferworkbench.core.experiment.SweepEvent;
import org.transferworkbench.ui.common.Activity;
import org.transferworkbench.ui.common.RunState;
import org.transferworkbench.ui.runs.RunCurve;
import org.transferworkbench.ui.runs.RunsModel;

/**
 * Folds a running sweep's events into what the window shows: the current run and its epoch, the progress bar with
 * the time left, the first-layer filters (live and source), the learning curves and the finished runs, and the end
 * of the sweep. Fed batches of events on the UI thread.
 */
public final class SweepProgress {

    /** Filters change slowly: redrawing them twice a second is plenty and keeps the window light. */
    static final long REDRAW_PERIOD_NANOS = 500_000_000L;

    private final ReadOnlyStringWrapper currentRun = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<FilterSnapshot> liveFilters = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<FilterSnapshot> sourceFilters = new ReadOnlyObjectWrapper<>();
    private final Activity activity;
    private final RunsModel runs;
    private final LongSupplier clock;
    private Path resultsFolder;
    private int totalRuns = 1;
    private int finishedRuns;
    /** Sweeps in this series (one per split) and how many have ended. */
    private int sweeps = 1;
    private int sweepsEnded;
    private int completedBefore;
    private long startNanos;
    private long lastFilterUpdate = Long.MIN_VALUE / 2;
    private long lastStatusUpdate = Long.MIN_VALUE / 2;
    private String runLabel = "";
    private int runEpochs = 1;

    public SweepProgress(Activity activity, RunsModel runs, LongSupplier clock) {
        this.activity = activity;
        this.runs = runs;
        this.clock = clock;
    }

    public ReadOnlyStringProperty currentRunProperty() {
        return currentRun.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<FilterSnapshot> liveFiltersProperty() {
        return liveFilters.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<FilterSnapshot> sourceFiltersProperty() {
        return sourceFilters.getReadOnlyProperty();
    }

    /** A series of {@code sweeps} sweeps (one per split) starts writing into this folder. */
    void begin(Path folder, int sweeps) {
        resultsFolder = folder;
        this.sweeps = Math.max(1, sweeps);
        sweepsEnded = 0;
        completedBefore = 0;
        totalRuns = 1;
        finishedRuns = 0;
        startNanos = clock.getAsLong();
        activity.progress(0);
    }

    public void handle(List<SweepEvent> events) {
        for (SweepEvent e : events) {
            if (e instanceof SweepEvent.SweepStarted s) {
                if (sweepsEnded == 0) {
                    // Every split has the same runs: the first sweep's count times the splits.
                    totalRuns = Math.max(1, (s.totalRuns() - s.alreadyDone()) * sweeps);
                }
            } else if (e instanceof SweepEvent.RunStarted r) {
                runEpochs = r.epochs();
                runLabel = String.format(Locale.ROOT, "Run %d/%d: %s (%s)", r.runIndex() + 1, r.totalRuns(), r.key(),
                        r.what());
                currentRun.set(runLabel);
                runs.runStarted(new RunCurve(r.runIndex(), r.key(), List.of()));
                if (r.key().condition().isBase()) {
                    sourceFilters.set(null);
                }
            } else if (e instanceof SweepEvent.SourceFilters f) {
                sourceFilters.set(f.filters());
            } else if (e instanceof SweepEvent.BatchProgress b) {
                batch(b);
            } else if (e instanceof SweepEvent.Featurizing f) {
                currentRun.set(String.format(Locale.ROOT, "%s, frozen layers' activations: %d of %d images",
                        runLabel, f.done(), f.total()));
            } else if (e instanceof SweepEvent.EpochFinished ep) {
                runs.epochFinished(ep.runIndex(), ep.key(), ep.stats());
            } else if (e instanceof SweepEvent.RunFinished f) {
                runs.runFinished(f.record());
                finishedRuns++;
                setProgress(finishedRuns / (double) totalRuns);
            } else if (e instanceof SweepEvent.SweepFinished f) {
                completedBefore += f.runsCompleted();
                if (++sweepsEnded < sweeps) {
                    activity.status(String.format(Locale.ROOT, "Split %d of %d finished; the next split starts",
                            sweepsEnded, sweeps));
                } else {
                    end(String.format(Locale.ROOT, "Finished %d runs in %.0f s; results in %s", completedBefore,
                            (clock.getAsLong() - startNanos) / 1e9, resultsFolder));
                }
            } else if (e instanceof SweepEvent.SweepCancelled c) {
                end("Cancelled after " + (completedBefore + c.runsCompleted()) + " runs; finished runs are saved in "
                        + resultsFolder);
            } else if (e instanceof SweepEvent.SweepFailed f) {
                currentRun.set("");
                activity.fail("Training stopped: " + f.message() + ". Finished runs are saved in " + resultsFolder);
                activity.status("Failed");
            }
        }
    }

    private void batch(SweepEvent.BatchProgress b) {
        long now = clock.getAsLong();
        if (b.firstLayerFilters() != null && now - lastFilterUpdate > REDRAW_PERIOD_NANOS) {
            liveFilters.set(b.firstLayerFilters());
            lastFilterUpdate = now;
        }
        // The running plan's epochs, not the spinner's (which the user may change mid-sweep).
        double withinRun = ((b.epoch() - 1) + b.batch() / (double) b.batchesPerEpoch()) / runEpochs;
        currentRun.set(runLabel + ", epoch " + b.epoch() + " of " + runEpochs);
        setProgress((finishedRuns + Math.min(1, withinRun)) / totalRuns);
    }

    private void end(String status) {
        currentRun.set("");
        activity.done(status);
    }

    private void setProgress(double value) {
        activity.progress(value);
        long now = clock.getAsLong();
        if (value > 0.02 && activity.state() == RunState.RUNNING && now - lastStatusUpdate > REDRAW_PERIOD_NANOS) {
            lastStatusUpdate = now;
            double elapsed = (now - startNanos) / 1e9;
            double left = elapsed / value * (1 - value);
            activity.status(String.format(Locale.ROOT, "Running: %.0f%% done, about %s left", value * 100,
                    duration(left)));
        }
    }

    static String duration(double seconds) {
        if (seconds < 90) {
            return Math.round(seconds) + " s";
        }
        return Math.round(seconds / 60) + " min";
    }
}
