package dev.seedloop.engine.internal;

import dev.seedloop.trace.EventKindCode;
import dev.seedloop.trace.RunDigest;

/**
 * Turns every engine event into its canonical digest words and, when a listener is attached, forwards
 * it for tracing. The digest is always computed, at every trace level, so that any two runs can be
 * compared; the mapping from event to digest words is the one documented in {@code docs/trace-format.md}.
 *
 * <p>The digest's state and event count live in this object's own fields, folded by
 * {@link RunDigest#foldEvent}, which skips {@link RunDigest#event}'s range checks: every kind here is a
 * constant of {@link EventKindCode}, and every node index is an address index of the run, which
 * {@link SimulationRun#address} keeps at most {@link RunDigest#MAX_NODE_INDEX}, or -1.
 */
final class EventRecorder {
    private final RunListener listener;
    private final boolean recordsInvariantChecks;
    private long digestState = RunDigest.INITIAL_STATE;
    private long digestedEvents;
    private long step;

    EventRecorder(RunListener listener) {
        this.listener = listener;
        this.recordsInvariantChecks = listener != null && listener.recordsInvariantChecks();
    }

    /** Whether {@link #invariantChecked} reaches a listener: checked once per step, so OFF and EVENTS skip it. */
    boolean recordsInvariantChecks() {
        return recordsInvariantChecks;
    }

    void setStep(long currentStep) {
        step = currentStep;
    }

    long digest() {
        return RunDigest.finish(digestState, digestedEvents);
    }

    long eventCount() {
        return digestedEvents;
    }

    private void digest(int kind, long time, int nodeA, int nodeB, long id, long value) {
        digestState = RunDigest.foldEvent(digestState, kind, time, nodeA, nodeB, id, value);
        digestedEvents++;
    }

    void addressCreated(int index, String name) {
        if (listener != null) {
            listener.addressCreated(index, name);
        }
    }

    void nodeStarted(long time, int node, int incarnation) {
        digest(EventKindCode.NODE_STARTED, time, node, -1, incarnation, 0);
        if (listener != null) {
            listener.nodeStarted(step, time, node, incarnation);
        }
    }

    void nodeCrashed(long time, int node) {
        digest(EventKindCode.NODE_CRASHED, time, node, -1, 0, 0);
        if (listener != null) {
            listener.nodeCrashed(step, time, node);
        }
    }

    void messageSent(long time, long messageId, int src, int dst, long latency, Object message) {
        digest(EventKindCode.MESSAGE_SENT, time, src, dst, messageId, latency);
        if (listener != null) {
            listener.messageSent(step, time, messageId, src, dst, latency, message);
        }
    }

    void messageDelivered(long time, long messageId, int src, int dst, Object message) {
        digest(EventKindCode.MESSAGE_DELIVERED, time, src, dst, messageId, 0);
        if (listener != null) {
            listener.messageDelivered(step, time, messageId, src, dst, message);
        }
    }

    void messageDropped(long time, long messageId, int src, int dst, int reason, Object message) {
        digest(EventKindCode.MESSAGE_DROPPED, time, src, dst, messageId, reason);
        if (listener != null) {
            listener.messageDropped(step, time, messageId, src, dst, reason, message);
        }
    }

    void messageDuplicated(long time, long messageId, int src, int dst, long latency, Object message) {
        digest(EventKindCode.MESSAGE_DUPLICATED, time, src, dst, messageId, latency);
        if (listener != null) {
            listener.messageDuplicated(step, time, messageId, src, dst, latency, message);
        }
    }

    void timerSet(long time, int node, long timerId, long fireAt, Object tag) {
        digest(EventKindCode.TIMER_SET, time, node, -1, timerId, fireAt);
        if (listener != null) {
            listener.timerSet(step, time, node, timerId, fireAt, tag);
        }
    }

    void timerFired(long time, int node, long timerId, Object tag) {
        digest(EventKindCode.TIMER_FIRED, time, node, -1, timerId, 0);
        if (listener != null) {
            listener.timerFired(step, time, node, timerId, tag);
        }
    }

    void timerCancelled(long time, int node, long timerId, Object tag) {
        digest(EventKindCode.TIMER_CANCELLED, time, node, -1, timerId, 0);
        if (listener != null) {
            listener.timerCancelled(step, time, node, timerId, tag);
        }
    }

