package dev.seedloop.engine.internal.trace;

import dev.seedloop.trace.Provenance;
import java.time.Instant;

/**
 * Where and when a trace file is written: the one place the engine reads the wall clock for a trace.
 * Provenance goes into the header's provenance part, which is never digested and never compared, so
 * it cannot make two runs of a seed differ.
 */
public final class WallClockProvenance {
    private WallClockProvenance() {}

    /** The provenance of a trace written now, by this JVM, on this host. */
    public static Provenance now() {
        return Provenance.current(Instant.now()); // wall-clock-ok: provenance only, never digested
    }
}
