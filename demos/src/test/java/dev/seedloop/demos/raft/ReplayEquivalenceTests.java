package dev.seedloop.demos.raft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.CheckOptions;
import dev.seedloop.engine.api.CheckResult;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.TraceOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Same seed, same run: the same digest and the same event sequence, on one thread and on all cores. */
class ReplayEquivalenceTests {
    private static final int SEEDS = 1000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everySeedReplaysToTheSameEventsAndDigest(boolean flawed) throws Exception {
        RaftElection scenario = flawed ? RaftElection.buggy() : RaftElection.correct();
        Path first = dir.resolve("first.trace");
        Path second = dir.resolve("second.trace");
        for (long seed = 0; seed < SEEDS; seed++) {
            RunResult a = Simulation.replay(scenario, seed, RunOptions.DEFAULTS,
                    TraceOutput.events(first, scenario.describe()).withStableProvenance());
            RunResult b = Simulation.replay(scenario, seed, RunOptions.DEFAULTS,
                    TraceOutput.events(second, scenario.describe()).withStableProvenance());
            assertThat(outcome(b)).as("result of seed %d", seed).isEqualTo(outcome(a));
            // The same events, byte for byte: every time, node, id and latency.
            assertThat(Files.readAllBytes(second)).as("events of seed %d", seed).isEqualTo(Files.readAllBytes(first));
        }
    }

    @Test
    void differentSeedsTakeDifferentPaths() {
        // Keeps the equivalence test honest: if every seed gave the same run, it would prove nothing.
        long distinct = java.util.stream.LongStream.range(0, 100)
                .map(seed -> Simulation.replay(RaftElection.correct(), seed).digest())
                .distinct().count();
        assertThat(distinct).isEqualTo(100);
    }

    @Test
    void aSweepGivesTheSameResultOnOneThreadAndOnAllCores() {
        int cores = Math.max(2, Runtime.getRuntime().availableProcessors());
        for (RaftElection scenario : List.of(RaftElection.correct(), RaftElection.buggy())) {
            CheckOptions options = CheckOptions.seeds(SEEDS).withProgress(null).collectingAllFailures();
            CheckResult single = Simulation.check(scenario, options.withThreads(1));
            CheckResult parallel = Simulation.check(scenario, options.withThreads(cores));
            CheckResult oversubscribed = Simulation.check(scenario, options.withThreads(4 * cores));
            assertThat(outcome(parallel)).isEqualTo(outcome(single));
            assertThat(outcome(oversubscribed)).isEqualTo(outcome(single));
            for (RunResult failure : single.failures()) {
                assertThat(outcome(Simulation.replay(scenario, failure.seed()))).isEqualTo(outcome(failure));
            }
        }
    }

    /** Everything a run result says, the failure by type and message (exceptions compare by identity). */
    private static String outcome(RunResult r) {
        String failure = r.passed() ? "passed" : r.failure().getClass().getSimpleName() + ": " + r.failure().getMessage();
        return r.seed() + " " + r.digest() + " " + r.steps() + " " + r.events() + " " + r.endTimeNanos() + " " + failure;
    }

    /** Everything a sweep result says. */
    private static String outcome(CheckResult r) {
        return r.seedsChecked() + " " + r.sweepDigest() + " " + r.scenarioName() + " "
                + r.failures().stream().map(ReplayEquivalenceTests::outcome).toList();
    }
}
