package org.transferworkbench.ui;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.stage.FileChooser;
import javax.imageio.ImageIO;
import org.transferworkbench.core.session.Session;
import org.transferworkbench.ui.common.Activity;
import org.transferworkbench.ui.common.ChartPane;
import org.transferworkbench.ui.common.FxDialogService;
import org.transferworkbench.ui.common.FxThread;
import org.transferworkbench.ui.data.DataPanel;
import org.transferworkbench.ui.estimate.EstimateView;
import org.transferworkbench.ui.fewshot.FewShotView;
import org.transferworkbench.ui.net.NetPanel;
import org.transferworkbench.ui.runs.ConfusionView;
import org.transferworkbench.ui.runs.LearningCurves;
import org.transferworkbench.ui.runs.RunsTable;
import org.transferworkbench.ui.runs.TransferabilityChart;
import org.transferworkbench.ui.similarity.SimilarityView;
import org.transferworkbench.ui.split.SplitPanel;
import org.transferworkbench.ui.sweep.FilterView;
import org.transferworkbench.ui.sweep.RunPanel;
import org.transferworkbench.ui.sweep.StatusBar;

/**
 * Lays the feature views out: controls on the left, the net and the live views in the middle, status at the bottom.
 * Each view gets its feature's model from the composition root ({@link WorkbenchModel}).
 */
public final class MainWindow extends BorderPane {

    private final NetPanel netPanel;
    private final TransferabilityChart transferability;
    private final FilterView filters;
    private final FewShotView fewShot;
    private final EstimateView estimates;
    private final SimilarityView similarity;
    private final TabPane figures;

    public MainWindow(WorkbenchModel model, Runnable toggleTheme) {
        Activity activity = model.activity();
        setTop(new VBox(header(model, toggleTheme), errorBanner(activity)));
        model.sweep().setDialogs(new FxDialogService(this));

        // The main action first: on a 1366x768 laptop the run buttons were below the fold, under the thumbnails.
        VBox left = new VBox(4, new RunPanel(model.sweep(), model.settings(), activity), new Separator(),
                new DataPanel(model.data(), activity), new Separator(),
                new SplitPanel(model.split(), model.settings(), model.net().foreignLoadedProperty()), new Separator(),
                new RunsTable(model.runs()));
        left.setPadding(new Insets(4));
        left.setPrefWidth(400);
        ScrollPane leftScroll = new ScrollPane(left);
        leftScroll.setFitToWidth(true);
        leftScroll.setPrefWidth(420);
        leftScroll.setMinWidth(340);
        setLeft(leftScroll);

        netPanel = new NetPanel(model.net(), model.settings(), activity);
        transferability = new TransferabilityChart(model.runs(), model.net());
        transferability.pane().exportable("transferability", activity::showError);
        filters = new FilterView(model.sweep().progress(), model.net());
        LearningCurves curves = new LearningCurves(model.runs());
        curves.pane().exportable("learning-curves", activity::showError);
        fewShot = new FewShotView(model.fewShot(), activity);
        // The paper's figure, the seed article's open question, the predictions and the layer similarity share the
        // largest cell, one tab each; short names, so all four fit its width on a 1366x768 screen.
        Tab byK = new Tab("By k", transferability);
        byK.setId("byCutPointTab");
        Tab bySize = new Tab("Few examples", fewShot);
        bySize.setId("fewShotTab");
        estimates = new EstimateView(model.estimate(), model.net()::architecture, activity);
        Tab predicted = new Tab("Predicted", estimates);
        predicted.setId("estimatesTab");
        estimates.showingProperty().bind(predicted.selectedProperty());
        similarity = new SimilarityView(model.similarity(), activity);
        Tab layers = new Tab("Similarity", similarity);
        layers.setId("similarityTab");
        figures = new TabPane(byK, bySize, predicted, layers);
        figures.setId("figures");
        figures.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        GridPane views = views(figures, curves, filters, new ConfusionView(model.runs()));
        VBox.setVgrow(views, Priority.ALWAYS);
        Label findings = transferability.findings();
        findings.getStyleClass().add("findings");
        // Every finding states its interval, so the text is long: it scrolls in a band of about four lines rather
        // than squeezing the charts on a laptop screen.
        ScrollPane findingsScroll = new ScrollPane(findings);
        Label verdict = fewShot.verdict();
        verdict.getStyleClass().add("findings");
        verdict.setWrapText(true);
        Label predictedText = estimates.sentence();
        predictedText.getStyleClass().add("findings");
        Label similarityText = similarity.sentence();
        similarityText.getStyleClass().add("findings");
        // The band under the views speaks for the figure on screen: the findings of the runs, the few-examples
        // sentence, or the predictions with their agreement.
        var tab = figures.getSelectionModel().selectedIndexProperty();
        findingsScroll.contentProperty().bind(Bindings.createObjectBinding(() -> switch (tab.get()) {
            case 1 -> verdict;
            case 2 -> predictedText;
            case 3 -> similarityText;
            default -> findings;
        }, tab));
        findingsScroll.setFitToWidth(true);
        findingsScroll.setPrefViewportHeight(86);
        findingsScroll.setMinHeight(60);
        findingsScroll.getStyleClass().add("edge-to-edge");
        VBox center = new VBox(8, netPanel, views, findingsScroll);
        center.setPadding(new Insets(4, 8, 4, 8));
        setCenter(center);
        setBottom(new StatusBar(activity, model.sweep()));
    }

