package dev.seedloop.demos.bench;

import dev.seedloop.demos.raft.RaftElection;
import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.RunResult;
import java.time.Duration;

/**
 * The two configurations the figures are given for: the correct Raft election with 3 nodes for 3 virtual
 * seconds, and with 5 nodes for 10 virtual seconds.
 */
enum BenchConfig {
    /** {@code RaftElection.correct()}: 3 nodes, 3 virtual seconds. */
    RAFT_3X3("3x3", RaftElection.correct()),
    /** {@code RaftElection.correct().withNodes(5).withDuration(Duration.ofSeconds(10))}. */
    RAFT_5X10("5x10", RaftElection.correct().withNodes(5).withDuration(Duration.ofSeconds(10)));

    final String label;
    final RaftElection scenario;

    BenchConfig(String label, RaftElection scenario) {
        this.label = label;
        this.scenario = scenario;
    }

    /** The configuration labelled {@code label} ("3x3" or "5x10"). */
    static BenchConfig of(String label) {
        for (BenchConfig config : values()) {
            if (config.label.equals(label)) {
                return config;
            }
        }
        throw new IllegalArgumentException("unknown configuration '" + label + "'; use 3x3 or 5x10");
    }

    /**
     * Replays seeds {@code 0..count-1} once and adds up their recorded events and processed steps. Runs
     * are deterministic, so these totals are exact for every later run of the same seeds. Fails if a
     * seed fails: the figures are for passing runs of the correct election.
     */
    Totals totals(int count) {
        long events = 0;
        long steps = 0;
        for (long seed = 0; seed < count; seed++) {
            RunResult run = Simulation.replay(scenario, seed);
            if (!run.passed()) {
                throw new IllegalStateException(label + " seed " + seed + " failed: " + run.failure());
            }
            events += run.events();
            steps += run.steps();
        }
        return new Totals(count, events, steps);
    }

    /** Exact totals over seeds {@code 0..seeds-1}. */
    record Totals(long seeds, long events, long steps) {
        double eventsPerSeed() {
            return (double) events / seeds;
        }

        double stepsPerSeed() {
            return (double) steps / seeds;
        }
    }
}
