package org.transferworkbench.core.results;

import java.util.List;
import java.util.Locale;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunRecord;

/**
 * How a class's own runs (a lesson step run live on this machine) sit against the runs the lesson replays: for each
 * live run whose condition and k the replay has at least two runs of, whether it falls inside the replay's range. The
 * replay's range is what the app measured over splits and seeds, so "inside" says the class saw the same thing, not
 * a new finding.
 *
 * @param live       live runs with a test accuracy (base A left out: it is not on the figure)
 * @param comparable of those, how many the replay has two or more runs of at the same condition and k
 * @param inside     of those, how many lie within the replay's lowest and highest accuracy there
 */
public record LiveRuns(int live, int comparable, int inside) {

    public static LiveRuns against(List<RunRecord> replay, List<RunRecord> live) {
        int n = 0;
        int comparable = 0;
        int inside = 0;
        for (RunRecord r : live) {
            if (r.condition() == Condition.BASE_A || r.diverged() != null) {
                continue;
            }
            n++;
            List<Double> same = replay.stream().filter(p -> p.condition() == r.condition() && p.k() == r.k()
                    && p.diverged() == null).map(RunRecord::testAccuracy).toList();
            if (same.size() >= 2) {
                comparable++;
                double low = same.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                double high = same.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                if (r.testAccuracy() >= low && r.testAccuracy() <= high) {
                    inside++;
                }
            }
        }
        return new LiveRuns(n, comparable, inside);
    }

    /** One sentence for the findings band; empty before the first live run. */
    public String sentence() {
        if (live == 0) {
            return "";
        }
        String runs = live == 1 ? "1 run" : live + " runs";
        if (comparable == 0) {
            return "Live on this machine (diamonds): " + runs + " so far.";
        }
        return String.format(Locale.ROOT, "Live on this machine (diamonds): %s so far; %d of %d lie within the range "
                + "of the replayed runs at the same condition and k.", runs, inside, comparable);
    }
}
