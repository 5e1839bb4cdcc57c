package org.transferworkbench.cli;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.data.LoadOptions;
import org.transferworkbench.core.backend.Backend;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunKey;
import org.transferworkbench.core.net.Normalisation;
import org.transferworkbench.core.pretrained.InputFit;
import org.transferworkbench.core.pretrained.FrozenCuts;
import org.transferworkbench.core.pretrained.PretrainedNet;
import org.transferworkbench.core.pretrained.PretrainedNetLoader;
import org.transferworkbench.core.sweep.LoadedNetPlan;
import org.transferworkbench.core.sweep.Sweep;
import org.transferworkbench.core.sweep.SweepEstimate;
import org.transferworkbench.core.sweep.SweepOutcome;
import org.transferworkbench.core.train.CancellationToken;

/** {@code sweep DATA --pretrained FILE}: the data loaded to fit the net's input, an estimate, then the runs. */
final class PretrainedSweep {

    private final SweepCommand cmd;

    PretrainedSweep(SweepCommand cmd) {
        this.cmd = cmd;
    }

    int run() {
        PrintWriter console = cmd.spec.commandLine().getOut();
        Normalisation normalisation = cmd.normalise == null ? null : Normalisation.fromId(cmd.normalise);
        PretrainedNet net = PretrainedNetLoader.load(cmd.pretrained, normalisation);
        try {
            Dataset dataset = cmd.data.load(loadOptions(net));
            Set<Condition> conditions = conditions();
            List<Integer> ks = cmd.cutPoints == null ? FrozenCuts.defaults(net)
                    : SweepCommand.parseCutPoints(cmd.cutPoints);
            LoadedNetPlan plan = new LoadedNetPlan(dataset, cmd.classes == null ? List.of() : cmd.classes,
                    net, cmd.experiment.bPerClass, cmd.experiment.recipe(dataset), conditions, ks, cmd.seedList());
            console.printf("Source net %s: %s, input %s%n", net.file(), net.format().description(),
                    net.input().describe());
            net.notes().forEach(n -> console.println("Note: " + n));
            console.printf("Cut points: %s (classifier %s replaced)%n", describeCuts(net, ks), net.classifier().name());
            if (cmd.cutPoints == null && ks.size() < net.cutPoints().size()) {
                console.printf("(the block ends: %d of the net's %d cut points; --k chooses any of them)%n", ks.size(),
                        net.cutPoints().size());
            }
            console.printf("Data %s: %s, classes %s%n", dataset.name(), dataset.inputShape(), plan.classes());
            console.printf("Backend: %s%n", Backend.info().describe());
            Sweep sweep = Sweep.open(plan, cmd.out, cmd.resume, null).withCachedActivations(!cmd.noCache);
            Set<RunKey> done = sweep.done();
            SweepEstimate estimate = SweepEstimate.measure(plan, done, !cmd.noCache);
            LoadedNetPlan chosen = applyBaselineChoice(plan, estimate, console);
            if (chosen != plan) {
                estimate = estimate.forPlan(chosen, done);
                sweep = sweep.narrowedTo(chosen);
            }
            long toRun = chosen.runs().stream().filter(k -> !done.contains(k)).count();
            console.printf("Estimated time: %s for %d runs%n", estimate.describe(), toRun);
            ProgressPrinter printer = new ProgressPrinter(console);
            SweepOutcome outcome = sweep.run(printer, new CancellationToken());
            return cmd.finish(outcome, sweep.store(), ks, printer, "the loaded net's own task");
        } finally {
            net.close();
        }
    }

    /** Images at the net's input size and channels; an explicit option that contradicts the net is an error. */
    private LoadOptions loadOptions(PretrainedNet net) {
        return InputFit.optionsFor(net, cmd.data.options());
    }

    private Set<Condition> conditions() {
        Set<Condition> chosen = EnumSet.noneOf(Condition.class);
        if (cmd.conditions == null) {
            chosen.addAll(LoadedNetPlan.ALLOWED);
        } else {
            cmd.conditions.forEach(c -> chosen.add(Condition.fromLabel(c.strip())));
        }
        return chosen;
    }

    private LoadedNetPlan applyBaselineChoice(LoadedNetPlan plan, SweepEstimate estimate,
                                                    PrintWriter console) {
        String choice = cmd.baseline.toLowerCase(Locale.ROOT);
        if (!List.of("auto", "always", "never").contains(choice)) {
            throw new IllegalArgumentException("--baseline must be auto, always or never, not '" + cmd.baseline + "'");
        }
        boolean keep = plan.conditions().contains(Condition.BASE_B) && switch (choice) {
            case "never" -> false;
            case "always" -> true;
            default -> estimate.baselineAffordable();
        };
        if (keep == plan.conditions().contains(Condition.BASE_B)) {
            return plan;
        }
        if (choice.equals("auto")) {
            console.printf("Baseline (baseB) left out: about %s per seed to train this net from scratch; "
                    + "--baseline always runs it%n", SweepEstimate.minutes(estimate.baselineSeconds()));
        }
        return plan.withoutBaseline();
    }

    private static String describeCuts(PretrainedNet net, List<Integer> ks) {
        StringBuilder sb = new StringBuilder();
        for (int k : ks) {
            sb.append(sb.length() == 0 ? "" : ", ").append("k=").append(k).append(" up to ")
                    .append(net.weightLayers().get(k - 1));
        }
        return sb.toString();
    }
}
