package org.transferworkbench.core.sweep;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transferworkbench.core.backend.Backend;
import org.transferworkbench.core.data.TensorSet;
import org.transferworkbench.core.experiment.BaseNetInfo;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.FilterSnapshot;
import org.transferworkbench.core.experiment.NetFiles;
import org.transferworkbench.core.experiment.RunKey;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.experiment.RunRecords;
import org.transferworkbench.core.experiment.SeedMixer;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.NetFactory;
import org.transferworkbench.core.net.NetMemory;
import org.transferworkbench.core.net.TrainableNet;
import org.transferworkbench.core.net.WeightTransfer;
import org.transferworkbench.core.split.Side;
import org.transferworkbench.core.split.TaskBuilder;
import org.transferworkbench.core.split.TaskData;
import org.transferworkbench.core.train.CancellationToken;
import org.transferworkbench.core.train.EpochStats;
import org.transferworkbench.core.train.Trainer;
import org.transferworkbench.core.train.TrainingListener;
import org.transferworkbench.core.train.TrainingViews;

/**
 * The runs of Yosinski et al.'s protocol: base nets per side and seed, then for every cut point k the transfer
 * conditions.
 *
 * <p>Frozen conditions (BnB, AnB) compute the frozen prefix's activations once per (source net, k) and train only the
 * layers above k on them; the trained upper layers are then copied into a full net (prefix copied from the source)
 * which is what gets tested, so a frozen net is exactly "source prefix + trained head". Fine-tuned conditions (BnB+,
 * AnB+) copy the prefix into a freshly initialised full net and train all of it.
 */
