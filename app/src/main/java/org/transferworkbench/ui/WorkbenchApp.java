package org.transferworkbench.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.transferworkbench.core.files.SerialFilter;
import org.transferworkbench.core.sweep.BaseNetCache;
import org.transferworkbench.ui.common.Locations;
import org.transferworkbench.ui.common.FxTaskExecutor;

/** The desktop window: opens on the bundled Fashion-MNIST sample, ready to run. */
public class WorkbenchApp extends Application {

    private static final Preferences PREFS = Preferences.userNodeForPackage(WorkbenchApp.class);
    private WorkbenchModel model;
    private MainWindow window;
    private boolean dark = PREFS.getBoolean("dark", false);
    /** Runs once the window is shown (the screenshot command and tests script the app through it). */
    static volatile Consumer<WorkbenchApp> afterStart = app -> { };
    /** Window size override (screenshot command); null = remembered size. */
    static volatile double[] forcedSize;
    /** The window running in this process (the screenshot command asks it what it says when a demo stalls). */
    static volatile WorkbenchApp running;
    /** Whether the first screen shows the first lesson's figure (a scripted sweep turns it off). */
    static volatile boolean preview = true;
    /** A lesson to open instead of the sample ({@code --lesson FILE}); null = none. */
    static volatile Path startLesson;
    private Stage stage;

    public static void launchApp(String... args) {
        Application.launch(WorkbenchApp.class, args);
    }

    /** The window, opening {@code lesson} at its first step ({@code --lesson FILE}). */
    public static void launchWithLesson(Path lesson) {
        startLesson = lesson;
        launchApp();
    }

    /** Where the GUI saves every sweep (results.json + results.csv per sweep), so nothing finished is lost. */
    public static Path resultsRoot() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local",
                "share");
        return base.resolve("transfer-workbench").resolve("results");
    }

    @Override
    public void start(Stage stage) {
        SerialFilter.install();
        running = this;
        applyTheme();
        model = new WorkbenchModel(new FxTaskExecutor(), resultsRoot(), new BaseNetCache(BaseNetCache.defaultFolder()));
        window = new MainWindow(model, this::toggleTheme);
        this.stage = stage;
        double[] size = forcedSize != null ? forcedSize : new double[] {PREFS.getDouble("w", 1440), PREFS.getDouble("h",
                900)};
        Scene scene = new Scene(window, size[0], size[1]);
        scene.getStylesheets().add(WorkbenchApp.class.getResource("workbench.css").toExternalForm());
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN),
                model.sweep()::runSweep);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN),
                model.sweep()::runCutPoint);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), model.sweep()::cancel);
        stage.setTitle("Transfer Workbench");
        Locations.find("assets/icons/transfer-workbench.png")
                .ifPresent(icon -> stage.getIcons().add(new Image(icon.toUri().toString())));
        stage.setScene(scene);
        double x = PREFS.getDouble("x", Double.NaN);
        if (!Double.isNaN(x)) {
            stage.setX(x);
            stage.setY(PREFS.getDouble("y", 0));
        }
        stage.setMaximized(PREFS.getBoolean("maximized", false));
        if (forcedSize == null) {
            stage.setOnCloseRequest(e -> saveWindow(stage));
        }
        stage.show();
        afterFirstFrame(scene, model.sweep()::startBackend);
        // Presentation mode fills the screen; leaving full screen (Esc) leaves presentation mode.
        model.lesson().presentationProperty().addListener((o, was, on) -> {
            if (forcedSize == null) {
                stage.setFullScreen(on);
            }
        });
        stage.fullScreenProperty().addListener((o, was, on) -> {
            if (!on) {
                model.lesson().presentationProperty().set(false);
            }
        });
        afterStart.accept(this);
        if (startLesson != null) {
            model.lesson().open(startLesson); // its first step loads its own data
        } else {
            Locations.find("sample-data/fashion-mnist").ifPresent(model.data()::load);
            if (preview) {
                model.lesson().preview(); // the first lesson's figure under the sample, once it has loaded
            }
        }
        // After the sample's load is queued: reading the bundled net's filters starts ND4J (1.5 s here), which the
        // sample and the first figure need not wait for.
        Locations.find("assets/nets/fashion-mnist-A.zip").ifPresent(model.net()::setDefaultPretrained);
    }

    /**
     * Runs {@code action} once the scene's first frame is out: at the second layout pulse (the first frame is drawn
     * right after the first pulse's layout).
     */
    private static void afterFirstFrame(Scene scene, Runnable action) {
        int[] pulses = {0};
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            if (++pulses[0] == 2) {
                scene.removePostLayoutPulseListener(listener[0]);
                action.run();
            }
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }

    @Override
    public void stop() {
        if (model != null) {
            model.shutdown();
        }
        Platform.exit();
    }

    public Stage stage() {
        return stage;
    }

    public void setDark(boolean value) {
        if (dark != value) {
            toggleTheme();
        }
    }

    public WorkbenchModel model() {
        return model;
    }

    public MainWindow window() {
        return window;
    }

    private void toggleTheme() {
        dark = !dark;
        if (forcedSize == null) {
            // A scripted window (the screenshot command) must not change the user's saved theme.
            PREFS.putBoolean("dark", dark);
        }
        applyTheme();
    }

    private void applyTheme() {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    private static void saveWindow(Stage stage) {
        PREFS.putBoolean("maximized", stage.isMaximized());
        if (!stage.isMaximized()) {
            PREFS.putDouble("x", stage.getX());
            PREFS.putDouble("y", stage.getY());
            PREFS.putDouble("w", stage.getWidth());
            PREFS.putDouble("h", stage.getHeight());
        }
    }
}
