package dev.seedloop.trace;

import java.util.Optional;

/**
 * The result of {@link TraceVerifier#verify}: whether the events in a file reproduce the digest and the
 * event count its footer claims.
 *
 * @param status the verdict
 * @param digestedEvents the number of digested events read
 * @param recomputedDigest the digest of those events
 * @param footer the footer, if it was reached
 * @param damage the damage that ended reading early, if any
 * @param message one line saying what was found and, if it is not OK, what it means
 */
public record Verification(Status status, long digestedEvents, long recomputedDigest, Optional<TraceFooter> footer,
        Optional<Damage> damage, String message) {

    /** Verdicts, from best to worst. */
    public enum Status {
        /** The footer's digest and event count match the events. */
        OK,
        /** The file holds event kinds this reader does not know (newer minor version): nothing to compare. */
        UNVERIFIABLE,
        /** The file is truncated or corrupt; see {@link #damage()}. */
        DAMAGED,
        /** The number of digested events differs from the footer's count. */
        EVENT_COUNT_MISMATCH,
        /** The events do not reproduce the footer's digest: an event was altered. */
        DIGEST_MISMATCH
    }

    /** Whether the trace verified. */
    public boolean ok() {
        return status == Status.OK;
    }
}
