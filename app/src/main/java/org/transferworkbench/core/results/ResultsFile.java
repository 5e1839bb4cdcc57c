package org.transferworkbench.core.results;

import java.util.List;
import org.transferworkbench.core.experiment.RunRecord;

/**
 * The content of results.json: provenance once, then one record per finished run, and at the end of a sweep what
 * the runs show ({@link Findings}: each sentence with its difference, interval and test). Files of version 0.1 have
 * no findings (an empty list when read).
 */
public record ResultsFile(int schemaVersion, String app, ExperimentHeader experiment, List<RunRecord> runs,
                          List<Findings.Finding> findings) {

    public static final int SCHEMA_VERSION = 1;

    public ResultsFile {
        runs = List.copyOf(runs);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }
}
