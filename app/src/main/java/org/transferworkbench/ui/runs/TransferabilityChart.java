package org.transferworkbench.ui.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.transferworkbench.core.experiment.Condition;
import org.transferworkbench.core.experiment.RunRecord;
import org.transferworkbench.core.net.Architecture;
import org.transferworkbench.core.report.TransferabilityFigure;
import org.transferworkbench.core.results.Findings;
import org.transferworkbench.core.results.LiveRuns;
import org.transferworkbench.core.results.Spread;
import org.transferworkbench.ui.common.ChartPane;
import org.transferworkbench.ui.net.NetModel;

/**
 * The transferability figure ({@link TransferabilityFigure}, the paper's Figure 2 from the runs on screen), redrawn
 * as runs finish, and the findings under it. Both are computed on the chart thread: the findings' bootstrap is too
 * slow for the FX thread.
 */
public final class TransferabilityChart extends VBox {

    private static final String WAITING = "What the runs show appears here as they finish.";

    private final RunsModel model;
    private final NetModel net;
    private final Label findings = new Label();
    private final ChartPane pane;
    private int plotted;
    /** Counts refreshes (on the FX thread): only the latest one's findings are shown. */
    private int generation;

    public TransferabilityChart(RunsModel model, NetModel net) {
        this.model = model;
        this.net = net;
        pane = new ChartPane(TransferabilityFigure.create());
        pane.setId("transferabilityChart");
        // The tab ("By k") names the figure: without its title the plot and legend fit a 1366x768 cell.
        pane.setUp(chart -> chart.setTitle((String) null));
        pane.setMinSize(200, 60);
        VBox.setVgrow(pane, Priority.ALWAYS);
        findings.setId("findings");
        findings.setText(WAITING);
        findings.setWrapText(true);
        findings.setMinHeight(Region.USE_PREF_SIZE);
        getChildren().add(pane);
        getStyleClass().add("panel");

        model.records().addListener((ListChangeListener<RunRecord>) c -> refresh());
        model.replay().addListener((ListChangeListener<RunRecord>) c -> refresh());
        model.highlightProperty().addListener((o, a, b) -> refresh());
        refresh();
        net.architectureProperty().addListener((o, a, b) -> refresh());
        net.foreignNetProperty().addListener((o, a, b) -> refresh());
    }

    /** What the finished runs show, in sentences computed from them; placed by the window. */
    public Label findings() {
        return findings;
    }

    /** The figure's pane (its context menu saves it as PNG or SVG). */
    public ChartPane pane() {
        return pane;
    }

    /** Number of plotted run points (for tests). */
    public int plottedRuns() {
        return plotted;
    }

    private void refresh() {
        // One redraw per refresh, not one per changed point. Over a lesson's replay, the replay is the figure and
        // this machine's runs are drawn over it.
        List<RunRecord> replay = List.copyOf(model.replay());
        List<RunRecord> own = List.copyOf(model.records());
        List<RunRecord> runs = replay.isEmpty() ? own : replay;
        List<RunRecord> live = replay.isEmpty() ? List.of() : own;
        String replaySource = model.replaySourceProperty().get();
        Set<Condition> highlighted = model.highlightProperty().get();
        Architecture arch = net.architecture();
        boolean foreign = net.foreignNet() != null;
        List<Integer> ks = arch == null ? List.of(1, 2, 3, 4, 5) : arch.cutPoints();
        plotted = (int) runs.stream().filter(r -> r.condition() != Condition.BASE_A).count()
                + (int) live.stream().filter(r -> r.condition() != Condition.BASE_A).count();
        String sourceTask = foreign ? "the loaded net's own task" : "A";
        int drawn = ++generation;
        if (!runs.isEmpty() && findings.getText().equals(WAITING)) {
            findings.setText("Working out the findings of " + runs.size() + (runs.size() == 1 ? " run" : " runs")
                    + " (95% intervals) ...");
        }
        // Drawn at once with the error bars known so far, then again with all of them and the findings: the
        // bootstrap of a replay's cells took seconds, and the first screen waited for it with an empty chart.
        pane.update(chart -> draw(chart, runs, live, ks, foreign, highlighted, false), chart -> {
            draw(chart, runs, live, ks, foreign, highlighted, true);
            List<String> lines = new ArrayList<>(Findings.sentences(runs, ks, sourceTask));
            Spread spread = Spread.of(runs);
            if (spread != null) {
                lines.add(String.format(Locale.ROOT, "Over the splits: the split explains %.0f%% of the spread of "
                        + "test accuracy, the training seed %.0f%% (%d cells).", 100 * spread.splitShare(),
                        100 * spread.seedShare(), spread.cells()));
            }
            // The class's own runs first: while they come in, that is what the room is looking at.
            String liveLine = replay.isEmpty() ? "" : LiveRuns.against(replay, live).sentence();
            String measured = replay.isEmpty() ? "Measured: " : "Replayed (" + replaySource + "): ";
            return (liveLine.isEmpty() ? "" : liveLine + "  ")
                    + (lines.isEmpty() ? "" : measured + String.join("  ", lines));
        }, text -> {
            if (generation == drawn) { // not an earlier refresh's findings arriving late
                findings.setText(text.isEmpty() ? WAITING : text);
            }
        });
    }

    private static void draw(JFreeChart chart, List<RunRecord> runs, List<RunRecord> live, List<Integer> ks,
                             boolean foreign, Set<Condition> highlighted, boolean withAllBars) {
        chart.setNotify(false);
        chart.setTitle((String) null); // the tab names it (set here too: a title came back after live sweeps)
        if (withAllBars) {
            TransferabilityFigure.fill(chart, runs, live, ks, foreign, highlighted);
        } else {
            TransferabilityFigure.fillSoFar(chart, runs, live, ks, foreign, highlighted);
        }
        chart.setNotify(true);
    }
}
