package org.transferworkbench.cli;

import java.nio.file.Path;
import org.transferworkbench.core.data.Dataset;
import org.transferworkbench.core.sweep.PaperPlan;
import picocli.CommandLine;

/**
 * A paper sweep as the {@code sweep} command's own arguments describe it, for programs that run it elsewhere (the
 * Spark module): the same options, defaults and checks, so a distributed sweep and a local one given the same words
 * run the same plan. One split; not {@code --pretrained}.
 *
 * @param plan   the runs, on the data loaded from the arguments' folder
 * @param out    the results folder
 * @param resume whether to continue the runs already in {@code out}
 */
public record SweepSpec(PaperPlan plan, Path out, boolean resume) {

    /** Parses and loads; bad arguments or data are an {@link IllegalArgumentException} or a {@code UserError}. */
    public static SweepSpec parse(String... args) {
        SweepCommand command = new SweepCommand();
        try {
            new CommandLine(command).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (command.pretrained != null || command.splits != 1) {
            throw new IllegalArgumentException("a distributed sweep runs the paper's protocol on one split: no "
                    + "--pretrained, no --splits (run one sweep per split seed)");
        }
        if (command.seeds < 1 || command.seeds > 100) {
            throw new IllegalArgumentException("--seeds must be 1..100, not " + command.seeds);
        }
        Dataset dataset = command.load();
        return new SweepSpec(command.plan(dataset, command.experiment.split(dataset)), command.out, command.resume);
    }
}
