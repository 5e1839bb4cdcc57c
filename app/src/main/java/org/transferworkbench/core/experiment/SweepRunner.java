package org.transferworkbench.core.experiment;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transferworkbench.core.backend.Backend;
import org.transferworkbench.core.data.TensorSet;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.NetFactory;
import org.transferworkbench.core.net.TrainableNet;
import org.transferworkbench.core.net.WeightTransfer;
import org.transferworkbench.core.split.Side;
import org.transferworkbench.core.split.TaskBuilder;
import org.transferworkbench.core.split.TaskData;
import org.transferworkbench.core.train.CancellationToken;
import org.transferworkbench.core.train.CancelledException;
import org.transferworkbench.core.train.EpochStats;
import org.transferworkbench.core.train.Trainer;
import org.transferworkbench.core.train.TrainingListener;

/**
 * Runs Yosinski et al.'s protocol: base nets per side and seed, then for every cut point k the transfer conditions.
 *
 * <p>Frozen conditions (BnB, AnB) compute the frozen prefix's activations once per (source net, k) and train only the
 * layers above k on them; the trained upper layers are then copied into a full net (prefix copied from the source)
 * which is what gets tested, so a frozen net is exactly "source prefix + trained head". Fine-tuned conditions (BnB+,
 * AnB+) copy the prefix into a freshly initialised full net and train all of it.
 *
 * <p>Runs on the calling thread (the one training thread); events go to the listener, records to the sink.
 */
public final class SweepRunner {

    public enum Outcome { COMPLETED, CANCELLED, FAILED }

