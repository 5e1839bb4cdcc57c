package org.transferworkbench.ui;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javax.imageio.ImageIO;
import org.transferworkbench.core.lesson.LessonStep;
import org.transferworkbench.core.session.Session;
import org.transferworkbench.ui.common.Activity;
import org.transferworkbench.ui.common.ChartPane;
import org.transferworkbench.ui.common.FxDialogService;
import org.transferworkbench.ui.common.FxThread;
import org.transferworkbench.ui.data.DataPanel;
import org.transferworkbench.ui.estimate.EstimateView;
import org.transferworkbench.ui.fewshot.FewShotView;
import org.transferworkbench.ui.lesson.LessonPanel;
import org.transferworkbench.ui.lesson.LessonModel;
import org.transferworkbench.ui.lesson.StepDialog;
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
    private final ViewGrid views;

    public MainWindow(WorkbenchModel model, Runnable toggleTheme) {
        Activity activity = model.activity();
        LessonModel lesson = model.lesson();
        HBox header = header(model, toggleTheme);
        setTop(new VBox(header, errorBanner(activity)));
        model.sweep().setDialogs(new FxDialogService(this));

        // The main action first: on a 1366x768 laptop the run buttons were below the fold, under the thumbnails.
        // A lesson's text and its Next come first of all, above the run controls.
        LessonPanel lessonPanel = new LessonPanel(lesson, activity);
        Separator afterLesson = new Separator();
        afterLesson.visibleProperty().bind(lessonPanel.visibleProperty());
        afterLesson.managedProperty().bind(lessonPanel.visibleProperty());
        VBox controls = new VBox(4, new RunPanel(model.sweep(), model.settings(), activity), new Separator(),
                new DataPanel(model.data(), activity), new Separator(),
                new SplitPanel(model.split(), model.settings(), model.net().foreignLoadedProperty()), new Separator(),
                new RunsTable(model.runs()));
        // Presentation mode: the lesson alone in the side column, no header: the figures get the whole height.
        controls.visibleProperty().bind(lesson.presentationProperty().not());
        controls.managedProperty().bind(controls.visibleProperty());
        header.visibleProperty().bind(lesson.presentationProperty().not());
        header.managedProperty().bind(header.visibleProperty());
        VBox left = new VBox(4, lessonPanel, afterLesson, controls);
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
        Tab bySize = lazyTab("Few examples", fewShot);
        bySize.setId("fewShotTab");
        estimates = new EstimateView(model.estimate(), model.net()::architecture, activity);
        Tab predicted = lazyTab("Predicted", estimates);
        predicted.setId("estimatesTab");
        estimates.showingProperty().bind(predicted.selectedProperty());
        similarity = new SimilarityView(model.similarity(), activity);
        Tab layers = lazyTab("Similarity", similarity);
        layers.setId("similarityTab");
        figures = new TabPane(byK, bySize, predicted, layers);
        figures.setId("figures");
        figures.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        ConfusionView confusion = new ConfusionView(model.runs());
        views = new ViewGrid(figures, curves, filters, confusion);
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
        followLesson(lesson, Map.of("net", netPanel, "filters", filters, "curves", curves, "confusion", confusion));
    }

    /**
     * A tab whose figure joins the scene when the tab is first selected: styling and laying out the three hidden
     * figures (tables, charts, spinners) took a third of the window's start (README: Packaging, start time).
     */
    private static Tab lazyTab(String title, Node content) {
        Tab tab = new Tab(title);
        tab.selectedProperty().addListener((o, was, selected) -> {
            if (selected && tab.getContent() == null) {
                tab.setContent(content);
            }
        });
        return tab;
    }

    /**
     * The lesson steers the window: the figure in front follows its step (and the step captured from the window
     * follows the tabs), the panels it names are outlined, presentation mode enlarges the type, Page Down / Page Up
     * step through it (a presenter's clicker sends those), F5 presents, and a lesson file dropped on the window
     * opens.
     */
    private void followLesson(LessonModel lesson, Map<String, Region> panels) {
        var tab = figures.getSelectionModel();
        lesson.viewProperty().addListener((o, a, v) -> tab.select(LessonStep.VIEWS.indexOf(v)));
        tab.selectedIndexProperty().addListener((o, a, i) -> lesson.viewProperty().set(
                LessonStep.VIEWS.get(i.intValue())));
        lesson.panelsProperty().addListener((o, a, shown) -> panels.forEach((name, panel) -> {
            panel.getStyleClass().remove("lesson-highlight");
            if (shown.contains(name)) {
                panel.getStyleClass().add("lesson-highlight");
                views.reveal(panel);
            }
        }));
        lesson.presentationProperty().addListener((o, a, on) -> {
            if (on) {
                getStyleClass().add("presentation");
            } else {
                getStyleClass().remove("presentation");
            }
        });
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (lesson.lesson() == null) {
                return;
            }
            switch (e.getCode()) {
                case PAGE_DOWN -> lesson.next();
                case PAGE_UP -> lesson.back();
                case F5 -> lesson.presentationProperty().set(!lesson.presentationProperty().get());
                default -> {
                    return;
                }
            }
            e.consume();
        });
        setOnDragOver(e -> {
            if (lessonFile(e.getDragboard()) != null) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        setOnDragDropped(e -> {
            File f = lessonFile(e.getDragboard());
            if (f != null) {
                lesson.open(f.toPath());
            }
            e.setDropCompleted(f != null);
            e.consume();
        });
    }

    /** One .json file dragged onto the window (data folders and net files have drop zones of their own). */
    private static File lessonFile(Dragboard board) {
        return board.hasFiles() && board.getFiles().size() == 1 && board.getFiles().get(0).getName().endsWith(".json")
                ? board.getFiles().get(0) : null;
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
        MenuButton export = exportMenu(model);
        MenuButton session = sessionMenu(model);
        MenuButton lessons = lessonsMenu(model);
        ToggleButton dark = new ToggleButton("Dark theme");
        dark.setOnAction(e -> toggleTheme.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        VBox titles = new VBox(title, subtitle);
        // The buttons keep their labels on a 1366-pixel screen; the subtitle gives way first.
        titles.setMinWidth(0);
        for (Region r : new Region[] {lessons, session, openResults, export, dark}) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox header = new HBox(14, titles, spacer, lessons, session, openResults, export, dark);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(8, 12, 8, 12));
        return header;
    }

    /**
     * Everything for slides and handouts in one place: the figure in front as PNG or SVG (every chart also has them
     * on right-click), the HTML report of the runs shown, and the whole window as a PNG.
     */
    private MenuButton exportMenu(WorkbenchModel model) {
        MenuItem png = new MenuItem("Figure in front as PNG...");
        png.setOnAction(e -> saveFigure(model.activity(), ".png"));
        MenuItem svg = new MenuItem("Figure in front as SVG...");
        svg.setOnAction(e -> saveFigure(model.activity(), ".svg"));

        MenuItem report = new MenuItem("Report (HTML)...");
        report.setId("exportReport");
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
        MenuItem picture = new MenuItem("Window as PNG...");
        picture.setId("windowPicture");
        picture.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("transfer-workbench.png");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG picture", "*.png"));
            File f = chooser.showSaveDialog(getScene().getWindow());
            if (f != null) {
                savePicture(f.toPath(), model.activity());
            }
        });
        MenuButton menu = new MenuButton("Export", null, png, svg, new SeparatorMenuItem(), report, picture);
        menu.setId("exportMenu");
        // The similarity matrix is a grid of cells, not a chart: a picture only.
        menu.setOnShowing(e -> svg.setDisable(figures.getSelectionModel().getSelectedIndex() == 3));
        menu.setTooltip(new Tooltip("The figure in front (PNG, SVG), the report of the runs shown (one HTML file: "
                + "setting, figure, findings with intervals, every run), or the whole window"));
        return menu;
    }

    /** The figure in front, as the file type asked for, under a name that says which figure it is. */
    private void saveFigure(Activity activity, String type) {
        int tab = figures.getSelectionModel().getSelectedIndex();
        String name = List.of("transferability", "few-examples", "predicted", "similarity").get(tab);
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name + type);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(type.substring(1).toUpperCase(Locale.ROOT)
                + " picture", "*" + type));
        File f = chooser.showSaveDialog(getScene().getWindow());
        if (f != null) {
            saveFigure(f.toPath(), activity);
        }
    }

    /** The figure in front to {@code file} (PNG or SVG by its name; the similarity matrix as PNG), off FX. */
    public void saveFigure(Path file, Activity activity) {
        switch (figures.getSelectionModel().getSelectedIndex()) {
            case 1 -> fewShot.pane().saveTo(file, activity::showError);
            case 2 -> estimates.pane().saveTo(file, activity::showError);
            case 3 -> saveNode(similarity, file, activity);
            default -> transferability.pane().saveTo(file, activity::showError);
        }
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

    /**
     * The shipped lessons (titles read off the FX thread once), a lesson file, and the teacher's own: the window as
     * it is added as a step, the lesson saved as a file to hand out.
     */
    private MenuButton lessonsMenu(WorkbenchModel model) {
        LessonModel lesson = model.lesson();
        MenuButton menu = new MenuButton("Lessons");
        menu.setId("lessonsMenu");
        menu.setTooltip(new Tooltip("Guided lessons: each step sets the window and says what to look at"));
        MenuItem open = new MenuItem("Open lesson...");
        open.setOnAction(e -> {
            File f = lessonChooser().showOpenDialog(getScene().getWindow());
            if (f != null) {
                lesson.open(f.toPath());
            }
        });
        MenuItem add = new MenuItem("Add this view as a step...");
        add.setOnAction(e -> StepDialog.ask(getScene().getWindow(), lesson.lesson() == null)
                .ifPresent(a -> lesson.addStep(a.title(), a.text(), a.lessonTitle())));
        MenuItem save = new MenuItem("Save lesson as...");
        save.setOnAction(e -> {
            FileChooser chooser = lessonChooser();
            chooser.setInitialFileName("my-lesson.json");
            File f = chooser.showSaveDialog(getScene().getWindow());
            if (f != null) {
                lesson.save(f.toPath());
            }
        });
        save.disableProperty().bind(lesson.lessonProperty().isNull());
        open.disableProperty().bind(model.activity().busyProperty());
        menu.getItems().addAll(new SeparatorMenuItem(), open, add, save);
        Consumer<List<LessonModel.Shipped>> fill = list -> {
            List<MenuItem> items = new ArrayList<>();
            for (LessonModel.Shipped s : list) {
                MenuItem item = new MenuItem(s.title());
                item.setOnAction(e -> lesson.open(s.file()));
                item.disableProperty().bind(model.activity().busyProperty());
                items.add(item);
            }
            menu.getItems().remove(0, menu.getItems().indexOf(open) - 1);
            menu.getItems().addAll(0, items);
        };
        fill.accept(lesson.shippedProperty().get());
        lesson.shippedProperty().addListener((o, a, list) -> fill.accept(list));
        return menu;
    }

    private static FileChooser lessonChooser() {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Workbench lesson", "*.json"));
        return chooser;
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
        saveNode(getScene().getRoot(), file, activity);
    }

    private static void saveNode(Node node, Path file, Activity activity) {
        BufferedImage image = SwingFXUtils.fromFXImage(node.snapshot(null, null), null);
        ChartPane.offFx(() -> {
            try {
                ImageIO.write(image, "png", file.toFile());
                FxThread.later(() -> activity.status("Saved " + file));
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

    ViewGrid views() {
        return views;
    }
}
