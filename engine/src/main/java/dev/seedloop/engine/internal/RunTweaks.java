package dev.seedloop.engine.internal;

import java.util.Set;

/**
 * Changes a minimizer makes to a run to look for a smaller reproduction: scheduled faults to leave out
 * (by fault id; their parameters are still drawn, so every other fault keeps its resolved values), and
 * a divisor for every link's loss and duplication probability (0 removes them).
 *
 * @param skippedFaults the ids of faults whose begin and end are not scheduled
 * @param lossDivisor 1 for the scenario's own probabilities, k to divide them by k, 0 to remove them
 */
public record RunTweaks(Set<Long> skippedFaults, long lossDivisor) {
    /** No change: the run exactly as the scenario describes it. */
    public static final RunTweaks NONE = new RunTweaks(Set.of(), 1);

    /** Copies the set. */
    public RunTweaks {
        skippedFaults = Set.copyOf(skippedFaults);
        if (lossDivisor < 0) {
            throw new IllegalArgumentException("lossDivisor must be >= 0, got " + lossDivisor);
        }
    }

    boolean skips(long faultId) {
        return skippedFaults.contains(faultId);
    }
}
