package org.transferworkbench.core.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.transferworkbench.MemorySink;
import org.transferworkbench.Synthetic;
import org.transferworkbench.core.backend.Backend;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.NetFiles;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.experiment.SweepEvent;
import org.transferworkbench.core.experiment.SweepListener;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.split.ClassSplit;
import org.transferworkbench.core.split.Side;
import org.transferworkbench.core.split.SplitSpec;
import org.transferworkbench.core.split.TaskBuilder;
import org.transferworkbench.core.results.LearningCheck;
import org.transferworkbench.core.train.CancellationToken;
import org.transferworkbench.core.train.TrainingDivergedException;
import org.transferworkbench.core.train.TrainingListener;

class SweepRunnerTest {

    @TempDir
    Path cacheDir;

    static final Dataset DATA = Synthetic.dataset(6, 60, 20, 11);
    /** Small batches so that even a frozen k=5 (only the classifier trains) gets enough steps on tiny data. */
    static final Recipe RECIPE = new Recipe(4, 16, 2e-3, 1.0);

    static PaperPlan plan(Set<Condition> conditions, List<Integer> ks, int seeds) {
        ClassSplit split = SplitSpec.parse("random").apply(DATA.classNames(), 1);
        Architecture arch = Architecture.transferCnn(DATA.inputShape(), DATA.numClasses());
        List<Long> seedList = new ArrayList<>();
        for (long s = 1; s <= seeds; s++) {
            seedList.add(s);
        }
        return new PaperPlan(DATA, split, 0, arch, RECIPE, conditions, ks, seedList);
    }

    @Test
    void tinySweepRunsEveryConditionAndCutPointAboveChanceAndFreezesWhatItShould() {
        PaperPlan plan = plan(EnumSet.allOf(Condition.class), List.of(1, 2, 3, 4, 5), 1);
        MemorySink sink = new MemorySink();
        List<SweepEvent> events = new CopyOnWriteArrayList<>();
        List<String> checks = new ArrayList<>();
        RunInspector inspector = (key, net, source, cut) -> {
            if (source == null) {
                return;
            }
            for (int i = 0; i <= cut; i++) {
                INDArray p = net.getLayer(i).params();
                if (p == null || p.length() == 0) {
                    continue;
                }
                boolean same = p.equals(source.getLayer(i).params());
                if (key.condition().frozen()) {
                    assertThat(same).as("%s layer %d frozen", key, i).isTrue();
                } else if (i == 0) {
                    assertThat(same).as("%s layer 0 fine-tuned", key).isFalse();
                }
            }
            int top = net.getnLayers() - 1;
            assertThat(net.getLayer(top).params()).as("%s output layer retrained", key)
                    .isNotEqualTo(source.getLayer(top).params());
            checks.add(key.toString());
        };
        SweepOutcome outcome = Sweep.into(plan, sink, new BaseNetCache(cacheDir)).inspectedBy(inspector)
                .run(events::add, new CancellationToken());

        assertThat(outcome).isEqualTo(SweepOutcome.COMPLETED);
        assertThat(sink.records).hasSize(2 + 4 * 5);
        for (Condition c : Condition.values()) {
            for (int k : c.isBase() ? List.of(0) : List.of(1, 2, 3, 4, 5)) {
                assertThat(sink.records).as("%s k=%d", c, k)
                        .anySatisfy(r -> {
                            assertThat(r.condition()).isEqualTo(c);
                            assertThat(r.k()).isEqualTo(k);
                            assertThat(r.testAccuracy()).isGreaterThan(1.0 / 3 + 0.15);
                            assertThat(r.epochs()).hasSize(4);
                        });
            }
        }
        assertThat(checks).hasSize(20);
        assertThat(events.get(0)).isInstanceOf(SweepEvent.SweepStarted.class);
        assertThat(events.get(events.size() - 1)).isInstanceOf(SweepEvent.SweepFinished.class);
        assertThat(events).filteredOn(e -> e instanceof SweepEvent.BatchProgress bp && bp.firstLayerFilters() != null)
                .isNotEmpty();
        RunRecord any = sink.records.get(5);
        int total = 0;
        for (int[] row : any.confusion()) {
            for (int v : row) {
                total += v;
            }
        }
        assertThat(total).isEqualTo(60);
    }

