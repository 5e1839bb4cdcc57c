package org.transferworkbench.cli;

import java.util.Set;
import org.transferworkbench.core.experiment.RunKey;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.experiment.RunSink;
import org.transferworkbench.core.results.ResultsStore;

/** Finished runs go straight to results.json / results.csv. */
record StoreSink(ResultsStore store) implements RunSink {
    @Override
    public Set<RunKey> done() {
        return store.done();
    }

    @Override
    public void add(RunRecord record) {
        store.add(record);
    }
}
