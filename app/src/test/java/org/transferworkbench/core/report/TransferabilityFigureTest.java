package org.transferworkbench.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.results.Summary;
import org.transferworkbench.core.stats.Correctness;
import org.transferworkbench.core.stats.Interval;

/** The figure drawn at once (means, no bar not yet bootstrapped), then with the bars, which are then known. */
class TransferabilityFigureTest {

    /** A run right on the first {@code correct} of 500 test images of two classes. */
    private static RunRecord run(Condition c, int k, long seed, int correct) {
        boolean[] right = new boolean[500];
        int[][] confusion = new int[2][2];
        for (int i = 0; i < 500; i++) {
            right[i] = i < correct;
            int truth = i % 2;
            confusion[truth][right[i] ? truth : 1 - truth]++;
        }
        return new RunRecord(c, k, 1, seed, correct / 500.0, List.of(), 1, false, "t", confusion, new int[0],
                Correctness.encode(right), null);
    }

    @Test
    void drawsTheMeansAtOnceAndTheErrorBarsOnceBootstrapped() {
        List<RunRecord> runs = new ArrayList<>();
        // Counts no other test uses: the intervals are remembered for the whole JVM.
        int[] anb = {401, 413, 427};
        int[] baseB = {433, 439, 441};
        for (int s = 0; s < 3; s++) {
            runs.add(run(Condition.ANB, 1, s + 1, anb[s]));
            runs.add(run(Condition.BASE_B, 0, s + 1, baseB[s]));
        }
        JFreeChart chart = TransferabilityFigure.create();
        YIntervalSeries anbMeans = ((YIntervalSeriesCollection) chart.getXYPlot().getDataset(0))
                .getSeries(TransferabilityFigure.CURVES.indexOf(Condition.ANB));
        double mean = (401 + 413 + 427) / 1500.0;

        TransferabilityFigure.fillSoFar(chart, runs, List.of(), List.of(1, 2), false, Set.of());
        assertThat(anbMeans.getItemCount()).isEqualTo(1);
        assertThat(anbMeans.getYValue(0)).isCloseTo(mean, within(1e-12));
        assertThat(anbMeans.getYLowValue(0)).isEqualTo(anbMeans.getYValue(0));
        assertThat(anbMeans.getYHighValue(0)).isEqualTo(anbMeans.getYValue(0));

        TransferabilityFigure.fill(chart, runs, List.of(), List.of(1, 2), false, Set.of());
        Interval bar = Summary.cell(runs, Condition.ANB, 1).interval();
        assertThat(bar.low()).isLessThan(mean);
        assertThat(bar.high()).isGreaterThan(mean);
        assertThat(anbMeans.getYLowValue(0)).isEqualTo(bar.low());
        assertThat(anbMeans.getYHighValue(0)).isEqualTo(bar.high());

        // Known now: drawn at once with its bar, the same one.
        TransferabilityFigure.fillSoFar(chart, runs, List.of(), List.of(1, 2), false, Set.of());
        assertThat(anbMeans.getYLowValue(0)).isEqualTo(bar.low());
        assertThat(anbMeans.getYHighValue(0)).isEqualTo(bar.high());
        assertThat(Summary.cellSoFar(runs, Condition.BASE_B, 0).interval())
                .isEqualTo(Summary.cell(runs, Condition.BASE_B, 0).interval());
    }
}
