package org.transferworkbench.ui.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.SimpleObjectProperty;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.FilterSnapshot;
import org.transferworkbench.core.experiment.RunKey;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.experiment.SweepEvent;
import org.transferworkbench.core.split.ClassSplit;
import org.transferworkbench.core.train.EpochStats;
import org.transferworkbench.ui.common.Activity;
import org.transferworkbench.ui.common.RunState;
import org.transferworkbench.ui.common.SameThreadTaskExecutor;
import org.transferworkbench.ui.runs.RunsModel;

/** The progress folding fed by hand-made events, without the FX toolkit. */
class SweepProgressTest {

    final Activity activity = new Activity();
    final RunsModel runs = new RunsModel(new SimpleObjectProperty<Dataset>(), new SimpleObjectProperty<ClassSplit>(),
            activity, new SameThreadTaskExecutor(), file -> null);
    final AtomicLong now = new AtomicLong();
    final SweepProgress progress = new SweepProgress(activity, runs, now::get);

    static final RunKey BASE = new RunKey(Condition.BASE_B, 0, 1);
    static final RunKey ANB = new RunKey(Condition.ANB, 2, 1);
    static final FilterSnapshot FILTERS = new FilterSnapshot(1, 1, 1, new float[] {0.5f});

    static RunRecord record(RunKey key, double accuracy) {
        return new RunRecord(key.condition(), key.k(), 1, key.seed(), accuracy, List.of(), 1, false, "t",
                new int[0][0], new int[0], null, null);
    }

    @Test
    void eventsFillCurvesRunsProgressAndEndTheSweep() {
        assertThat(activity.moveTo(RunState.RUNNING)).isTrue();
        progress.begin(Path.of("out"), 1);
        progress.handle(List.of(new SweepEvent.SweepStarted(4, 2, "two to go"),
                new SweepEvent.RunStarted(2, 4, BASE, 3, "training base net B from scratch"),
                new SweepEvent.EpochFinished(2, BASE, new EpochStats(1, 0.9, 0.6, 1.0))));
        assertThat(progress.currentRunProperty().get()).isEqualTo("Run 3/4: baseB seed 1 (training base net B from "
                + "scratch)");
        assertThat(runs.curves()).hasSize(1);
        assertThat(runs.curves().get(0).epochs()).hasSize(1);

        now.set(10_000_000_000L); // 10 s later, half of the remaining two runs done
        progress.handle(List.of(new SweepEvent.BatchProgress(2, BASE, 3, 5, 10, 0.4, FILTERS)));
        assertThat(activity.progressProperty().get()).isCloseTo((2 + 5 / 10.0) / 3 / 2, Offset.offset(1e-9));
        assertThat(progress.liveFiltersProperty().get()).isSameAs(FILTERS);
        assertThat(progress.currentRunProperty().get()).endsWith("epoch 3 of 3");

        assertThat(activity.statusProperty().get()).isEqualTo("Running: 42% done, about 14 s left");
        now.set(20_000_000_000L);
        progress.handle(List.of(new SweepEvent.RunFinished(2, record(BASE, 0.8))));
        assertThat(runs.records()).hasSize(1);
        assertThat(runs.selectedProperty().get().testAccuracy()).isEqualTo(0.8);
        assertThat(activity.progressProperty().get()).isEqualTo(0.5);
        assertThat(activity.statusProperty().get()).isEqualTo("Running: 50% done, about 20 s left");

        progress.handle(List.of(new SweepEvent.RunStarted(3, 4, ANB, 3, "frozen transfer"),
                new SweepEvent.Featurizing(3, ANB, 1200, 2400)));
        // A big net's frozen activations take minutes: the window says how far that pass has got.
        assertThat(progress.currentRunProperty().get()).isEqualTo("Run 4/4: AnB k=2 seed 1 (frozen transfer), frozen "
                + "layers' activations: 1200 of 2400 images");
        progress.handle(List.of(new SweepEvent.SourceFilters(3, ANB, FILTERS),
                new SweepEvent.RunFinished(3, record(ANB, 0.7)),
                new SweepEvent.SweepFinished(2, 20)));
        assertThat(progress.sourceFiltersProperty().get()).isSameAs(FILTERS);
        assertThat(runs.records()).extracting(RunRecord::condition).containsExactly(Condition.BASE_B, Condition.ANB);
        assertThat(activity.state()).isEqualTo(RunState.IDLE);
        assertThat(activity.statusProperty().get()).isEqualTo("Finished 2 runs in 20 s; results in out");
        assertThat(progress.currentRunProperty().get()).isEmpty();
    }

    @Test
    void aFailedSweepShowsWhyAndLeavesTheWindowUsable() {
        activity.moveTo(RunState.RUNNING);
        progress.begin(Path.of("out"), 1);
        progress.handle(List.of(new SweepEvent.SweepStarted(1, 0, "one"),
                new SweepEvent.SweepFailed("out of memory", new OutOfMemoryError())));
        assertThat(activity.state()).isEqualTo(RunState.IDLE);
        assertThat(activity.errorProperty().get()).isEqualTo("Training stopped: out of memory. Finished runs are "
                + "saved in out");
        assertThat(activity.statusProperty().get()).isEqualTo("Failed");
    }

    @Test
    void aCancelledSweepSaysHowManyRunsAreSaved() {
        activity.moveTo(RunState.RUNNING);
        activity.moveTo(RunState.CANCELLING);
        progress.begin(Path.of("out"), 1);
        progress.handle(List.of(new SweepEvent.SweepCancelled(3)));
        assertThat(activity.state()).isEqualTo(RunState.IDLE);
        assertThat(activity.statusProperty().get()).isEqualTo("Cancelled after 3 runs; finished runs are saved in out");
    }

    @Test
    void durationsReadAsSecondsThenMinutes() {
        assertThat(SweepProgress.duration(42)).isEqualTo("42 s");
        assertThat(SweepProgress.duration(600)).isEqualTo("10 min");
    }
}
