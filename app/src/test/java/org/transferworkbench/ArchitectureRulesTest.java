package org.transferworkbench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core (data, nets, experiments, results) is shared by CLI and GUI: it must never depend on JavaFX or the UI. */
class ArchitectureRulesTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.transferworkbench");

    @Test
    void coreDoesNotImportJavaFx() {
        noClasses().that().resideInAPackage("org.transferworkbench.core..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.transferworkbench.ui..",
                        "org.transferworkbench.cli..")
                .check(CLASSES);
    }
}
