package dev.seedloop.engine.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

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
 * @param runOptions the limits every run had, part of the replay call when they are not the defaults
 * @param failureTrace the FULL trace of the first failure, or null if none was written
 * @param traceProblem why a trace that was asked for could not be written (the finding stands without
 *     it), or null
 */
public record CheckResult(long seedsChecked, List<RunResult> failures, long sweepDigest, String scenarioName,
        RunOptions runOptions, Path failureTrace, String traceProblem) {
    /** Copies the failure list. */
    public CheckResult {
        failures = List.copyOf(failures);
    }

    /** A result whose trace, if any was asked for, was written. */
    public CheckResult(long seedsChecked, List<RunResult> failures, long sweepDigest, String scenarioName,
            RunOptions runOptions, Path failureTrace) {
        this(seedsChecked, failures, sweepDigest, scenarioName, runOptions, failureTrace, null);
    }

    /** The FULL trace of the first failure, if one was written. */
    public Optional<Path> failureTraceIfAny() {
        return Optional.ofNullable(failureTrace);
    }

    /** Whether every seed covered passed. */
    public boolean passed() {
        return failures.isEmpty();
    }

    /** The failing run with the lowest position in the seed order, if any. */
    public Optional<RunResult> firstFailure() {
        return failures.isEmpty() ? Optional.empty() : Optional.of(failures.get(0));
    }

    /**
     * The exact call that replays the first failure, for example {@code Simulation.replay(RaftElection.buggy(), 7)}.
     * The scenario name stands in the call when it reads as a Java expression (names, member selections and
     * calls); any other name (a JUnit test's {@code Class#method}, free text) is not code, so the call then
     * reads {@code Simulation.replay(scenario, 7)} followed by a comment naming the scenario.
     */
    public Optional<String> replayCall() {
        String options = runOptions.equals(RunOptions.DEFAULTS) ? "" : ", " + runOptions.toJava();
        boolean code = JAVA_EXPRESSION.matcher(scenarioName).matches();
        String argument = code ? scenarioName : "scenario";
        String comment = code ? "" : " // scenario: " + scenarioName;
        return firstFailure().map(f -> "Simulation.replay(" + argument + ", " + f.seed() + options + ")" + comment);
    }

    /** An identifier followed by member selections and calls whose arguments hold no parentheses or '#'. */
    private static final Pattern JAVA_EXPRESSION = Pattern.compile(
            "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
                    + "(\\s*(\\.\\s*[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*|\\([^()#]*\\)))*");

    /** One line for people: how many seeds passed, or the first failure and how to replay it. */
    public String summary() {
        if (passed()) {
            return scenarioName + ": " + seedsChecked + " seeds passed";
        }
        RunResult first = failures.get(0);
        return scenarioName + ": seed " + first.seed() + " failed after " + seedsChecked + " seeds checked: "
                + first.failure().getMessage() + System.lineSeparator()
                + "  replay it with: " + replayCall().orElseThrow()
                + traceLine();
    }

    private String traceLine() {
        if (failureTrace != null) {
            return System.lineSeparator() + "  trace: " + failureTrace.toAbsolutePath();
        }
        return traceProblem == null ? "" : System.lineSeparator() + "  trace: not written: " + traceProblem;
    }

    /** Throws an {@link AssertionError} with the {@link #summary()} unless every seed passed. */
    public CheckResult assertPassed() {
        if (!passed()) {
            throw new AssertionError(summary(), failures.get(0).failure());
        }
        return this;
    }
}