    @Test
    void withTheSmallDataRuleFrozenLayersStayFrozenThroughAugmentedImages() {
        ClassSplit split = SplitSpec.parse("random").apply(DATA.classNames(), 1);
        Architecture arch = Architecture.transferCnn(DATA.inputShape(), DATA.numClasses());
        Recipe small = RECIPE.withPatience(2).withAugment(true).withMinSteps(40);
        PaperPlan plan = new PaperPlan(DATA, split, 0, arch, small, EnumSet.of(Condition.BASE_B, Condition.ANB,
                Condition.ANB_PLUS), List.of(2), List.of(1L));
        MemorySink sink = new MemorySink();
        List<String> frozenChecked = new ArrayList<>();
        RunInspector inspector = (key, net, source, cut) -> {
            if (source != null && key.condition().frozen()) {
                for (int i = 0; i <= cut; i++) {
                    INDArray p = net.getLayer(i).params();
                    if (p != null && p.length() > 0) {
                        assertThat(p).as("%s layer %d frozen", key, i).isEqualTo(source.getLayer(i).params());
                        frozenChecked.add(key + " " + i);
                    }
                }
            }
        };
        SweepOutcome outcome = Sweep.into(plan, sink, new BaseNetCache(cacheDir)).inspectedBy(inspector)
                .run(e -> { }, new CancellationToken());
        assertThat(outcome).isEqualTo(SweepOutcome.COMPLETED);
        assertThat(frozenChecked).hasSize(2); // conv1 and conv2 (pool1 has no weights)
        assertThat(sink.records).hasSize(3);
        for (RunRecord r : sink.records) {
            // At least 40 updates: 4 batches of 16 per epoch, so at most 10 epochs, fewer when it stopped early.
            assertThat(r.epochs()).as(r.key().toString()).hasSizeBetween(1, 10);
            assertThat(r.testAccuracy()).as(r.key().toString()).isGreaterThan(1.0 / 3);
        }
    }

    @Test
    void secondSweepReusesCachedBaseNets() {
        PaperPlan plan = plan(EnumSet.of(Condition.BASE_B, Condition.BNB), List.of(5), 1);
        MemorySink first = new MemorySink();
        Sweep.into(plan, first, new BaseNetCache(cacheDir)).run(SweepListener.NONE, new CancellationToken());
        MemorySink second = new MemorySink();
        Sweep.into(plan, second, new BaseNetCache(cacheDir)).run(SweepListener.NONE, new CancellationToken());
        assertThat(first.records.get(0).reused()).isFalse();
        assertThat(second.records.get(0).reused()).isTrue();
        assertThat(second.records.get(0).testAccuracy()).isEqualTo(first.records.get(0).testAccuracy());
        // the transfer run starts from the identical base net, so it reproduces exactly
        assertThat(second.records.get(1).testAccuracy()).isEqualTo(first.records.get(1).testAccuracy());
    }

    @Test
    void aMatchingSavedBaseNetIsUsedAsBaseAAndAMismatchIsExplained() throws Exception {
        PaperPlan plan = plan(EnumSet.of(Condition.BASE_A), List.of(), 1);
        Path saved = cacheDir.resolve("saved/base-a.zip");
        TaskBuilderAccess.trainAndSave(plan, saved);
        BaseNetCache cache = new BaseNetCache(cacheDir.resolve("cache"));
        assertThat(cache.adoptAsBaseA(saved, plan, 1)).isNull();
        assertThat(cache.adoptAsBaseA(saved, plan, 2)).contains("seed 1");
        PaperPlan otherRecipe = new PaperPlan(plan.dataset(), plan.split(), 0, plan.architecture(),
                RECIPE.withEpochs(9), plan.conditions(), List.of(), List.of(1L));
        assertThat(cache.adoptAsBaseA(saved, otherRecipe, 1)).contains("recipe");
        PaperPlan fewerImages = new PaperPlan(plan.dataset().withTrainingPerClass(20), plan.split(), 0,
                plan.architecture(), RECIPE, plan.conditions(), List.of(), List.of(1L));
        assertThat(cache.adoptAsBaseA(saved, fewerImages, 1)).isEqualTo("it was trained on all of "
                + plan.dataset().name() + "'s training images, this sweep uses 20 per class");

        MemorySink sink = new MemorySink();
        Sweep.into(plan, sink, cache).run(SweepListener.NONE, new CancellationToken());
        assertThat(sink.records.get(0).reused()).isTrue();
        assertThat(sink.records.get(0).testAccuracy()).isEqualTo(NetFiles.load(saved).info().testAccuracy());
    }

