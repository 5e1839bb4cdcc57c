package org.transferworkbench.spark;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.transferworkbench.cli.SweepSpec;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.backend.Backend;
import org.transferworkbench.core.experiment.RunKey;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.results.Findings;
import org.transferworkbench.core.results.ResultsStore;
import org.transferworkbench.core.results.Summary;
import org.transferworkbench.core.split.Side;
import org.transferworkbench.core.sweep.PaperPlan;
import org.transferworkbench.core.sweep.SingleRuns;

/**
 * The paper sweep on Apache Spark: {@code spark-submit --class org.transferworkbench.spark.SparkSweep JAR DATA --out
 * DIR [the sweep command's options]}.
 *
 * <p>Two stages. First every base net the runs need is a task (its baseA/baseB record is kept when the plan has
 * it); their files come back to the driver and are broadcast. Then every transfer run is an independent task that
 * starts from those files. Each run is its own Spark job, so the driver appends each record to {@code results.json}
 * and {@code results.csv} the moment it finishes, through the same {@link ResultsStore} as a local sweep: same
 * schema, and {@code --resume} skips the runs the folder already holds. Runs are seeded by their key, so the same
 * arguments give the same accuracies as {@code sweep} with one compute thread per run.
 */
public final class SparkSweep {

    private SparkSweep() {
    }

    public static void main(String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        SparkConf conf = new SparkConf().setAppName("Transfer Workbench sweep");
        int master = rest.indexOf("--master");
        if (master >= 0 && master + 1 < rest.size()) {
            // Without spark-submit (tests, a quick local run): the master on the line.
            conf.setMaster(rest.get(master + 1));
            rest.subList(master, master + 2).clear();
        }
        PrintWriter out = new PrintWriter(System.out, true);
        int code;
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            code = run(sc, rest, out);
        } catch (UserError | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            code = e instanceof UserError ? 1 : 2;
        }
        System.exit(code);
    }

    /** Runs the sweep on {@code sc}; returns the exit code (0 done, 1 a run failed; finished runs are saved). */
    public static int run(JavaSparkContext sc, List<String> args, PrintWriter out) {
        SweepSpec spec = SweepSpec.parse(args.toArray(String[]::new));
        PaperPlan plan = spec.plan();
        ResultsStore store = ResultsStore.open(spec.out(), plan.header(Backend.info()), spec.resume());
        Set<RunKey> done = store.done();
        List<RunKey> todo = plan.runs().stream().filter(k -> !done.contains(k)).toList();
        out.printf("Spark %s, %d executor core(s): %d of %d runs to train (%s)%n", sc.master(),
                sc.defaultParallelism(), todo.size(), plan.runs().size(), plan.describe());
        List<String> sweepArgs = List.copyOf(args);
        int[] finished = {plan.runs().size() - todo.size()};
        Consumer<RunRecord> keep = r -> {
            store.add(r);
            out.printf(Locale.ROOT, "[%d/%d] %s k=%d seed %d: %.4f (%.1f s)%n", ++finished[0], plan.runs().size(),
                    r.condition().label(), r.k(), r.seed(), r.testAccuracy(), r.seconds());
        };
        Set<RunKey> todoSet = new HashSet<>(todo);
        try {
            // Stage 1: the base nets, each a job; a base condition's record is kept if the plan still needs it.
            Map<String, JavaFutureAction<List<Tasks.BaseNetBytes>>> bases = new LinkedHashMap<>();
            for (Map.Entry<Side, Long> b : SingleRuns.baseNetsFor(todo)) {
                String side = b.getKey().name();
                long seed = b.getValue();
                bases.put(side + " seed " + seed, sc.parallelize(List.of(0), 1)
                        .map(x -> Tasks.trainBase(sweepArgs, side, seed)).collectAsync());
            }
            List<Tasks.BaseNetBytes> nets = new ArrayList<>();
            awaitAll(bases, b -> {
                nets.add(b);
                RunRecord r = Tasks.record(b.recordJson());
                if (todoSet.contains(new RunKey(r.condition(), r.k(), r.seed()))) {
                    keep.accept(r);
                }
            });
            // Stage 2: every transfer run, each a job, from the broadcast base nets.
            Broadcast<List<Tasks.BaseNetBytes>> shipped = sc.broadcast(List.copyOf(nets));
            Map<String, JavaFutureAction<List<String>>> transfers = new LinkedHashMap<>();
            for (RunKey key : todo) {
                if (key.condition().isBase()) {
                    continue;
                }
                String condition = key.condition().label();
                int k = key.k();
                long seed = key.seed();
                transfers.put(key.toString(), sc.parallelize(List.of(0), 1)
                        .map(x -> Tasks.trainTransfer(sweepArgs, condition, k, seed, shipped.value())).collectAsync());
            }
            awaitAll(transfers, json -> keep.accept(Tasks.record(json)));
        } catch (RunFailed e) {
            out.println();
            out.println("error: " + e.getMessage() + " (finished runs are saved; --resume continues)");
            return 1;
        }
        List<RunRecord> runs = store.runs();
        out.println();
        out.print(Summary.table(runs, plan.cutPoints()));
        List<Findings.Finding> findings = Findings.of(runs, plan.cutPoints(), "A");
        if (!findings.isEmpty()) {
            out.println("What the runs show (95% intervals; README: Reading the findings):");
            findings.forEach(f -> out.println("  - " + f.text()));
            store.writeFindings(findings);
        }
        out.printf("Results: %s and %s%n", store.folder().resolve(ResultsStore.JSON_NAME),
                store.folder().resolve(ResultsStore.CSV_NAME));
        return 0;
    }

    /** A run's job failed: the sweep stops, the other jobs are cancelled. */
    static final class RunFailed extends RuntimeException {
        RunFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Hands each job's result to {@code each} as it finishes (in finishing order, on this thread). */
    private static <T> void awaitAll(Map<String, JavaFutureAction<List<T>>> jobs, Consumer<T> each) {
        Map<String, JavaFutureAction<List<T>>> pending = new LinkedHashMap<>(jobs);
        while (!pending.isEmpty()) {
            boolean any = false;
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                var job = it.next();
                if (!job.getValue().isDone()) {
                    continue;
                }
                it.remove();
                any = true;
                try {
                    job.getValue().get().forEach(each);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    pending.values().forEach(f -> f.cancel(true));
                    throw new RunFailed("interrupted", e);
                } catch (ExecutionException e) {
                    pending.values().forEach(f -> f.cancel(true));
                    throw new RunFailed(job.getKey() + " failed: " + rootMessage(e), e);
                }
            }
            if (!any) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    pending.values().forEach(f -> f.cancel(true));
                    throw new RunFailed("interrupted", e);
                }
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.strip().lines().findFirst().orElse(m);
    }
}
