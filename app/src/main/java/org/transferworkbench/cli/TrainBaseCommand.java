package org.transferworkbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.transferworkbench.core.UserError;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.NetFiles;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.split.ClassSplit;
import org.transferworkbench.core.split.Side;
import org.transferworkbench.core.split.TaskBuilder;
import org.transferworkbench.core.split.TaskData;
import org.transferworkbench.core.sweep.PaperPlan;
import org.transferworkbench.core.sweep.Sweep;
import org.transferworkbench.core.train.CancellationToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "train-base", mixinStandardHelpOptions = true,
        description = "Train a base net on one half of a split and save it (DL4J zip + JSON sidecar).")
final class TrainBaseCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Mixin
    ExperimentOptions experiment;

    @Option(names = "--side", paramLabel = "A|B", defaultValue = "A", description = "Which half to train on.")
    Side side;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to save the net (.zip).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var console = spec.commandLine().getOut();
        checkOut(out);
        Dataset dataset = data.load();
        ClassSplit split = experiment.split(dataset);
        TaskData task = TaskBuilder.task(dataset, split, side, experiment.bPerClass);
        Architecture arch = Architecture.transferCnn(dataset.inputShape(), task.numClasses());
        PaperPlan plan = new PaperPlan(dataset, split, experiment.bPerClass, arch, experiment.recipe(dataset),
                Set.of(side == Side.A ? Condition.BASE_A : Condition.BASE_B), List.of(), List.of(experiment.seed));
        console.printf("Training base%s on %s: classes %s, %d training images%n", side, dataset.name(),
                task.classNames(), task.train().size());
        NetFiles.Loaded trained = Sweep.trainBaseNet(plan, task, arch, experiment.seed, new CancellationToken(),
                stats -> console.printf("  epoch %d/%d  loss %.4f  validation accuracy %.4f  (%.1f s)%n",
                        stats.epoch(), plan.recipe().epochs(), stats.trainLoss(), stats.validationAccuracy(),
                        stats.seconds()));
        NetFiles.save(trained.net(), trained.info(), out);
        console.printf("Test accuracy %.4f. Saved %s and %s%n", trained.info().testAccuracy(), out,
                NetFiles.sidecarOf(out));
        return 0;
    }

    /** Checked before training, not after: minutes of training must not end in "cannot write". */
    static void checkOut(Path out) {
        if (Files.isDirectory(out)) {
            throw new UserError(out + ": is a folder; --out names the net file to write, e.g. " + out.resolve(
                    "base-a.zip"));
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && Files.exists(parent) && !Files.isWritable(parent)) {
            throw new UserError(parent + ": cannot write there (no permission)");
        }
        if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
            throw new UserError(parent + ": is a file, not a folder");
        }
    }
}
