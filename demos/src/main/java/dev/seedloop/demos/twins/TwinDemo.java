package dev.seedloop.demos.twins;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.CheckOptions;
import dev.seedloop.engine.api.CheckResult;
import dev.seedloop.engine.api.InvariantViolation;
import dev.seedloop.engine.api.RunResult;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The proof for one pair of twins: sweep the buggy twin over seeds {@code 0..K-1} until its invariant
 * fails (and write that seed's trace), then sweep the correct twin over its seeds and find nothing.
 */
public final class TwinDemo {
    private TwinDemo() {}

    /**
     * Runs the proof for {@code twins}, printing to {@code out} and writing the failing trace into
     * {@code traceDirectory}; returns whether both claims held.
     */
    public static boolean run(Twins twins, PrintStream out, Path traceDirectory) {
        out.printf("== %s ==%n", twins.protocol());
        out.printf("flaw: %s%n", twins.flaw());

        out.printf("1. buggy twin %s, seeds 0..%d%n", twins.buggyName(), twins.catchWithin() - 1);
        CheckResult hunt = Simulation.check(twins.buggy(), options(twins.buggyName(), twins.catchWithin(), traceDirectory));
        if (!caughtByItsInvariant(hunt, twins.invariant())) {
            out.printf("   FAILED: expected invariant '%s' to fail within %d seeds: %s%n", twins.invariant(),
                    twins.catchWithin(), hunt.summary());
            return false;
        }
        RunResult found = hunt.firstFailure().orElseThrow();
        out.printf("   caught at seed %d (after %d seeds)%n", found.seed(), hunt.seedsChecked());
        out.printf("   %s%n", found.failure().getMessage());
        out.printf("   replay it with: %s%n", hunt.replayCall().orElseThrow());
        hunt.failureTraceIfAny().ifPresent(trace -> out.printf("   trace: %s%n", trace.toAbsolutePath()));

        out.printf("2. correct twin %s, seeds 0..%d, the same fault plan%n", twins.correctName(), twins.correctSeeds() - 1);
        CheckResult control = Simulation.check(twins.correct(),
                options(twins.correctName(), twins.correctSeeds(), traceDirectory));
        if (!control.passed()) {
            out.printf("   FAILED: %s%n", control.summary());
            return false;
        }
        out.printf("   all %d seeds passed%n", control.seedsChecked());
        out.println();
        return true;
    }

    /** Whether {@code result} failed, and failed by violating the invariant named {@code invariant}. */
    public static boolean caughtByItsInvariant(CheckResult result, String invariant) {
        return result.firstFailure()
                .map(RunResult::failure)
                .filter(failure -> failure instanceof InvariantViolation violation && violation.invariant().equals(invariant))
                .isPresent();
    }

    /** A quiet sweep of seeds {@code 0..seeds-1} named {@code name}, writing a failing trace into {@code traceDirectory}. */
    public static CheckOptions options(String name, long seeds, Path traceDirectory) {
        return CheckOptions.seeds(seeds).withProgress(null).withScenarioName(name).withTraceDirectory(traceDirectory);
    }
}
