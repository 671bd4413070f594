package dev.seedloop.trace;

import static dev.seedloop.trace.internal.Checks.nonNegative;
import static dev.seedloop.trace.internal.Checks.notNull;

import java.util.Optional;

/**
 * The last record of a complete trace.
 *
 * @param outcome how the run ended
 * @param failure why it failed; present exactly when the outcome is FAILED
 * @param steps the number of steps the run took
 * @param eventCount the number of digested events ({@link RunDigest#eventCount()})
 * @param digest the run digest ({@link RunDigest#value()})
 * @param finalTimeNanos the virtual time at the end of the run
 */
public record TraceFooter(Outcome outcome, Optional<RunFailure> failure, long steps, long eventCount, long digest,
        long finalTimeNanos) {
    public TraceFooter {
        notNull(outcome, "outcome");
        notNull(failure, "failure");
        if ((outcome == Outcome.FAILED) != failure.isPresent()) {
            throw new IllegalArgumentException("a failure must be given exactly when the outcome is FAILED ("
                    + outcome + ", failure " + (failure.isPresent() ? "given" : "absent") + ")");
        }
        nonNegative(steps, "steps");
        nonNegative(eventCount, "eventCount");
        nonNegative(finalTimeNanos, "finalTimeNanos");
    }

    /** The footer of a run that passed. */
    public static TraceFooter passed(long steps, RunDigest digest, long finalTimeNanos) {
        return new TraceFooter(Outcome.PASSED, Optional.empty(), steps, digest.eventCount(), digest.value(),
                finalTimeNanos);
    }

    /** The footer of a run that failed. */
    public static TraceFooter failed(RunFailure failure, long steps, RunDigest digest, long finalTimeNanos) {
        return new TraceFooter(Outcome.FAILED, Optional.of(failure), steps, digest.eventCount(), digest.value(),
                finalTimeNanos);
    }
}