    void partitioned(long time, int[][] groups) {
        digest(EventKindCode.NETWORK_CHANGED, time, -1, -1, EventKindCode.NETWORK_PARTITION,
                RunDigest.hashGroups(groups));
        if (listener != null) {
            listener.networkChanged(step, time, EventKindCode.NETWORK_PARTITION, -1, groups);
        }
    }

    void isolated(long time, int node) {
        digest(EventKindCode.NETWORK_CHANGED, time, node, -1, EventKindCode.NETWORK_ISOLATE, 0);
        if (listener != null) {
            listener.networkChanged(step, time, EventKindCode.NETWORK_ISOLATE, node, new int[0][]);
        }
    }

    void healed(long time) {
        digest(EventKindCode.NETWORK_CHANGED, time, -1, -1, EventKindCode.NETWORK_HEAL, 0);
        if (listener != null) {
            listener.networkChanged(step, time, EventKindCode.NETWORK_HEAL, -1, new int[0][]);
        }
    }

    void note(long time, String label, String detail) {
        digest(EventKindCode.NOTE, time, -1, -1, RunDigest.hashText(label), RunDigest.hashText(detail));
        if (listener != null) {
            listener.note(step, time, label, detail);
        }
    }

    void log(long time, int node, String text) {
        digest(EventKindCode.LOG, time, node, -1, RunDigest.hashText(text), 0);
        if (listener != null) {
            listener.log(step, time, node, text);
        }
    }

    void invariantViolated(long time, String name, String evidence) {
        digest(EventKindCode.INVARIANT_VIOLATED, time, -1, -1, RunDigest.hashText(name), 0);
        if (listener != null) {
            listener.invariantViolated(step, time, name, evidence);
        }
    }

    /** An invariant check, not digested (it is a consequence of the digested events, not an event of the run). */
    void invariantChecked(long time, int invariant, String name, boolean holds) {
        if (recordsInvariantChecks) {
            listener.invariantChecked(step, time, invariant, name, holds);
        }
    }

    /** A liveness property held for the first time; not digested, as an invariant check is not. */
    void livenessHeld(long time, String name, long waitedNanos, long withinNanos) {
        if (recordsInvariantChecks) {
            listener.livenessHeld(step, time, name, waitedNanos, withinNanos);
        }
    }

    void nodeActed(long time, int node, Object nodeObject) {
        if (listener != null) {
            listener.nodeActed(step, time, node, nodeObject);
        }
    }

    void nodePaused(long time, int node, long until) {
        digest(EventKindCode.NODE_PAUSED, time, node, -1, 0, until);
        if (listener != null) {
            listener.nodePaused(step, time, node, until);
        }
    }

    void nodeResumed(long time, int node) {
        digest(EventKindCode.NODE_RESUMED, time, node, -1, 0, 0);
        if (listener != null) {
            listener.nodeResumed(step, time, node);
        }
    }

    void faultBegan(long time, long faultId, String kind, int nodeA, int nodeB, String description) {
        digest(EventKindCode.FAULT_BEGIN, time, nodeA, nodeB, faultId, RunDigest.hashText(description));
        if (listener != null) {
            listener.faultBegan(step, time, faultId, kind, nodeA, nodeB, description);
        }
    }

    void faultEnded(long time, long faultId, String kind, int nodeA, int nodeB) {
        digest(EventKindCode.FAULT_END, time, nodeA, nodeB, faultId, 0);
        if (listener != null) {
            listener.faultEnded(step, time, faultId, kind, nodeA, nodeB);
        }
    }

    void buggifyFired(long time, int node, String point) {
        digest(EventKindCode.BUGGIFY_FIRED, time, node, -1, RunDigest.hashText(point), 0);
        if (listener != null) {
            listener.buggifyFired(step, time, node, point);
        }
    }

    void storageSynced(long time, int node, int writes) {
        digest(EventKindCode.STORAGE_SYNC, time, node, -1, writes, 0);
        if (listener != null) {
            listener.storageSynced(step, time, node, writes);
        }
    }

    void storageLost(long time, int node, int lost, boolean torn) {
        digest(EventKindCode.STORAGE_LOST, time, node, -1, lost, torn ? 1 : 0);
        if (listener != null) {
            listener.storageLost(step, time, node, lost, torn);
        }
    }

    void scheduleDecision(long time, int decision, int node, long value) {
        digest(EventKindCode.SCHEDULE_DECISION, time, node, -1, decision, value);
        if (listener != null) {
            listener.scheduleDecision(step, time, decision, node, value);
        }
    }
}
