package dev.seedloop.engine.junit;

import dev.seedloop.engine.api.CheckResult;
import dev.seedloop.engine.api.InvariantViolation;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.SimulationFailure;

/**
 * Turns a sweep's {@link CheckResult} into a test outcome: returns normally when the test passes, throws
 * one {@link AssertionError} whose message says everything needed to act on the failure otherwise.
 */
final class Outcome {
    private static final String NL = System.lineSeparator();

    private final String testName;
    private final SweepSettings settings;
    private final ExpectFailure expected;

    Outcome(String testName, SweepSettings settings, ExpectFailure expected) {
        this.testName = testName;
        this.settings = settings;
        this.expected = expected;
    }

    void judge(CheckResult result) {
        if (expected == null) {
            if (!result.passed()) {
                RunResult first = result.firstFailure().orElseThrow();
                throw new AssertionError(report(result, first), first.failure());
            }
            return;
        }
        if (result.passed()) {
            String passed = result.seedsChecked() == 1 ? "seed " + settings.seeds().seedAt(0) + " passed"
                    : "all " + result.seedsChecked() + " seeds passed";
            throw new AssertionError(testName + ": expected " + describe(expected) + ", but " + passed
                    + " (" + settings.origin() + ")" + NL
                    + "  the bug this test pins is no longer found: if it was fixed, remove @ExpectFailure "
                    + "(the seeds then guard the fix); otherwise sweep more seeds");
        }
        RunResult first = result.firstFailure().orElseThrow();
        if (!matches(expected, first.failure())) {
            throw new AssertionError(testName + ": expected " + describe(expected) + ", but the first failure "
                    + "was another one:" + NL + report(result, first), first.failure());
        }
    }

    static boolean matches(ExpectFailure expected, SimulationFailure failure) {
        if (!expected.value().isInstance(failure)) {
            return false;
        }
        if (expected.invariant().isEmpty()) {
            return true;
        }
        return failure instanceof InvariantViolation violation && violation.invariant().equals(expected.invariant());
    }

    static String describe(ExpectFailure expected) {
        if (!expected.invariant().isEmpty()) {
            return "a violation of invariant '" + expected.invariant() + "'";
        }
        return expected.value() == SimulationFailure.class ? "a failure"
                : "a failure of type " + expected.value().getSimpleName();
    }

    /** The one message of a failing simulation test. */
    String report(CheckResult result, RunResult first) {
        SimulationFailure failure = first.failure();
        StringBuilder out = new StringBuilder();
        out.append(testName).append(": seed ").append(first.seed()).append(" failed");
        if (settings.seedPinned()) {
            out.append(" (").append(settings.origin()).append(')');
        } else {
            out.append(" after ").append(result.seedsChecked()).append(" of ").append(settings.seeds().size())
                    .append(" seeds (").append(settings.origin()).append(')');
        }
        out.append(NL).append("  ").append(failure.detail());
        out.append(NL).append("  at step ").append(failure.step()).append(", virtual time ")
                .append(SimulationFailure.formatTime(failure.timeNanos()));
        result.failureTraceIfAny().ifPresent(trace ->
                out.append(NL).append("  trace: ").append(trace.toAbsolutePath()));
        out.append(NL).append("  replay: add @Replay(seed = ").append(first.seed()).append(") to ").append(testName)
                .append(", or run ./mvnw test -Dtest='").append(testName).append("' -D")
                .append(SweepSettings.SEED).append('=').append(first.seed());
        return out.toString();
    }
}
