package org.transferworkbench.core.results;

import java.util.List;
import org.transferworkbench.core.experiment.RunRecord;

/** The content of results.json: provenance once, then one record per finished run. */
public record ResultsFile(int schemaVersion, String app, ExperimentHeader experiment, List<RunRecord> runs) {

    public static final int SCHEMA_VERSION = 1;

    public ResultsFile {
        runs = List.copyOf(runs);
    }
}