final class PaperTrainer implements RunTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(PaperTrainer.class);

    /**
     * This trainer's copy of a base net; {@code made}: this trainer trained or loaded the master itself; {@code key}:
     * the master's (its base-net cache key).
     */
    private record BaseNet(MultiLayerNetwork net, BaseNetInfo info, boolean reused, boolean made, String key) {
    }

    private final PaperPlan plan;
    private final BaseNetCache cache;
    private final BaseNets shared;
    private final RunInspector inspector;
    private final Map<Side, TaskData> tasks = new EnumMap<>(Side.class);
    /** The base nets of the current seed: every transfer run of that seed starts from them. */
    private final Map<Side, BaseNet> baseNets = new EnumMap<>(Side.class);
    private long currentSeed = Long.MIN_VALUE;

    /**
     * @param cache  base-net cache, or null to train base nets every time
     * @param shared the sweep's base nets, shared by its workers (each trainer keeps its own copies)
     */
    PaperTrainer(PaperPlan plan, BaseNetCache cache, BaseNets shared, RunInspector inspector) {
        this.plan = plan;
        this.cache = cache;
        this.shared = shared;
        this.inspector = inspector;
        tasks.put(Side.A, TaskBuilder.task(plan.dataset(), plan.split(), Side.A, 0));
        tasks.put(Side.B, TaskBuilder.task(plan.dataset(), plan.split(), Side.B, plan.bPerClass()));
    }

    @Override
    public RunRecord train(RunContext run) {
        RunKey key = run.key();
        if (key.seed() != currentSeed) {
            releaseBaseNets(); // the previous seed's copies; the thread's workspaces serve the next run
            currentSeed = key.seed();
        }
        long start = System.nanoTime();
        Condition c = key.condition();
        TaskData target = tasks.get(c.target());
        if (c.isBase()) {
            run.started(plan.recipe().epochs(), "training base net " + c.target() + " from scratch");
            BaseNet base = baseNet(run, c.target());
            double seconds = base.made && !base.reused ? base.info.seconds() : (System.nanoTime() - start) / 1e9;
            inspector.inspect(key, base.net, null, -1);
            return record(key, base.net, target, base.info.epochs(), seconds, base.reused);
        }
        run.started(plan.recipe().epochs(), (c.frozen() ? "frozen" : "fine-tuned") + " transfer of " + key.k()
                + " layer(s) from base " + c.source() + " to B");
        BaseNet source = baseNet(run, c.source());
        run.sourceFilters(firstLayerFilters(source.net));
        Architecture arch = arch(Side.B);
        int cut = arch.lastTransferredLayerIndex(key.k());
        long runSeed = SeedMixer.mix(key.seed(), c.ordinal(), key.k());
        TrainingListener progress = run.progress(!c.frozen());
        List<EpochStats> history;
        MultiLayerNetwork net;
        if (c.frozen()) {
            // The frozen prefix's activations of every training view (each image as the recipe augments it, see
            // TrainingViews), computed once (continued from an earlier cut point's where one is kept); the head
            // then trains on them, seeing the same views a run through the frozen layers would see.
            TrainingViews views = TrainingViews.of(target.train(), plan.recipe());
            // Keyed by the base net and the images it runs on (B's, of this many a class), which a plan fixes.
            String prefixKey = source.key() + " on " + c.target() + " x" + plan.bPerClass();
            PrefixActivations.Entry prefix = shared.prefixes().at(prefixKey, source.net, arch, plan.recipe(), cut,
                    views, target.validation(), run.cancel());
            TrainingViews trainFeatures = TrainingViews.computed(prefix.train(), views.views());
            TensorSet valFeatures = prefix.validation();
            MultiLayerNetwork head = NetFactory.head(arch, cut + 1, trainFeatures.exampleShape(), plan.recipe(),
                    runSeed);
            history = Trainer.train(TrainableNet.of(head), trainFeatures, valFeatures, plan.recipe(), runSeed,
                    run.cancel(), progress);
            net = NetFactory.full(arch, plan.recipe(), runSeed);
            WeightTransfer.copyPrefix(source.net, net, cut);
            WeightTransfer.copyLayers(head, net, 0, head.getnLayers() - 1, cut + 1);
            NetMemory.release(head);
        } else {
            net = NetFactory.fineTunable(arch, plan.recipe(), runSeed, cut);
            WeightTransfer.copyPrefix(source.net, net, cut);
            history = Trainer.train(net, target.train(), target.validation(), plan.recipe(), runSeed, run.cancel(),
                    progress);
        }
        RunRecord r = record(key, net, target, history, (System.nanoTime() - start) / 1e9, false);
        inspector.inspect(key, net, source.net, cut);
        // Without DL4J's close(): it collects garbage stop-the-world and rebuilds this thread's workspaces.
        NetMemory.release(net);
        return r;
    }

    /** Frees the base nets' copies and, where the worker's runs end, its thread's workspaces. */
    @Override
    public void close() {
        releaseBaseNets();
        NetMemory.releaseWorkspaces();
    }

    private void releaseBaseNets() {
        baseNets.values().forEach(b -> NetMemory.release(b.net()));
        baseNets.clear();
    }

    private Architecture arch(Side side) {
        return plan.architecture().withClasses(tasks.get(side).numClasses());
    }

    /**
     * The base net of a side for the current seed: this trainer's copy, else a copy of the sweep's shared one, which
     * the first worker to need it loads from the disk cache or trains now (the others wait for it).
     */
    private BaseNet baseNet(RunContext run, Side side) {
        BaseNet known = baseNets.get(side);
        if (known != null) {
            return known;
        }
        Architecture arch = arch(side);
        long seed = run.key().seed();
        String cacheKey = BaseNetCache.key(plan.dataset().fingerprint(), plan.split(), side, plan.bPerClass(), seed,
                plan.recipe(), arch);
        boolean[] made = new boolean[1];
        BaseNets.Master master = shared.get(cacheKey, () -> {
            Optional<NetFiles.Loaded> cached = cache == null ? Optional.empty() : cache.find(cacheKey);
            if (cached.isPresent()) {
                LOG.info("Reusing cached base net {} (seed {})", side, seed);
                return new BaseNets.Master(cached.get().net(), cached.get().info(), true);
            }
            // A base net trained as the source of a transfer run reports its progress under that run.
            NetFiles.Loaded trained = trainBaseNet(plan, tasks.get(side), arch, seed, run.cancel(),
                    run.progress(true));
            if (cache != null) {
                cache.store(cacheKey, trained);
            }
            return new BaseNets.Master(trained.net(), trained.info(), false);
        }, made);
        BaseNet base = new BaseNet(BaseNets.copyOf(master), master.info(), master.reused(), made[0], cacheKey);
        baseNets.put(side, base);
        return base;
    }

    /** Trains a base net from scratch on one side's task (also used by {@code train-base}). */
    static NetFiles.Loaded trainBaseNet(PaperPlan plan, TaskData task, Architecture arch, long seed,
                                        CancellationToken cancel, TrainingListener listener) {
        long start = System.nanoTime();
        long netSeed = SeedMixer.mix(seed, task.side() == Side.A ? 0xA : 0xB);
        MultiLayerNetwork net = NetFactory.full(arch, plan.recipe(), netSeed);
        List<EpochStats> history = Trainer.train(net, task.train(), task.validation(), plan.recipe(), netSeed,
                cancel, listener);
        double testAccuracy = Trainer.accuracy(net, task.test());
        return new NetFiles.Loaded(net, baseInfo(plan, task.side(), task, arch, seed, testAccuracy, history,
                (System.nanoTime() - start) / 1e9));
    }

    /** The sidecar of a base net trained for this plan (also what {@code train-base} writes). */
    static BaseNetInfo baseInfo(PaperPlan plan, Side side, TaskData task, Architecture arch, long seed,
                                double testAccuracy, List<EpochStats> history, double seconds) {
        return new BaseNetInfo(BaseNetInfo.FORMAT_VERSION, plan.dataset().name(), plan.dataset().fingerprint(),
                plan.split().kind(), plan.split().name(), plan.split().seed(), side.name(), task.classNames(),
                side == Side.B ? plan.bPerClass() : 0, arch.input().toArray(), arch.family(), arch.weightLayerNames(),
                seed, plan.recipe().key(), testAccuracy, history, seconds, Backend.info().describe(),
                Instant.now().toString());
    }

    private RunRecord record(RunKey key, MultiLayerNetwork net, TaskData target, List<EpochStats> history,
                             double seconds, boolean reused) {
        return RunRecords.of(key, plan.split().seed(), TrainableNet.of(net), target.test(), target.numClasses(),
                history, seconds, reused);
    }

    private static FilterSnapshot firstLayerFilters(MultiLayerNetwork net) {
        return RunContext.firstLayerFilters(TrainableNet.of(net));
    }
}
