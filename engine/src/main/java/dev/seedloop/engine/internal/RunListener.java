package dev.seedloop.engine.internal;

/**
 * Receives every event of a run, in order, beside the run's digest. The trace recorder implements it;
 * a sweep at trace level OFF has none.
 *
 * <p>Arguments are the canonical fields of each event (node indexes, ids, virtual times in nanoseconds)
 * plus, where it exists, the live object (a message, a timer tag) for rendering. A listener must not
 * change the objects it is given or influence the run in any way.
 */
public interface RunListener {
    /** An address was created; it is node {@code index} of the run from now on. */
    void addressCreated(int index, String name);

    /** A node started; {@code incarnation} is 0 for its first start. */
    void nodeStarted(long step, long time, int node, int incarnation);

    /** A node crashed (crash-stop). */
    void nodeCrashed(long step, long time, int node);

    /** A message was sent; {@code latency} is the time until its first delivery is due. */
    void messageSent(long step, long time, long messageId, int src, int dst, long latency, Object message);

    /** A message was delivered to its destination. */
    void messageDelivered(long step, long time, long messageId, int src, int dst, Object message);

    /** A message was dropped; {@code reason} is a drop reason code. */
    void messageDropped(long step, long time, long messageId, int src, int dst, int reason, Object message);

    /** A message was duplicated; the duplicate is due {@code latency} from now. */
    void messageDuplicated(long step, long time, long messageId, int src, int dst, long latency, Object message);

    /** A timer was set to fire at {@code fireAt}. */
    void timerSet(long step, long time, int node, long timerId, long fireAt, Object tag);

    /** A timer fired. */
    void timerFired(long step, long time, int node, long timerId, Object tag);

    /** A pending timer was cancelled. */
    void timerCancelled(long step, long time, int node, long timerId, Object tag);

    /** The network's reachability changed; {@code change} is a network change code. */
    void networkChanged(long step, long time, int change, int node, int[][] groups);

    /** The scenario wrote a note. */
    void note(long step, long time, String label, String detail);

    /** A node wrote a log line. */
    void log(long step, long time, int node, String text);

    /** An invariant was violated. */
    void invariantViolated(long step, long time, String name, String evidence);

    /**
     * Whether this listener wants {@link #invariantChecked} for every check: asked once when the run is
     * built, so a run whose listener says no pays nothing per check.
     */
    boolean recordsInvariantChecks();

    /**
     * Invariant {@code name}, the {@code invariant}-th declared (from 0), was checked after {@code step};
     * {@code holds} is its verdict (a failing check is followed by {@link #invariantViolated}). Called only
     * if {@link #recordsInvariantChecks} said yes.
     */
    void invariantChecked(long step, long time, int invariant, String name, boolean holds);

    /**
     * Liveness property {@code name} held for the first time, after {@code step} (or, stated true, at once):
     * {@code waitedNanos} after it was stated with bound {@code withinNanos}. Called only if
     * {@link #recordsInvariantChecks} said yes.
     */
    void livenessHeld(long step, long time, String name, long waitedNanos, long withinNanos);

    /** A node handled the event of {@code step}; a listener may now look at its state. */
    void nodeActed(long step, long time, int node, Object nodeObject);

    /** Swarm testing chose this run's fault kinds and intensities (recorded in the trace header). */
    void swarmChosen(String description);

    /** A node was paused until {@code until}. */
    void nodePaused(long step, long time, int node, long until);

    /** A paused node resumed. */
    void nodeResumed(long step, long time, int node);

    /** A scheduled fault began; {@code description} lists its resolved parameters. */
    void faultBegan(long step, long time, long faultId, String kind, int nodeA, int nodeB, String description);

    /** A scheduled fault ended. */
    void faultEnded(long step, long time, long faultId, String kind, int nodeA, int nodeB);

    /** A buggify point fired at a node: an injected fault. */
    void buggifyFired(long step, long time, int node, String point);

    /** A node synced {@code writes} storage writes. */
    void storageSynced(long step, long time, int node, int writes);

    /** A crash lost {@code lost} unsynced storage writes of a node, the first of them torn if {@code torn}. */
    void storageLost(long step, long time, int node, int lost, boolean torn);

    /** A schedule strategy made a choice; {@code decision} is a {@code DECISION_*} code. */
    void scheduleDecision(long step, long time, int decision, int node, long value);
}
