package dev.seedloop.trace;

/** How a run ended. */
public enum Outcome {
    /** Every invariant held until the run's end. */
    PASSED,
    /** The run failed; the footer's {@link RunFailure} says how. */
    FAILED
}
