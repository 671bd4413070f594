package dev.seedloop.trace;

/**
 * The stable numeric codes of trace event kinds, format v1.
 *
 * <p>These numbers are part of the published format: they are the values of the {@code EventKind} enum in
 * {@code trace.proto} and the first word of every event in the {@link RunDigest}. A code is never reused;
 * a removed kind keeps its number reserved.
 */
public final class EventKindCode {
    /** A node was started (or restarted) and its {@code onStart} handler ran. */
    public static final int NODE_STARTED = 1;
    /** A node stopped handling events for the rest of the run (crash-stop). */
    public static final int NODE_CRASHED = 2;
    /** A node sent a message; the latency drawn for it is recorded. */
    public static final int MESSAGE_SENT = 3;
    /** A message reached its destination and was handed to the node. */
    public static final int MESSAGE_DELIVERED = 4;
    /** A message was dropped; the reason is one of the {@code DROP_*} codes below. */
    public static final int MESSAGE_DROPPED = 5;
    /** The network duplicated a message; a second delivery with the same message id is scheduled. */
    public static final int MESSAGE_DUPLICATED = 6;
    /** A node set a timer. */
    public static final int TIMER_SET = 7;
    /** A timer fired and the node's {@code onTimer} handler ran. */
    public static final int TIMER_FIRED = 8;
    /** A node cancelled a pending timer. */
    public static final int TIMER_CANCELLED = 9;
    /** The reachability of the network changed: a partition, an isolation, or a heal. */
    public static final int NETWORK_CHANGED = 10;
    /** The scenario wrote a note (a label and a detail). */
    public static final int NOTE = 11;
    /** A node wrote a log line. */
    public static final int LOG = 12;
    /** An invariant was found false; the run fails at this event. */
    public static final int INVARIANT_VIOLATED = 13;
    /** A node was paused: it handles nothing until it resumes. */
    public static final int NODE_PAUSED = 16;
    /** A paused node resumed; its backlog follows in arrival order. */
    public static final int NODE_RESUMED = 17;
    /** A scheduled fault began, with its resolved parameters. */
    public static final int FAULT_BEGIN = 19;
    /** A scheduled fault ended. */
    public static final int FAULT_END = 20;
    /** A schedule strategy made a choice: a tie broken, a delivery delayed, a priority changed. */
    public static final int SCHEDULE_DECISION = 21;
    /** A buggify point fired: an injected fault, not a bug. */
    public static final int BUGGIFY_FIRED = 22;
    /** A node synced its storage: every earlier write became durable. */
    public static final int STORAGE_SYNC = 24;
    /** A crash lost unsynced storage writes. */
    public static final int STORAGE_LOST = 25;

    /** Drop reason: the link lost the message (a draw from the "faults" stream). */
    public static final int DROP_LOSS = 1;
    /** Drop reason: sender and receiver were in different partition groups when the delivery fired. */
    public static final int DROP_PARTITION = 2;
    /** Drop reason: sender or receiver was isolated when the delivery fired. */
    public static final int DROP_ISOLATED = 3;
    /** Drop reason: the receiver had crashed when the delivery fired. */
    public static final int DROP_CRASHED = 4;
    /** Drop reason: no node was running at the destination address when the delivery fired. */
    public static final int DROP_UNBOUND = 5;

    /** Schedule decision: events due at the same instant, the chosen one ran first (value: its sequence). */
    public static final int DECISION_TIE = 1;
    /** Schedule decision: a delivery was delayed by the strategy (value: the delay in nanoseconds). */
    public static final int DECISION_DELAY = 2;
    /** Schedule decision: a node's priority dropped to the lowest (value: the change point, in sends). */
    public static final int DECISION_PRIORITY_CHANGE = 3;

    /** Network change: a partition into groups. */
    public static final int NETWORK_PARTITION = 1;
    /** Network change: one node cut off from every other. */
    public static final int NETWORK_ISOLATE = 2;
    /** Network change: every partition and isolation removed. */
    public static final int NETWORK_HEAL = 3;

    private EventKindCode() {}
}
