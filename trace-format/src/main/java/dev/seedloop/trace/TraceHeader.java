package dev.seedloop.trace;

import static dev.seedloop.trace.internal.Checks.notNull;

/** The first record of a trace: the run's identity (digestible) and provenance (never compared). */
public record TraceHeader(RunIdentity identity, Provenance provenance) {
    public TraceHeader {
        notNull(identity, "identity");
        notNull(provenance, "provenance");
    }
}