    private HBox header(WorkbenchModel model, Runnable toggleTheme) {
        Label title = new Label("Transfer Workbench");
        title.getStyleClass().add("title-2");
        Label subtitle = new Label("How transferable are features in deep neural networks? (Yosinski et al., 2014)");
        subtitle.getStyleClass().add("text-muted");
        Button openResults = new Button("Open results...");
        openResults.setId("openResults");
        openResults.disableProperty().bind(model.activity().busyProperty());
        openResults.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("results.json", "*.json"));
            File f = chooser.showOpenDialog(getScene().getWindow());
            if (f != null) {
                model.runs().open(f.toPath());
            }
        });
        Button report = new Button("Export report...");
        report.setId("exportReport");
        report.setTooltip(new Tooltip("One HTML file: the setting, the figure, what the runs show with intervals, "
                + "every run (right-click a chart to save it as PNG or SVG)"));
        report.disableProperty().bind(model.activity().busyProperty());
        report.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("transfer-report.html");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("HTML report", "*.html"));
            File f = chooser.showSaveDialog(getScene().getWindow());
            if (f != null) {
                model.runs().exportReport(f.toPath());
            }
        });
        Button picture = new Button("Window as PNG...");
        picture.setId("windowPicture");
        picture.setTooltip(new Tooltip("Save the whole window as it is now as a PNG (for slides and handouts)"));
        picture.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("transfer-workbench.png");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG picture", "*.png"));
            File f = chooser.showSaveDialog(getScene().getWindow());
            if (f != null) {
                savePicture(f.toPath(), model.activity());
            }
        });
        MenuButton session = sessionMenu(model);
        ToggleButton dark = new ToggleButton("Dark theme");
        dark.setOnAction(e -> toggleTheme.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(14, new VBox(title, subtitle), spacer, session, openResults, report, picture, dark);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(8, 12, 8, 12));
        return header;
    }

    /** Save the window's state (data, settings, source net, results shown) as one file, and reopen it. */
    private MenuButton sessionMenu(WorkbenchModel model) {
        MenuItem open = new MenuItem("Open session...");
        open.setOnAction(e -> {
            FileChooser chooser = sessionChooser();
            File f = chooser.showOpenDialog(getScene().getWindow());
            if (f != null) {
                model.session().open(f.toPath());
            }
        });
        MenuItem save = new MenuItem("Save session...");
        save.setOnAction(e -> {
            FileChooser chooser = sessionChooser();
            chooser.setInitialFileName("workbench" + Session.EXTENSION);
            File f = chooser.showSaveDialog(getScene().getWindow());
            if (f != null) {
                model.session().save(f.toPath());
            }
        });
        MenuButton menu = new MenuButton("Session", null, open, save);
        menu.setId("sessionMenu");
        menu.setTooltip(new Tooltip("Save the data, settings, source net and results shown as one file; opening it "
                + "puts the window back where it was"));
        open.disableProperty().bind(model.activity().busyProperty());
        return menu;
    }

    private static FileChooser sessionChooser() {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Workbench session",
                "*" + Session.EXTENSION));
        return chooser;
    }

    /**
     * The window as it is now, to a PNG: the snapshot is taken on the FX thread (it must be), encoded and written on
     * the renderer thread.
     */
    public void savePicture(Path file, Activity activity) {
        BufferedImage image = SwingFXUtils.fromFXImage(getScene().snapshot(null), null);
        ChartPane.offFx(() -> {
            try {
                ImageIO.write(image, "png", file.toFile());
                FxThread.later(() -> activity.status("Window saved to " + file));
            } catch (IOException | RuntimeException e) {
                FxThread.later(() -> activity.showError(file + ": cannot write (" + e.getMessage() + ")"));
            }
        });
    }

    private static HBox errorBanner(Activity activity) {
        Label errorText = new Label();
        errorText.setId("errorBanner");
        errorText.setWrapText(true);
        errorText.textProperty().bind(activity.errorProperty());
        Button dismiss = new Button("Dismiss");
        dismiss.setOnAction(e -> activity.clearError());
        HBox banner = new HBox(12, errorText, dismiss);
        banner.getStyleClass().add("error-banner");
        banner.setPadding(new Insets(8, 12, 8, 12));
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.visibleProperty().bind(activity.errorProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    /** The four live views in a 2x2 grid of fixed shares: each shrinks (and clips) rather than widen the window. */
    private static GridPane views(Region topLeft, Region topRight, Region bottomLeft, Region bottomRight) {
        GridPane views = new GridPane();
        views.setHgap(8);
        views.setVgap(8);
        views.add(topLeft, 0, 0);
        views.add(topRight, 1, 0);
        views.add(bottomLeft, 0, 1);
        views.add(bottomRight, 1, 1);
        for (Region r : new Region[] {topLeft, topRight, bottomLeft, bottomRight}) {
            r.setMinWidth(0);
            r.setMinHeight(0);
            Rectangle clip = new Rectangle();
            clip.widthProperty().bind(r.widthProperty());
            clip.heightProperty().bind(r.heightProperty());
            r.setClip(clip);
        }
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            c.setHgrow(Priority.ALWAYS);
            views.getColumnConstraints().add(c);
        }
        RowConstraints top = new RowConstraints();
        top.setPercentHeight(62);
        top.setVgrow(Priority.ALWAYS);
        RowConstraints bottom = new RowConstraints();
        bottom.setPercentHeight(38);
        views.getRowConstraints().addAll(top, bottom);
        return views;
    }

    public NetPanel netPanel() {
        return netPanel;
    }

    public TransferabilityChart transferability() {
        return transferability;
    }

    /** Brings the few-examples figure to the front. */
    public void showFewShot() {
        figures.getSelectionModel().select(1);
    }

    /** Brings the predicted-vs-measured figure to the front. */
    public void showEstimates() {
        figures.getSelectionModel().select(2);
    }

    /** Brings the layer-similarity view to the front. */
    public void showSimilarity() {
        figures.getSelectionModel().select(3);
    }

    public SimilarityView similarity() {
        return similarity;
    }

    public EstimateView estimates() {
        return estimates;
    }

    public FewShotView fewShot() {
        return fewShot;
    }

    public FilterView filters() {
        return filters;
    }
}
