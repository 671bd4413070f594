package dev.seedloop.viewer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The viewer's layering, as tests: the model has no JavaFX; nothing in the viewer touches the engine. */
class ArchitectureTests {
    private static final JavaClasses VIEWER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.seedloop.viewer");

    @Test
    void theModelHasNoJavaFx() {
        noClasses().that().resideInAPackage("dev.seedloop.viewer.model..").should().dependOnClassesThat()
                .resideInAnyPackage("javafx..", "com.sun.javafx..").check(VIEWER);
    }

    @Test
    void theViewModelsNeedNoToolkitClasses() {
        noClasses().that().resideInAPackage("dev.seedloop.viewer.viewmodel..").should().dependOnClassesThat()
                .resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.application..", "javafx.animation..",
                        "dev.seedloop.viewer.view..")
                .check(VIEWER);
    }

    @Test
    void theViewerNeverTouchesTheEngine() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.seedloop.engine..").check(VIEWER);
    }

    @Test
    void theModelDoesNotDependOnViewModelsOrViews() {
        noClasses().that().resideInAPackage("dev.seedloop.viewer.model..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.seedloop.viewer.viewmodel..", "dev.seedloop.viewer.view..").check(VIEWER);
    }
}