    /** Trains base A the way train-base does. */
    static final class TaskBuilderAccess {
        static void trainAndSave(PaperPlan plan, Path zip) throws Exception {
            var task = TaskBuilder.task(plan.dataset(), plan.split(), Side.A, 0);
            var trained = Sweep.trainBaseNet(plan, task, plan.architecture().withClasses(task.numClasses()), 1,
                    new CancellationToken(), TrainingListener.NONE);
            NetFiles.save(trained.net(), trained.info(), zip);
        }
    }

    @Test
    void cancelStopsWithinASecondAndKeepsFinishedRuns() throws Exception {
        PaperPlan plan = plan(EnumSet.allOf(Condition.class), List.of(1, 2, 3, 4, 5), 1);
        MemorySink sink = new MemorySink();
        CancellationToken cancel = new CancellationToken();
        long[] cancelledAt = new long[1];
        AtomicInteger finished = new AtomicInteger();
        SweepListener listener = e -> {
            if (e instanceof SweepEvent.RunFinished) {
                finished.incrementAndGet();
            }
            if (e instanceof SweepEvent.RunStarted rs && rs.runIndex() == 2 && cancelledAt[0] == 0) {
                // cancel from another thread while the third run trains
                new Thread(() -> {
                    sleep(300);
                    cancelledAt[0] = System.nanoTime();
                    cancel.cancel();
                }).start();
            }
        };
        SweepOutcome outcome = Sweep.into(plan, sink, null).run(listener, cancel);
        long stoppedAt = System.nanoTime();
        assertThat(outcome).isEqualTo(SweepOutcome.CANCELLED);
        // Between mini-batches: well under a second alone; the bound leaves room for a pause of the test JVM, which
        // has trained and dropped dozens of nets by the time this runs in the full suite (1.9 s seen once).
        assertThat((stoppedAt - cancelledAt[0]) / 1e9).isLessThan(3.0);
        // Every run that finished is kept, and only those: the base nets at least; which others finished in the 300 ms
        // depends on the machine's speed (two workers: one may finish a short frozen run).
        assertThat(sink.records).hasSize(finished.get()).hasSizeGreaterThanOrEqualTo(2)
                .hasSizeLessThan(plan.runs().size());
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }


    @Test
    void runsGoBaseNetsFirstThenCutPointByCutPointFineTunedBeforeFrozen() {
        PaperPlan plan = plan(EnumSet.allOf(Condition.class), List.of(1, 3), 2);
        List<String> order = plan.runs().stream().map(r -> r.condition().label() + " " + r.k() + " " + r.seed())
                .toList();
        assertThat(order).containsExactly(
                "baseB 0 1", "baseA 0 1",
                "AnB+ 1 1", "BnB+ 1 1", "AnB 1 1", "BnB 1 1",
                "AnB+ 3 1", "BnB+ 3 1", "AnB 3 1", "BnB 3 1",
                "baseB 0 2", "baseA 0 2",
                "AnB+ 1 2", "BnB+ 1 2", "AnB 1 2", "BnB 1 2",
                "AnB+ 3 2", "BnB+ 3 2", "AnB 3 2", "BnB 3 2");
    }

