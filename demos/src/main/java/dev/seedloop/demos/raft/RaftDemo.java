package dev.seedloop.demos.raft;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.CheckOptions;
import dev.seedloop.engine.api.CheckResult;
import dev.seedloop.engine.api.InvariantViolation;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.SimulationFailure;
import dev.seedloop.trace.RunDigest;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.TraceOutput;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The worked proof, end to end: sweep the flawed election until a split-brain appears, replay that seed
 * and show the same violation at the same step and virtual time, then sweep the correct election over
 * the same seeds and find nothing. Exits 0 only if all three hold.
 */
public final class RaftDemo {
    static final int SEEDS = 200;
    /** Where the demo writes its traces: predictable, so the viewer and the trace CLI can be pointed at them. */
    static final Path TRACE_DIRECTORY = CheckOptions.DEFAULT_TRACE_DIRECTORY;

    private RaftDemo() {}

    /** Runs the demo; the exit status is 0 when the proof reproduces, 1 when it does not. */
    public static void main(String[] args) {
        System.exit(run(System.out) ? 0 : 1);
    }

    /** Runs the demo, printing to {@code out}; returns whether every claim held. */
    static boolean run(PrintStream out) {
        out.println("seedloop Raft election demo: hunting for split-brain");
        out.println();

        RaftElection buggy = RaftElection.buggy();
        out.printf("1. buggy election (single-vote-per-term rule omitted), seeds 0..%d%n", SEEDS - 1);
        CheckResult hunt = Simulation.check(buggy, options(buggy));
        if (hunt.passed()) {
            out.printf("   FAILED: no split-brain in %d seeds; the flaw was not found%n", SEEDS);
            return false;
        }
        RunResult found = hunt.firstFailure().orElseThrow();
        SimulationFailure failure = found.failure();
        out.printf("   split-brain at seed %d (after %d seeds)%n", found.seed(), hunt.seedsChecked());
        out.printf("   %s%n", failure.getMessage());
        out.printf("   replay it with: %s%n", hunt.replayCall().orElseThrow());
        hunt.failureTraceIfAny().ifPresent(trace -> out.printf("   trace (FULL, digest verified): %s%n", trace.toAbsolutePath()));
        out.println();

        out.printf("2. replay of seed %d%n", found.seed());
        RunResult replayed = Simulation.replay(buggy, found.seed());
        boolean reproduced = sameFailure(found, replayed);
        out.printf("   %s%n", replayed.passed() ? "passed (no failure)" : replayed.failure().getMessage());
        out.printf("   digest %s vs %s: %s%n", RunDigest.format(found.digest()), RunDigest.format(replayed.digest()),
                reproduced ? "same violation, same step, same virtual time, same events" : "DID NOT REPRODUCE");
        if (!reproduced) {
            return false;
        }
        out.println();

        RaftElection correct = RaftElection.correct();
        out.printf("3. correct election (single-vote rule enforced), the same seeds 0..%d%n", SEEDS - 1);
        CheckResult control = Simulation.check(correct, options(correct));
        if (!control.passed()) {
            out.printf("   FAILED: %s%n", control.summary());
            return false;
        }
        out.printf("   all %d seeds passed: the violation is the flaw, not the harness%n", control.seedsChecked());
        Path correctTrace = TRACE_DIRECTORY.resolve(options(correct).traceFileFor(found.seed()).getFileName());
        Simulation.replay(correct, found.seed(), RunOptions.DEFAULTS, TraceOutput.full(correctTrace, correct.describe()));
        out.printf("   the correct election at seed %d, for comparison: %s%n", found.seed(), correctTrace.toAbsolutePath());
        return true;
    }

    private static CheckOptions options(RaftElection scenario) {
        return CheckOptions.seeds(SEEDS).withScenarioName(scenario.describe()).withTraceDirectory(TRACE_DIRECTORY);
    }

    private static boolean sameFailure(RunResult original, RunResult replayed) {
        return original.digest() == replayed.digest()
                && replayed.failure() instanceof InvariantViolation again
                && original.failure() instanceof InvariantViolation first
                && first.invariant().equals(again.invariant())
                && first.step() == again.step()
                && first.timeNanos() == again.timeNanos();
    }
}
