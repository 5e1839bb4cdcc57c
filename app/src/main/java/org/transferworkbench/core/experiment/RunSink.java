package org.transferworkbench.core.experiment;

import java.util.Set;

/** Where finished runs go (results.json for the CLI, the same plus the views in the GUI). */
public interface RunSink {

    /** Runs already finished earlier (resume): the sweep skips them. */
    Set<RunKey> done();

    /** Called on the training thread as each run finishes; must persist before returning. */
    void add(RunRecord record);
}