    @Test
    void aDivergedRunIsRecordedAsDivergedAndTheSweepGoesOn() {
        PaperPlan plan = plan(EnumSet.of(Condition.BASE_B, Condition.ANB, Condition.ANB_PLUS), List.of(1), 1);
        MemorySink sink = new MemorySink();
        List<SweepEvent> events = new CopyOnWriteArrayList<>();
        RunTrainer trainer = run -> {
            if (run.key().condition() == Condition.ANB) {
                throw new TrainingDivergedException(2, 7);
            }
            return new RunRecord(run.key().condition(), run.key().k(), 1, run.key().seed(), 0.9, List.of(), 1,
                    false, "t", new int[][] {{9, 1}, {1, 9}}, new int[0], null, null);
        };
        SweepOutcome outcome = SweepRunner.run(plan, () -> trainer, sink, events::add, new CancellationToken());
        assertThat(outcome).isEqualTo(SweepOutcome.COMPLETED);
        assertThat(sink.records).extracting(RunRecord::condition)
                .containsExactly(Condition.BASE_B, Condition.ANB_PLUS, Condition.ANB);
        RunRecord diverged = sink.records.get(2);
        assertThat(diverged.diverged()).isEqualTo("training diverged (loss became NaN or infinite) in epoch 2, "
                + "mini-batch 7");
        assertThat(LearningCheck.of(diverged).learned()).isFalse();
        assertThat(LearningCheck.of(diverged).reason()).contains("lower --learning-rate");
        assertThat(events).noneMatch(e -> e instanceof SweepEvent.SweepFailed);
    }

    @Test
    void twoWorkersGiveTheSameRecordsAsOneAndTrainEachBaseNetOnce() {
        Backend.limitThreads(1); // the same arithmetic in both sweeps: one compute thread per run
        PaperPlan plan = plan(EnumSet.allOf(Condition.class), List.of(1, 3, 5), 2);
        MemorySink one = new MemorySink();
        Sweep.into(plan, one, null).run(SweepListener.NONE, new CancellationToken());
        MemorySink two = new MemorySink();
        List<SweepEvent> events = new CopyOnWriteArrayList<>();
        SweepOutcome outcome = Sweep.into(plan, two, null).withWorkers(2).run(events::add, new CancellationToken());
        assertThat(outcome).isEqualTo(SweepOutcome.COMPLETED);
        assertThat(two.records).hasSize(one.records.size()).hasSize(2 * (2 + 4 * 3));
        for (RunRecord r : one.records) {
            RunRecord same = two.records.stream().filter(t -> t.key().equals(r.key())).findFirst().orElseThrow();
            assertThat(same.testAccuracy()).as("%s", r.key()).isEqualTo(r.testAccuracy());
            assertThat(same.correct()).as("%s", r.key()).isEqualTo(r.correct());
        }
        // Base nets are trained once per side and seed, by the base runs (no transfer run trains its own copy).
        assertThat(events).filteredOn(e -> e instanceof SweepEvent.EpochFinished ef && ef.key().condition().isBase())
                .hasSize(2 * 2 * RECIPE.epochs());
        assertThat(events).filteredOn(e -> e instanceof SweepEvent.EpochFinished ef && !ef.key().condition().isBase()
                && ef.stats().epoch() == 1).hasSize(2 * 4 * 3);
    }

    @Test
    void cancellingTwoWorkersStopsBothAndKeepsWhatFinished() throws Exception {
        PaperPlan plan = plan(EnumSet.allOf(Condition.class), List.of(1, 2, 3, 4, 5), 1);
        MemorySink sink = new MemorySink();
        CancellationToken cancel = new CancellationToken();
        SweepListener listener = e -> {
            if (e instanceof SweepEvent.RunStarted rs && rs.runIndex() == 4) {
                new Thread(() -> {
                    sleep(200);
                    cancel.cancel();
                }).start();
            }
        };
        long start = System.nanoTime();
        SweepOutcome outcome = Sweep.into(plan, sink, null).withWorkers(2).run(listener, cancel);
        assertThat(outcome).isEqualTo(SweepOutcome.CANCELLED);
        assertThat(sink.records.size()).isBetween(2, 21);
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(120);
    }
}
