package dev.seedloop.engine.api;

import java.nio.file.Path;

/**
 * The outcome of minimizing a failing seed: the original failing run, the smallest run found that fails
 * the same way, and what was taken away. Every candidate tried was itself a deterministic run, so the
 * minimized run replays exactly with the same seed and the same reductions.
 *
 * @param original the failing run as the scenario describes it
 * @param minimized the smallest run found that fails the same way; its seed differs from the
 *     original's when a smaller size of a {@link SizedScenario} failed the same way at another seed. When
 *     a trace was written and its recorded run did not have the candidate's digest, this run's failure is
 *     a {@link NondeterminismDetected} naming where the two runs diverged
 * @param originalFaults how many scheduled faults began in the original run before it failed
 * @param minimizedFaults how many scheduled faults began in the minimized run, which keeps only the
 *     faults the search found necessary and leaves out every other (also those the original run never
 *     reached)
 * @param lossDivisor by how much the minimized run divides every link's loss and duplication
 *     probability (1: unchanged, 0: none at all)
 * @param candidatesTried how many candidate runs the search made
 * @param trace the minimized run's FULL trace, or null if none was written
 * @param scenario the scenario the minimized run ran: the original, or a smaller size of a
 *     {@link SizedScenario}
 * @param originalSize the original scenario's size, or 0 if it is not a {@link SizedScenario}
 * @param minimizedSize the minimized run's size, or 0 if the scenario is not a {@link SizedScenario}
 */
public record Minimization(RunResult original, RunResult minimized, int originalFaults, int minimizedFaults,
        long lossDivisor, int candidatesTried, Path trace, Scenario scenario, int originalSize, int minimizedSize) {

    /** One paragraph for people: original against minimized, in events, faults and virtual time. */
    public String summary() {
        String loss = lossDivisor == 1 ? "as configured" : lossDivisor == 0 ? "not needed (set to zero)"
                : "divided by " + lossDivisor;
        String seeds = minimized.seed() == original.seed() ? "" : " (at seed " + minimized.seed() + ")";
        String text = "minimized seed " + original.seed() + seeds + " in " + candidatesTried + " candidate runs: events "
                + original.events() + " -> " + minimized.events() + ", faults " + originalFaults + " -> "
                + minimizedFaults + ", virtual time " + SimulationFailure.formatTime(original.endTimeNanos()) + " -> "
                + SimulationFailure.formatTime(minimized.endTimeNanos()) + ", loss and duplication " + loss
                + (originalSize > 0 ? ", size " + originalSize + " -> " + minimizedSize : "")
                + System.lineSeparator() + (minimized.failure() instanceof NondeterminismDetected
                        ? "  but it does not replay, so the reduction cannot be trusted: "
                        : "  still fails: ") + minimized.failure().getMessage();
        return trace == null ? text : text + System.lineSeparator() + "  trace: " + trace.toAbsolutePath();
    }
}
