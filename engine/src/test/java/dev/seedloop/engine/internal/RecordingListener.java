package dev.seedloop.engine.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A listener that writes every event as one line of text, for tests that compare or inspect runs. */
public final class RecordingListener implements RunListener {
    private final List<String> lines = new ArrayList<>();
    private final boolean withChecks;

    /** A listener of every event but the invariant checks. */
    public RecordingListener() {
        this(false);
    }

    private RecordingListener(boolean withChecks) {
        this.withChecks = withChecks;
    }

    /** A listener that also writes a line for every invariant check, as a FULL trace records them. */
    public static RecordingListener withInvariantChecks() {
        return new RecordingListener(true);
    }

    /** Every event so far, one line each, in order. */
    public List<String> lines() {
        return lines;
    }

    /** The lines that start with {@code prefix}. */
    public List<String> linesStartingWith(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).toList();
    }

    @Override
    public void addressCreated(int index, String name) {
        lines.add("address " + index + " " + name);
    }

    @Override
    public void nodeStarted(long step, long time, int node, int incarnation) {
        lines.add("start " + node + " inc=" + incarnation + " t=" + time + " step=" + step);
    }

    @Override
    public void nodeCrashed(long step, long time, int node) {
        lines.add("crash " + node + " t=" + time);
    }

    @Override
    public void messageSent(long step, long time, long messageId, int src, int dst, long latency, Object message) {
        lines.add("send #" + messageId + " " + src + "->" + dst + " t=" + time + " latency=" + latency + " " + message);
    }

    @Override
    public void messageDelivered(long step, long time, long messageId, int src, int dst, Object message) {
        lines.add("deliver #" + messageId + " " + src + "->" + dst + " t=" + time);
    }

    @Override
    public void messageDropped(long step, long time, long messageId, int src, int dst, int reason, Object message) {
        lines.add("drop #" + messageId + " " + src + "->" + dst + " t=" + time + " reason=" + reason);
    }

    @Override
    public void messageDuplicated(long step, long time, long messageId, int src, int dst, long latency, Object message) {
        lines.add("duplicate #" + messageId + " " + src + "->" + dst + " t=" + time + " latency=" + latency);
    }

    @Override
    public void timerSet(long step, long time, int node, long timerId, long fireAt, Object tag) {
        lines.add("timer-set " + node + " id=" + timerId + " t=" + time + " at=" + fireAt + " tag=" + tag);
    }

    @Override
    public void timerFired(long step, long time, int node, long timerId, Object tag) {
        lines.add("timer-fired " + node + " id=" + timerId + " t=" + time);
    }

    @Override
    public void timerCancelled(long step, long time, int node, long timerId, Object tag) {
        lines.add("timer-cancelled " + node + " id=" + timerId + " t=" + time);
    }

    @Override
    public void networkChanged(long step, long time, int change, int node, int[][] groups) {
        lines.add("network " + change + " node=" + node + " groups=" + Arrays.deepToString(groups) + " t=" + time);
    }

    @Override
    public void note(long step, long time, String label, String detail) {
        lines.add("note " + label + ": " + detail + " t=" + time);
    }

    @Override
    public void log(long step, long time, int node, String text) {
        lines.add("log " + node + ": " + text + " t=" + time);
    }

    @Override
    public void invariantViolated(long step, long time, String name, String evidence) {
        lines.add("violated " + name + ": " + evidence + " t=" + time + " step=" + step);
    }

    @Override
    public boolean recordsInvariantChecks() {
        return withChecks;
    }

    @Override
    public void invariantChecked(long step, long time, int invariant, String name, boolean holds) {
        lines.add("checked " + invariant + " " + name + (holds ? " holds" : " fails") + " t=" + time + " step=" + step);
    }

    @Override
    public void livenessHeld(long step, long time, String name, long waitedNanos, long withinNanos) {
        lines.add("held " + name + " after " + waitedNanos + " within " + withinNanos + " t=" + time + " step=" + step);
    }

    @Override
    public void nodeActed(long step, long time, int node, Object nodeObject) {
        // Not an event of its own; state capture is the trace recorder's business.
    }

    @Override
    public void swarmChosen(String description) {
        lines.add("swarm " + description);
    }

    @Override
    public void nodePaused(long step, long time, int node, long until) {
        lines.add("pause " + node + " t=" + time + " until=" + until);
    }

    @Override
    public void nodeResumed(long step, long time, int node) {
        lines.add("resume " + node + " t=" + time);
    }

    @Override
    public void faultBegan(long step, long time, long faultId, String kind, int nodeA, int nodeB, String description) {
        lines.add("fault-begin #" + faultId + " " + description + " t=" + time);
    }

    @Override
    public void faultEnded(long step, long time, long faultId, String kind, int nodeA, int nodeB) {
        lines.add("fault-end #" + faultId + " " + kind + " t=" + time);
    }

    @Override
    public void buggifyFired(long step, long time, int node, String point) {
        lines.add("buggify " + node + " " + point + " t=" + time);
    }

    @Override
    public void storageSynced(long step, long time, int node, int writes) {
        lines.add("sync " + node + " writes=" + writes + " t=" + time);
    }

    @Override
    public void storageLost(long step, long time, int node, int lost, boolean torn) {
        lines.add("storage-lost " + node + " lost=" + lost + " torn=" + torn + " t=" + time);
    }

    @Override
    public void scheduleDecision(long step, long time, int decision, int node, long value) {
        lines.add("decision " + decision + " node=" + node + " value=" + value + " t=" + time);
    }
}
