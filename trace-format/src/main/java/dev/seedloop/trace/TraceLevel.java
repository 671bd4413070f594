package dev.seedloop.trace;

/**
 * How much of a run is recorded.
 *
 * <p>The run digest is the same at every level: levels only decide what reaches the file.
 */
public enum TraceLevel {
    /** Nothing is written; the engine keeps only the running digest. */
    OFF,
    /** Every digested event, without payload renderings, state snapshots or invariant checks. */
    EVENTS,
    /** Every event, with payload renderings, state snapshots and invariant checks. */
    FULL
}
