package org.transferworkbench.ui.net;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.data.DatasetLoader;
import org.transferworkbench.core.data.LoadOptions;
import org.transferworkbench.core.data.TensorSet;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.net.LayerSpec;
import org.transferworkbench.core.net.Normalisation;
import org.transferworkbench.core.net.Recipe;
import org.transferworkbench.core.pretrained.FrozenCuts;
import org.transferworkbench.core.pretrained.InputFit;
import org.transferworkbench.core.pretrained.NetReport;
import org.transferworkbench.core.pretrained.PretrainedNet;
import org.transferworkbench.core.pretrained.PretrainedNetLoader;
import org.transferworkbench.core.sweep.LoadedNetPlan;
import org.transferworkbench.core.sweep.SweepEstimate;

/**
 * A net trained elsewhere, used as the source of transfer. Like every net it lives on the training thread: every
 * method here is called there; the FX thread only ever sees the immutable {@link NetReport} and the text of a
 * {@link Prepared} sweep.
 */
public final class PretrainedSource {

    /** A sweep ready to start once the user has seen its estimate. */
    public record Prepared(LoadedNetPlan plan, SweepEstimate estimate, String summary, TensorSet testImages) {
    }

    /** Reads a net file (the real one parses DL4J zips and Keras files; tests pass their own). */
    @FunctionalInterface
    public interface Loader {
        PretrainedNet load(Path file);

        Loader DEFAULT = PretrainedNetLoader::load;
    }

    private final Loader loader;
    private PretrainedNet net;

    PretrainedSource(Loader loader) {
        this.loader = loader;
    }

    /** Loads a net file, replacing (and freeing) the previous one. */
    NetReport load(Path file) {
        PretrainedNet loaded = loader.load(file);
        close();
        net = loaded;
        return NetReport.of(loaded);
    }

    PretrainedNet net() {
        return net;
    }

    /** States the value range the loaded net was trained on (nothing in its file records it). */
    NetReport useNormalisation(Normalisation normalisation) {
        net = new PretrainedNet(net.file(), net.format(), net.multiLayer(), net.graph(),
                net.input().withNormalisation(normalisation), net.nodes(), net.info(), net.notes());
        return NetReport.of(net);
    }

    void close() {
        if (net != null) {
            net.close();
            net = null;
        }
    }

    /**
     * The plan for the user's data as shown (reloaded at the net's input size and channels when they differ), with
     * its measured time estimate; the baseline is left out when training the net from scratch would take more than
     * {@link SweepEstimate#BASELINE_AUTO_LIMIT_SECONDS} per seed.
     */
    public Prepared prepare(Dataset shown, Set<Condition> conditions, List<Integer> ks, int bPerClass, Recipe recipe,
                     List<Long> seeds) {
        Dataset data = shown;
        if (!InputFit.fits(shown, net)) {
            data = DatasetLoader.load(Path.of(shown.source()), InputFit.optionsFor(net, LoadOptions.defaults()));
        }
        // A deep net's full sweep runs its block ends; any one cut point stays a click away (Run k).
        List<Integer> cuts = ks.equals(net.cutPoints()) ? FrozenCuts.defaults(net) : ks;
        String cutNote = cuts.size() < ks.size() ? String.format(Locale.ROOT, "%nCut points: the block ends k=%s "
                + "(%d of the net's %d; Run k trains any one).", cuts, cuts.size(), ks.size()) : "";
        LoadedNetPlan plan = new LoadedNetPlan(data, List.of(), net, bPerClass, recipe, conditions, cuts,
                seeds);
        SweepEstimate estimate = SweepEstimate.measure(plan);
        String baselineNote = "";
        if (plan.conditions().contains(Condition.BASE_B) && !estimate.baselineAffordable()) {
            baselineNote = String.format(Locale.ROOT, "%nThe from-scratch baseline (baseB) is left out: it would take "
                    + "about %s per seed.", SweepEstimate.minutes(estimate.baselineSeconds()));
            plan = plan.withoutBaseline();
            estimate = estimate.forPlan(plan, Set.of());
        }
        String summary = String.format(Locale.ROOT, "%d runs (%s) transferring from %s onto %d classes of %s%s.%n"
                        + "Estimated time: %s.%s%s", plan.runs().size(), conditionList(plan), net.fileName(),
                plan.classes().size(), data.name(), data == shown ? "" : " (images loaded at " + data.inputShape()
                        + " for this net)", estimate.describe(), baselineNote, cutNote);
        return new Prepared(plan, estimate, summary, plan.task().test());
    }

    private static String conditionList(LoadedNetPlan plan) {
        List<String> names = new ArrayList<>();
        plan.conditions().forEach(c -> names.add(c.label()));
        return String.join(", ", names);
    }

    /**
     * The source net drawn as the workbench draws its own: weight layers as they are, every other layer or vertex as
     * a box without weights, the classifier as the output layer for the user's classes.
     */
    static Architecture displayArchitecture(NetReport report, Dataset data) {
        List<LayerSpec> layers = new ArrayList<>();
        for (PretrainedNet.Node n : report.layers()) {
            if (n.name().equals(report.replacedClassifier())) {
                layers.add(new LayerSpec.Output(n.name()));
                break;
            } else if (!n.weightLayer()) {
                layers.add(new LayerSpec.Pool(n.name()));
            } else if (n.type().contains("Convolution")) {
                layers.add(new LayerSpec.Conv(n.name(), 1, (int) n.nOut(), 1, true));
            } else {
                layers.add(new LayerSpec.Dense(n.name(), (int) n.nOut()));
            }
        }
        return new Architecture(report.format() + ": " + Path.of(report.file()).getFileName(), data.inputShape(),
                layers, data.numClasses());
    }
}