    private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);
    private final BaseNetCache cache;
    private final RunInspector inspector;

    /** @param cache base-net cache, or null to train base nets every time */
    public SweepRunner(BaseNetCache cache) {
        this(cache, RunInspector.NONE);
    }

    public SweepRunner(BaseNetCache cache, RunInspector inspector) {
        this.cache = cache;
        this.inspector = inspector;
    }

    public Outcome run(SweepPlan plan, RunSink sink, SweepListener listener, CancellationToken cancel) {
        long start = System.nanoTime();
        List<RunKey> runs = plan.runs();
        Set<RunKey> done = sink.done();
        int already = (int) runs.stream().filter(done::contains).count();
        int completed = 0;
        listener.onEvent(new SweepEvent.SweepStarted(runs.size(), already, plan.describe()));
        try {
            Context ctx = new Context(plan, listener, cancel);
            for (int i = 0; i < runs.size(); i++) {
                RunKey key = runs.get(i);
                if (done.contains(key)) {
                    continue;
                }
                cancel.checkpoint();
                ctx.useSeed(key.seed());
                RunRecord record = runOne(ctx, i, runs.size(), key);
                sink.add(record);
                completed++;
                listener.onEvent(new SweepEvent.RunFinished(i, record));
            }
            listener.onEvent(new SweepEvent.SweepFinished(completed, (System.nanoTime() - start) / 1e9));
            return Outcome.COMPLETED;
        } catch (CancelledException e) {
            listener.onEvent(new SweepEvent.SweepCancelled(completed));
            return Outcome.CANCELLED;
        } catch (OutOfMemoryError e) {
            listener.onEvent(new SweepEvent.SweepFailed("out of memory: use fewer images per class or a smaller "
                    + "image size (finished runs are saved)", e));
            return Outcome.FAILED;
        } catch (RuntimeException e) {
            LOG.error("Sweep failed", e);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            listener.onEvent(new SweepEvent.SweepFailed(message, e));
            return Outcome.FAILED;
        }
    }

    /** Per-sweep state: the two tasks and the base nets of the current seed. */
    private final class Context {
        final SweepPlan plan;
        final SweepListener listener;
        final CancellationToken cancel;
        final Map<Side, TaskData> tasks = new EnumMap<>(Side.class);
        final Map<Side, BaseNet> baseNets = new EnumMap<>(Side.class);
        long currentSeed = Long.MIN_VALUE;

        Context(SweepPlan plan, SweepListener listener, CancellationToken cancel) {
            this.plan = plan;
            this.listener = listener;
            this.cancel = cancel;
            tasks.put(Side.A, TaskBuilder.task(plan.dataset(), plan.split(), Side.A, 0));
            tasks.put(Side.B, TaskBuilder.task(plan.dataset(), plan.split(), Side.B, plan.bPerClass()));
        }

        Architecture arch(Side side) {
            return plan.architecture().withClasses(tasks.get(side).numClasses());
        }

        void useSeed(long seed) {
            if (seed != currentSeed) {
                baseNets.clear();
                currentSeed = seed;
            }
        }
    }

    private record BaseNet(MultiLayerNetwork net, BaseNetInfo info, boolean reused) {
    }

    private RunRecord runOne(Context ctx, int index, int total, RunKey key) {
        long start = System.nanoTime();
        Condition c = key.condition();
        TaskData target = ctx.tasks.get(c.target());
        if (c.isBase()) {
            ctx.listener.onEvent(new SweepEvent.RunStarted(index, total, key, ctx.plan.recipe().epochs(),
                    "training base net " + c.target() + " from scratch"));
            BaseNet base = baseNet(ctx, c.target(), index, key);
            double seconds = base.reused ? (System.nanoTime() - start) / 1e9 : base.info.seconds();
            inspector.inspect(key, base.net, null, -1);
            return record(ctx, key, base.net, target, base.info.epochs(), seconds, base.reused);
        }
        String what = (c.frozen() ? "frozen" : "fine-tuned") + " transfer of " + key.k() + " layer(s) from base "
                + c.source() + " to B";
        ctx.listener.onEvent(new SweepEvent.RunStarted(index, total, key, ctx.plan.recipe().epochs(), what));
        BaseNet source = baseNet(ctx, c.source(), index, key);
        ctx.listener.onEvent(new SweepEvent.SourceFilters(index, key, firstLayerFilters(source.net)));
        Architecture arch = ctx.arch(Side.B);
        int cut = arch.lastTransferredLayerIndex(key.k());
        long runSeed = SeedMixer.mix(key.seed(), c.ordinal(), key.k());
        TrainingListener progress = progressListener(ctx, index, key, !c.frozen());
        List<EpochStats> history;
        MultiLayerNetwork net;
        if (c.frozen()) {
            TensorSet trainFeatures = Trainer.featurize(source.net, cut, target.train(), ctx.cancel);
            TensorSet valFeatures = Trainer.featurize(source.net, cut, target.validation(), ctx.cancel);
            MultiLayerNetwork head = NetFactory.head(arch, cut + 1, trainFeatures.exampleShape(), ctx.plan.recipe(),
                    runSeed);
            history = Trainer.train(head, trainFeatures, valFeatures, ctx.plan.recipe(), runSeed, ctx.cancel, progress);
            net = NetFactory.full(arch, ctx.plan.recipe(), runSeed);
            WeightTransfer.copyPrefix(source.net, net, cut);
            WeightTransfer.copyLayers(head, net, 0, head.getnLayers() - 1, cut + 1);
            head.close();
        } else {
            net = NetFactory.fineTunable(arch, ctx.plan.recipe(), runSeed, cut);
            WeightTransfer.copyPrefix(source.net, net, cut);
            history = Trainer.train(net, target.train(), target.validation(), ctx.plan.recipe(), runSeed, ctx.cancel,
                    progress);
        }
        RunRecord r = record(ctx, key, net, target, history, (System.nanoTime() - start) / 1e9, false);
        inspector.inspect(key, net, source.net, cut);
        net.close();
        return r;
    }

    /** The base net of a side for the current seed: in memory, else from the disk cache, else trained now. */
    private BaseNet baseNet(Context ctx, Side side, int index, RunKey key) {
        BaseNet known = ctx.baseNets.get(side);
        if (known != null) {
            return known;
        }
        Architecture arch = ctx.arch(side);
        String cacheKey = BaseNetCache.key(ctx.plan.dataset().fingerprint(), ctx.plan.split(), side,
                ctx.plan.bPerClass(), key.seed(), ctx.plan.recipe(), arch);
        Optional<NetFiles.Loaded> cached = cache == null ? Optional.empty() : cache.find(cacheKey);
        BaseNet base;
        if (cached.isPresent()) {
            LOG.info("Reusing cached base net {} (seed {})", side, key.seed());
            base = new BaseNet(cached.get().net(), cached.get().info(), true);
        } else {
            base = trainBase(ctx, side, index, key, arch);
            if (cache != null) {
                cache.store(cacheKey, new NetFiles.Loaded(base.net, base.info));
            }
        }
        ctx.baseNets.put(side, base);
        return base;
    }

    private BaseNet trainBase(Context ctx, Side side, int index, RunKey key, Architecture arch) {
        // A base net trained as the source of a transfer run reports its progress under that run.
        NetFiles.Loaded trained = trainBaseNet(ctx.plan, ctx.tasks.get(side), arch, key.seed(), ctx.cancel,
                progressListener(ctx, index, key, true));
        return new BaseNet(trained.net(), trained.info(), false);
    }

    /** Trains a base net from scratch on one side's task (also used by {@code train-base}). */
    public static NetFiles.Loaded trainBaseNet(SweepPlan plan, TaskData task, Architecture arch, long seed,
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
    public static BaseNetInfo baseInfo(SweepPlan plan, Side side, TaskData task, Architecture arch, long seed,
                                       double testAccuracy, List<EpochStats> history, double seconds) {
        return new BaseNetInfo(BaseNetInfo.FORMAT_VERSION, plan.dataset().name(), plan.dataset().fingerprint(),
                plan.split().kind(), plan.split().name(), plan.split().seed(), side.name(), task.classNames(),
                side == Side.B ? plan.bPerClass() : 0, arch.input().toArray(), arch.family(), arch.weightLayerNames(),
                seed, plan.recipe().key(), testAccuracy, history, seconds, Backend.info().describe(),
                Instant.now().toString());
    }

    private RunRecord record(Context ctx, RunKey key, MultiLayerNetwork net, TaskData target, List<EpochStats> history,
                             double seconds, boolean reused) {
        return RunRecords.of(key, ctx.plan.split().seed(), TrainableNet.of(net), target.test(), target.numClasses(),
                history, seconds, reused);
    }

    private TrainingListener progressListener(Context ctx, int index, RunKey key, boolean firstLayerTrained) {
        return new TrainingListener() {
            @Override
            public void epochFinished(EpochStats stats) {
                ctx.listener.onEvent(new SweepEvent.EpochFinished(index, key, stats));
            }

            @Override
            public void batchesFinished(int epoch, int batch, int batchesPerEpoch, double loss, TrainableNet net) {
                FilterSnapshot filters = firstLayerTrained ? firstLayerFilters(net) : null;
                ctx.listener.onEvent(new SweepEvent.BatchProgress(index, key, epoch, batch, batchesPerEpoch, loss,
                        filters));
            }
        };
    }

    /** Copy of the first convolution's weights ([out, in, kh, kw] in DL4J), or null if the net has none. */
    public static FilterSnapshot firstLayerFilters(MultiLayerNetwork net) {
        return firstLayerFilters(TrainableNet.of(net));
    }

    public static FilterSnapshot firstLayerFilters(TrainableNet net) {
        INDArray w = net.firstConvWeights();
        if (w == null) {
            return null;
        }
        long[] s = w.shape();
        return new FilterSnapshot((int) s[0], (int) s[1], (int) s[2], w.dup('c').data().asFloat());
    }
}
