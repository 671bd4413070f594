package dev.seedloop.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The liveness properties of a run still waiting to become true, and the earliest deadline among them,
 * so that the step loop pays one comparison per step while none is due.
 */
final class LivenessTracker {
    /** A property, when it was stated, its bound, and the virtual time by which it must hold. */
    record Pending(String name, BooleanSupplier property, long since, long within, long deadline) {}

    private final List<Pending> pending = new ArrayList<>();
    private long nextDeadline = Long.MAX_VALUE;

    void add(Pending property) {
        pending.add(property);
        nextDeadline = Math.min(nextDeadline, property.deadline());
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** The earliest deadline of a property still pending, or {@code Long.MAX_VALUE}. */
    long nextDeadline() {
        return nextDeadline;
    }

    /**
     * Drops every property that holds now, at virtual time {@code now}: once true, a property is satisfied
     * for good. Each is told to {@code recorder} (a FULL trace records when it held).
     */
    void dropSatisfied(long now, EventRecorder recorder) {
        pending.removeIf(p -> {
            if (!SimulationRun.holds("eventually property", p.name(), p.property())) {
                return false;
            }
            recorder.livenessHeld(now, p.name(), now - p.since(), p.within());
            return true;
        });
        long next = Long.MAX_VALUE;
        for (Pending p : pending) {
            next = Math.min(next, p.deadline());
        }
        nextDeadline = next;
    }

    /** The pending property whose deadline passed first before {@code time}, or null. */
    Pending missedBefore(long time) {
        Pending missed = null;
        for (Pending p : pending) {
            if (p.deadline() < time && (missed == null || p.deadline() < missed.deadline())) {
                missed = p;
            }
        }
        return missed;
    }
}
