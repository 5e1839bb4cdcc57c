package org.transferworkbench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import javafx.application.Platform;
import javafx.scene.Node;
import org.junit.jupiter.api.Test;

/** The layering the code map in the README describes, checked on every build. */
class ArchitectureRulesTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.transferworkbench");

    static final String[] FEATURES = {"data", "split", "net", "runs", "sweep"};

    @Test
    void coreDoesNotImportJavaFxTheWindowOrTheCommandLine() {
        noClasses().that().resideInAPackage("org.transferworkbench.core..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.transferworkbench.ui..",
                        "org.transferworkbench.cli..")
                .because("the core (data, nets, experiments, results) is shared by the CLI and the window and is "
                        + "tested without a display")
                .check(CLASSES);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("org.transferworkbench.(**)")
                .should().beFreeOfCycles()
                .because("each layer and feature can then be read, tested and changed on its own")
                .check(CLASSES);
    }

    @Test
    void onlyUiCommonHandsWorkToTheFxThread() {
        noClasses().that().resideOutsideOfPackage("org.transferworkbench.ui.common..")
                .should().callMethod(Platform.class, "runLater", Runnable.class)
                .because("results reach the FX thread through the TaskExecutor and the event pump, so a feature "
                        + "model runs unchanged on the same-thread executor in tests")
                .check(CLASSES);
    }

    @Test
    void featureModelsAndViewsDoNotReachIntoTheCompositionRoot() {
        for (String feature : FEATURES) {
            noClasses().that().resideInAPackage("org.transferworkbench.ui." + feature + "..")
                    .should().dependOnClassesThat().resideInAPackage("org.transferworkbench.ui")
                    .because("a feature gets what it needs from WorkbenchModel's constructor, not the whole model")
                    .check(CLASSES);
        }
    }

    @Test
    void viewsDoNotImportOtherFeaturesViews() {
        DescribedPredicate<JavaClass> view = DescribedPredicate.describe("a view",
                c -> c.isAssignableTo(Node.class) && c.getPackageName().startsWith("org.transferworkbench.ui."));
        ArchCondition<JavaClass> onlyOwnViews = new ArchCondition<>("use only views of their own feature or "
                + "ui.common") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                item.getDirectDependenciesFromSelf().stream()
                        .map(d -> d.getTargetClass().getBaseComponentType())
                        .filter(t -> view.test(t) && !t.getPackageName().equals(item.getPackageName())
                                && !t.getPackageName().equals("org.transferworkbench.ui.common"))
                        .forEach(t -> events.add(SimpleConditionEvent.violated(item, item.getName() + " uses the view "
                                + t.getName() + " of another feature")));
            }
        };
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .that(view).and().resideOutsideOfPackage("org.transferworkbench.ui")
                .should(onlyOwnViews)
                .because("views talk to models, not to each other; the window (MainWindow) lays them out")
                .check(CLASSES);
    }
}
