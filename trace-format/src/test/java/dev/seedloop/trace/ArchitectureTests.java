package dev.seedloop.trace;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

/** trace-format stands alone: the viewer and other languages' tools depend on it, never the reverse. */
class ArchitectureTests {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.seedloop.trace");

    @Test
    void traceFormatDependsOnNoEngineViewerOrDemoClasses() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("dev.seedloop.engine..", "dev.seedloop.viewer..", "dev.seedloop.demos..")
                .check(CLASSES);
    }

    @Test
    void traceFormatDependsOnNoJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..").check(CLASSES);
    }

    @Test
    void onlyTheCliUsesPicocli() {
        noClasses().that().resideOutsideOfPackage("dev.seedloop.trace.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..").check(CLASSES);
    }

    @Test
    void theLibraryDoesNotDependOnItsCli() {
        noClasses().that().resideOutsideOfPackage("dev.seedloop.trace.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.seedloop.trace.cli..").check(CLASSES);
    }

    @Test
    void subpackagesHaveNoCycles() {
        // Sub-packages (internal, diff, export, cli, v1) must form a DAG. The root API package and internal
        // refer to each other by design: the codecs in internal convert the API's records.
        SlicesRuleDefinition.slices().matching("dev.seedloop.trace.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
