package dev.seedloop.trace.diff;

import dev.seedloop.trace.TraceEvent;
import java.util.Optional;

/**
 * The first place where two traces' digested event streams differ, comparing events by their digest
 * words (kind, time, nodes, id, value), position by position.
 *
 * @param index the position among digested events (0-based) where they differ
 * @param a the event of trace A there, empty if A ended first
 * @param b the event of trace B there, empty if B ended first
 * @param previousA the last event the traces had in common, from trace A, if any
 */
public record Divergence(long index, Optional<TraceEvent> a, Optional<TraceEvent> b, Optional<TraceEvent> previousA) {
    /** The step at which the traces diverge: the step of whichever event exists (A's if both). */
    public long step() {
        return a.map(TraceEvent::step).orElseGet(() -> b.map(TraceEvent::step).orElse(0L));
    }
}
