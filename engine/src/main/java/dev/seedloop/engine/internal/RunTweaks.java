package dev.seedloop.engine.internal;

import java.util.Set;

/**
 * Changes a minimizer makes to a run to look for a smaller reproduction: which scheduled faults to keep
 * (by fault id; the others are left out, but their parameters are still drawn, so every kept fault keeps
 * its resolved values), and a divisor for every link's loss and duplication probability (0 removes them).
 *
 * @param keptFaults the ids of the only faults whose begin and end are scheduled, or null to keep all
 * @param lossDivisor 1 for the scenario's own probabilities, k to divide them by k, 0 to remove them
 */
public record RunTweaks(Set<Long> keptFaults, long lossDivisor) {
    /** No change: the run exactly as the scenario describes it. */
    public static final RunTweaks NONE = new RunTweaks(null, 1);

    /** Copies the set. */
    public RunTweaks {
        keptFaults = keptFaults == null ? null : Set.copyOf(keptFaults);
        if (lossDivisor < 0) {
            throw new IllegalArgumentException("lossDivisor must be >= 0, got " + lossDivisor);
        }
    }

    /** Keeps only {@code faults}, every other fault left out, including ones the original never began. */
    public static RunTweaks keeping(Set<Long> faults, long lossDivisor) {
        return new RunTweaks(faults, lossDivisor);
    }

    boolean skips(long faultId) {
        return keptFaults != null && !keptFaults.contains(faultId);
    }
}
