package org.transferworkbench.ui;

import java.util.List;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.shape.Rectangle;

/**
 * The four live views under the drawing of the net. On a tall window: a 2x2 grid (the figure tabs and the learning
 * curves above, the filters and the confusion matrix below). On a short one (a 1366x768 laptop leaves this grid about
 * 340 px) the grid left the paper's figure a plot 60 px high, so there the figure keeps the whole height and the
 * three smaller views share the right-hand cell as tabs.
 */
final class ViewGrid extends GridPane {

    /** Below this height the grid is compact; above {@link #FULL_ABOVE} full (a gap, so it does not flicker). */
    static final double COMPACT_BELOW = 400;
    static final double FULL_ABOVE = 420;

    private final Region figure;
    private final List<Region> side;
    private final TabPane sideTabs = new TabPane(new Tab("Curves"), new Tab("Filters"), new Tab("Confusion"));
    private final RowConstraints top = new RowConstraints();
    private final RowConstraints bottom = new RowConstraints();
    private boolean compact;

    ViewGrid(Region figure, Region curves, Region filters, Region confusion) {
        this.figure = figure;
        this.side = List.of(curves, filters, confusion);
        setHgap(8);
        for (Region r : List.of(figure, curves, filters, confusion, sideTabs)) {
            r.setMinSize(0, 0);
            Rectangle clip = new Rectangle();
            clip.widthProperty().bind(r.widthProperty());
            clip.heightProperty().bind(r.heightProperty());
            r.setClip(clip); // each view shrinks and clips rather than widen the window
        }
        sideTabs.setId("sideViews");
        sideTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            c.setHgrow(Priority.ALWAYS);
            getColumnConstraints().add(c);
        }
        top.setVgrow(Priority.ALWAYS);
        getRowConstraints().addAll(top, bottom);
        compact = true; // so that the first arrange lays out the grid
        arrange(false);
        heightProperty().addListener((o, before, h) -> {
            double height = h.doubleValue();
            if (height > 0 && height < COMPACT_BELOW) {
                arrange(true);
            } else if (height > FULL_ABOVE) {
                arrange(false);
            }
        });
    }

    /** Whether the three smaller views share one cell as tabs. */
    boolean compact() {
        return compact;
    }

    /** In the compact layout, brings {@code view}'s tab to the front (a lesson step points at it); else nothing. */
    void reveal(Region view) {
        for (Tab t : sideTabs.getTabs()) {
            if (t.getContent() == view) {
                sideTabs.getSelectionModel().select(t);
            }
        }
    }

    private void arrange(boolean wantCompact) {
        if (compact == wantCompact) {
            return;
        }
        compact = wantCompact;
        getChildren().clear();
        sideTabs.getTabs().forEach(t -> t.setContent(null)); // each view has one parent at a time
        add(figure, 0, 0);
        if (wantCompact) {
            for (int i = 0; i < side.size(); i++) {
                sideTabs.getTabs().get(i).setContent(side.get(i)); // the tab chosen before stays chosen
            }
            add(sideTabs, 1, 0);
            top.setPercentHeight(100);
            bottom.setPercentHeight(0);
            setVgap(0); // no gap above the empty row
        } else {
            add(side.get(0), 1, 0);
            add(side.get(1), 0, 1);
            add(side.get(2), 1, 1);
            top.setPercentHeight(62);
            bottom.setPercentHeight(38);
            setVgap(8);
        }
    }
}
