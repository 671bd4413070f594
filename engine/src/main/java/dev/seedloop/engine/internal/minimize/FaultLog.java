package dev.seedloop.engine.internal.minimize;

import dev.seedloop.engine.internal.RunListener;
import java.util.ArrayList;
import java.util.List;

/** Listens to a run only for the ids of the scheduled faults that began, in order. */
final class FaultLog implements RunListener {
    private final List<Long> began = new ArrayList<>();

    List<Long> began() {
        return List.copyOf(began);
    }

    @Override
    public void faultBegan(long step, long time, long faultId, String kind, int nodeA, int nodeB, String description) {
        began.add(faultId);
    }

    // Every other event is irrelevant to the minimizer.

    @Override
    public void addressCreated(int index, String name) {}

    @Override
    public void nodeStarted(long step, long time, int node, int incarnation) {}

    @Override
    public void nodeCrashed(long step, long time, int node) {}

    @Override
    public void messageSent(long step, long time, long messageId, int src, int dst, long latency, Object message) {}

    @Override
    public void messageDelivered(long step, long time, long messageId, int src, int dst, Object message) {}

    @Override
    public void messageDropped(long step, long time, long messageId, int src, int dst, int reason, Object message) {}

    @Override
    public void messageDuplicated(long step, long time, long messageId, int src, int dst, long latency,
            Object message) {}

    @Override
    public void timerSet(long step, long time, int node, long timerId, long fireAt, Object tag) {}

    @Override
    public void timerFired(long step, long time, int node, long timerId, Object tag) {}

    @Override
    public void timerCancelled(long step, long time, int node, long timerId, Object tag) {}

    @Override
    public void networkChanged(long step, long time, int change, int node, int[][] groups) {}

    @Override
    public void note(long step, long time, String label, String detail) {}

    @Override
    public void log(long step, long time, int node, String text) {}

    @Override
    public void invariantViolated(long step, long time, String name, String evidence) {}

    @Override
    public boolean recordsInvariantChecks() {
        return false;
    }

    @Override
    public void invariantChecked(long step, long time, int invariant, String name, boolean holds) {}

    @Override
    public void livenessHeld(long step, long time, String name, long waitedNanos, long withinNanos) {}

    @Override
    public void nodeActed(long step, long time, int node, Object nodeObject) {}

    @Override
    public void swarmChosen(String description) {}

    @Override
    public void nodePaused(long step, long time, int node, long until) {}

    @Override
    public void nodeResumed(long step, long time, int node) {}

    @Override
    public void faultEnded(long step, long time, long faultId, String kind, int nodeA, int nodeB) {}

    @Override
    public void buggifyFired(long step, long time, int node, String point) {}

    @Override
    public void storageSynced(long step, long time, int node, int writes) {}

    @Override
    public void storageLost(long step, long time, int node, int lost, boolean torn) {}

    @Override
    public void scheduleDecision(long step, long time, int decision, int node, long value) {}
}
