package dev.seedloop.engine.api;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of a sweep. It is the same whatever the number of threads: the first failure is the one
 * at the lowest position in the seed order, and {@link #seedsChecked()} counts the seeds up to and
 * including it.
 *
 * @param seedsChecked how many seeds, from the start of the seed order, the result covers
 * @param failures the failing runs in seed order: at most one when stopping at the first failure
 * @param sweepDigest a digest of the per-seed digests of every seed covered, in order: equal sweeps
 *     have equal sweep digests
 * @param scenarioName the scenario's name, as given in the options
 */
public record CheckResult(long seedsChecked, List<RunResult> failures, long sweepDigest, String scenarioName) {
    /** Copies the failure list. */
    public CheckResult {
        failures = List.copyOf(failures);
    }

    /** Whether every seed covered passed. */
    public boolean passed() {
        return failures.isEmpty();
    }

    /** The failing run with the lowest position in the seed order, if any. */
    public Optional<RunResult> firstFailure() {
        return failures.isEmpty() ? Optional.empty() : Optional.of(failures.get(0));
    }

    /** The exact call that replays the first failure, for example {@code Simulation.replay(RaftElection.buggy(), 7)}. */
    public Optional<String> replayCall() {
        return firstFailure().map(f -> "Simulation.replay(" + scenarioName + ", " + f.seed() + ")");
    }

    /** One line for people: how many seeds passed, or the first failure and how to replay it. */
    public String summary() {
        if (passed()) {
            return scenarioName + ": " + seedsChecked + " seeds passed";
        }
        RunResult first = failures.get(0);
        return scenarioName + ": seed " + first.seed() + " failed after " + seedsChecked + " seeds checked: "
                + first.failure().getMessage() + System.lineSeparator()
                + "  replay it with: " + replayCall().orElseThrow();
    }

    /** Throws an {@link AssertionError} with the {@link #summary()} unless every seed passed. */
    public CheckResult assertPassed() {
        if (!passed()) {
            throw new AssertionError(summary(), failures.get(0).failure());
        }
        return this;
    }
}
