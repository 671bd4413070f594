package dev.seedloop.demos.raft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.CheckOptions;
import dev.seedloop.engine.api.CheckResult;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.internal.RunListener;
import dev.seedloop.engine.internal.ScenarioRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Same seed, same run: the same digest and the same event sequence, on one thread and on all cores. */
class ReplayEquivalenceTests {
    private static final int SEEDS = 1000;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everySeedReplaysToTheSameEventsAndDigest(boolean flawed) {
        RaftElection scenario = flawed ? RaftElection.buggy() : RaftElection.correct();
        for (long seed = 0; seed < SEEDS; seed++) {
            EventLines first = new EventLines();
            EventLines second = new EventLines();
            RunResult a = ScenarioRunner.run(scenario, seed, RunOptions.DEFAULTS, first);
            RunResult b = ScenarioRunner.run(scenario, seed, RunOptions.DEFAULTS, second);
            assertThat(b.digest()).as("digest of seed %d", seed).isEqualTo(a.digest());
            assertThat(second.lines).as("events of seed %d", seed).isEqualTo(first.lines);
            assertThat(outcome(b)).as("result of seed %d", seed).isEqualTo(outcome(a));
            assertThat(first.lines.stream().filter(l -> !l.startsWith("[address")).count()).isEqualTo(a.events());
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

    /** Every event as a line of text, including the event kinds that a digest folds in. */
    private static final class EventLines implements RunListener {
        final List<String> lines = new ArrayList<>();

        private void add(Object... parts) {
            lines.add(Arrays.toString(parts));
        }

        @Override
        public void addressCreated(int index, String name) {
            add("address", index, name);
        }

        @Override
        public void nodeStarted(long step, long time, int node, int incarnation) {
            add("start", step, time, node, incarnation);
        }

        @Override
        public void nodeCrashed(long step, long time, int node) {
            add("crash", step, time, node);
        }

        @Override
        public void messageSent(long step, long time, long id, int src, int dst, long latency, Object message) {
            add("send", step, time, id, src, dst, latency, message);
        }

        @Override
        public void messageDelivered(long step, long time, long id, int src, int dst, Object message) {
            add("deliver", step, time, id, src, dst);
        }

        @Override
        public void messageDropped(long step, long time, long id, int src, int dst, int reason, Object message) {
            add("drop", step, time, id, src, dst, reason);
        }

        @Override
        public void messageDuplicated(long step, long time, long id, int src, int dst, long latency, Object message) {
            add("duplicate", step, time, id, src, dst, latency);
        }

        @Override
        public void timerSet(long step, long time, int node, long timerId, long fireAt, Object tag) {
            add("timer-set", step, time, node, timerId, fireAt, tag);
        }

        @Override
        public void timerFired(long step, long time, int node, long timerId, Object tag) {
            add("timer-fired", step, time, node, timerId);
        }

        @Override
        public void timerCancelled(long step, long time, int node, long timerId, Object tag) {
            add("timer-cancelled", step, time, node, timerId);
        }

        @Override
        public void networkChanged(long step, long time, int change, int node, int[][] groups) {
            add("network", step, time, change, node, Arrays.deepToString(groups));
        }

        @Override
        public void note(long step, long time, String label, String detail) {
            add("note", step, time, label, detail);
        }

        @Override
        public void log(long step, long time, int node, String text) {
            add("log", step, time, node, text);
        }

        @Override
        public void invariantViolated(long step, long time, String name, String evidence) {
            add("violated", step, time, name, evidence);
        }

        @Override
        public void nodeActed(long step, long time, int node, Object nodeObject) {
            // not an event
        }
    }
}
