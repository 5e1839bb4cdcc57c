package org.transferworkbench;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.transferworkbench.core.experiment.RunKey;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.experiment.RunSink;

/** A results sink in memory, for sweep tests. */
public final class MemorySink implements RunSink {

    public final List<RunRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public Set<RunKey> done() {
        Set<RunKey> keys = new LinkedHashSet<>();
        records.forEach(r -> keys.add(r.key()));
        return keys;
    }

    @Override
    public void add(RunRecord record) {
        records.add(record);
    }
}
