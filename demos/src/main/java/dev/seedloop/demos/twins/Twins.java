package dev.seedloop.demos.twins;

import dev.seedloop.engine.api.Scenario;
import java.util.Objects;

/**
 * A protocol of the bug zoo as a pair: the buggy twin the engine must catch, and the correct twin that
 * must pass the same fault plan.
 *
 * @param protocol a short name for people ("Raft log replication")
 * @param flaw what the buggy twin gets wrong, in one sentence
 * @param buggy the scenario with the flaw
 * @param buggyName how the buggy scenario is written in Java, for replay calls ({@code RaftLog.buggy()})
 * @param correct the scenario without the flaw, the same fault plan
 * @param correctName how the correct scenario is written in Java
 * @param invariant the name of the invariant the buggy twin must violate
 * @param catchWithin K: the sweep of seeds {@code 0..K-1} must catch the buggy twin (measured, with margin)
 * @param correctSeeds how many seeds the correct twin must pass
 */
public record Twins(String protocol, String flaw, Scenario buggy, String buggyName, Scenario correct,
        String correctName, String invariant, int catchWithin, int correctSeeds) {
    /** Validates the pair. */
    public Twins {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(flaw, "flaw");
        Objects.requireNonNull(buggy, "buggy");
        Objects.requireNonNull(buggyName, "buggyName");
        Objects.requireNonNull(correct, "correct");
        Objects.requireNonNull(correctName, "correctName");
        Objects.requireNonNull(invariant, "invariant");
        if (catchWithin < 1 || correctSeeds < 1) {
            throw new IllegalArgumentException("catchWithin and correctSeeds must be positive, got "
                    + catchWithin + " and " + correctSeeds);
        }
    }
}
