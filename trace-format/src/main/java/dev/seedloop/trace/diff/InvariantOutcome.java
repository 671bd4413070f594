package dev.seedloop.trace.diff;

import java.util.OptionalLong;

/**
 * How an invariant fared in two traces.
 *
 * @param name the invariant
 * @param violatedAtA the step of its first violation in trace A, empty if it held
 * @param violatedAtB likewise for trace B
 * @param checksA how many checks of it trace A records (0 unless it is a FULL trace)
 * @param checksB likewise for trace B
 */
public record InvariantOutcome(String name, OptionalLong violatedAtA, OptionalLong violatedAtB, long checksA,
        long checksB) {
    /** Whether the two traces agree on whether the invariant was violated. */
    public boolean agrees() {
        return violatedAtA.isPresent() == violatedAtB.isPresent();
    }
}
