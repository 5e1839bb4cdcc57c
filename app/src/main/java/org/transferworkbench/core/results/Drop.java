package org.transferworkbench.core.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.stats.Comparison;
import org.transferworkbench.core.stats.Interval;

/**
 * The paper's Fig. 3 measure: how far frozen transfer (AnB) at each cut point falls below B's own net (baseB), in
 * points, with the findings' interval (paired bootstrap over seeds, splits and test images; runs that did not learn
 * left out). Compared between a dissimilar split and random ones, it shows whether higher layers transfer worse when
 * the tasks differ more.
 */
public final class Drop {

    /**
     * @param k         the cut point
     * @param points    mean of AnB(k) - baseB over the replicates, in accuracy points
     * @param interval  its 95% interval, in points
     * @param replicates how many (split, seed) pairs it rests on
     */
    public record Point(int k, double points, Interval interval, int replicates) {

        public boolean supported() {
            return interval.excludesZero();
        }
    }

    private Drop() {
    }

    /** AnB - baseB per cut point (points); a cut point without learned runs on both sides is left out. */
    public static List<Point> ofAnB(List<RunRecord> all, List<Integer> cutPoints) {
        List<RunRecord> runs = all.stream().filter(r -> r.diverged() == null && LearningCheck.of(r).learned())
                .toList();
        List<Point> out = new ArrayList<>();
        for (int k : cutPoints) {
            Optional<Comparison.Result> c = Findings.compare(runs, List.of(new Findings.Cell(Condition.ANB, k)),
                    List.of(new Findings.Cell(Condition.BASE_B, 0)));
            c.ifPresent(r -> out.add(new Point(k, 100 * r.difference(), new Interval(100 * r.interval().low(),
                    100 * r.interval().high()), r.replicates())));
        }
        return out;
    }

    /**
     * Whether two drops at one cut point differ beyond noise. The two come from different test sets (other
     * classes), so nothing pairs them: they are called different only when their 95% intervals do not overlap, a
     * stricter rule than the findings' (it errs toward "within noise").
     */
    public static boolean differ(Point a, Point b) {
        return a.interval().low() > b.interval().high() || b.interval().low() > a.interval().high();
    }
}
