package dev.seedloop.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The engine's architecture as executable rules: what it may depend on, and the escapes from the
 * simulation that its main code must never contain.
 */
class ArchitectureTests {
    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.seedloop.engine");

    private static final String SWEEP = "dev.seedloop.engine.internal.sweep..";

    @Test
    void engineDependsOnNeitherTheViewerNorTheDemosNorJavaFx() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("dev.seedloop.viewer..", "dev.seedloop.demos..", "javafx..")
                .check(ENGINE);
    }

    @Test
    void thePublicApiNeverReachesIntoTheInternals() {
        noClasses().that().resideInAPackage("dev.seedloop.engine.api..")
                .should().dependOnClassesThat().resideInAPackage("dev.seedloop.engine.internal..")
                .check(ENGINE);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.seedloop.(**)").should().beFreeOfCycles().check(ENGINE);
    }

    @Test
    void noWallClockInsideTheSimulation() {
        // Two named exceptions, both outside every run: sweep progress lines, and trace provenance
        // (wall time in the header's provenance part, which is never digested).
        noClasses().that().resideOutsideOfPackage(SWEEP)
                .and().doNotHaveFullyQualifiedName("dev.seedloop.engine.internal.trace.WallClockProvenance")
                .should().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().dependOnClassesThat().belongToAnyOf(Clock.class)
                .orShould().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .check(ENGINE);
        // The sweep reads the wall clock only to print progress, never to decide anything.
        noClasses().that().resideInAPackage(SWEEP).and().doNotHaveSimpleName("ProgressReporter")
                .should().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .check(ENGINE);
    }

    @Test
    void noUnseededRandomness() {
        noClasses().should().dependOnClassesThat()
                .belongToAnyOf(Random.class, SplittableRandom.class, ThreadLocalRandom.class, SecureRandom.class)
                .orShould().callMethod(Math.class, "random")
                .orShould().callMethod(UUID.class, "randomUUID")
                .orShould().callMethod(System.class, "identityHashCode", Object.class)
                .check(ENGINE);
    }

    @Test
    void noThreadsInsideTheSimulation() {
        noClasses().that().resideOutsideOfPackage(SWEEP)
                .should().dependOnClassesThat().belongToAnyOf(Thread.class, ThreadGroup.class)
                .orShould().dependOnClassesThat().resideInAPackage("java.util.concurrent..")
                .check(ENGINE);
    }

    @Test
    void noStaticMutableState() {
        fields().that().areStatic().should().beFinal().check(ENGINE);
        fields().that().areStatic()
                .should().notHaveRawType(java.util.Collection.class)
                .andShould().notHaveRawType(java.util.Map.class)
                .andShould().notHaveRawType(java.util.List.class)
                .because("a static collection would be shared by the runs of a parallel sweep")
                .check(ENGINE);
    }
}
