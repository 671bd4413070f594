package dev.seedloop.demos;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The demos use seedloop the way a user would: through the public API only. */
class ArchitectureTests {
    private static final JavaClasses DEMOS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.seedloop.demos");

    @Test
    void demosUseOnlyThePublicApi() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.seedloop.engine.internal..")
                .check(DEMOS);
    }

    @Test
    void demosNeverReachTheViewer() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.seedloop.viewer..", "javafx..")
                .check(DEMOS);
    }
}
