package dev.seedloop.trace;

import static dev.seedloop.trace.internal.Checks.nodeIndex;
import static dev.seedloop.trace.internal.Checks.nonNegative;
import static dev.seedloop.trace.internal.Checks.notNull;

import java.util.List;
import java.util.Optional;

/**
 * One event of a run, as written to and read from a trace.
 *
 * <p>Every event carries the engine step it belongs to (0 for events before the first step) and its
 * virtual time in nanoseconds. The records validate their arguments: a constructed event can always be
 * written. Digested kinds map to {@link RunDigest} words through {@link #digestWords()}, the single place
 * where the mapping of {@code docs/trace-format.md} is implemented; the engine may use it too so that
 * its digest and a reader's can never disagree.
 *
 * <p>Strings are never null; the empty string means "none" for optional labels (timer tags). The only
 * nullable component is {@link MessageSent#payload()}, null when the payload was not recorded.
 */
public sealed interface TraceEvent {

    /** The engine step this event belongs to; 0 before the first step. Not digested. */
    long step();

    /** Virtual time in nanoseconds. */
    long timeNanos();

    /** The kind of this event. */
    TraceEventKind kind();

    /** The words this event adds to the run digest, or empty for annotations that are not digested. */
    Optional<DigestWords> digestWords();

    /**
     * The node whose timeline this event belongs to (the sender of a send, the receiver of a delivery or
     * drop, the acting node otherwise), or -1 for run-wide events (network changes, notes, invariants).
     */
    int lane();

    /** Folds this event into a digest if it is a digested kind; does nothing otherwise. */
    default void digestInto(RunDigest digest) {
        digestWords().ifPresent(w -> w.into(digest));
    }

    private static Optional<DigestWords> words(TraceEventKind k, long t, int a, int b, long id, long v) {
        return Optional.of(new DigestWords(k.code(), t, a, b, id, v));
    }

    /** A node started; {@code incarnation} is 0 for the first start and counts restarts. */
    record NodeStarted(long step, long timeNanos, int node, long incarnation) implements TraceEvent {
        public NodeStarted {
            nonNegative(step, "step");
            nonNegative(timeNanos, "timeNanos");
            nodeIndex(node, "node");
            nonNegative(incarnation, "incarnation");
        }

        @Override
        public TraceEventKind kind() {
            return TraceEventKind.NODE_STARTED;
        }

        @Override
        public Optional<DigestWords> digestWords() {
            return words(kind(), timeNanos, node, -1, incarnation, 0);
        }

        @Override
        public int lane() {
            return node;
        }
    }

    /** A node crashed (stopped handling events). */
    record NodeCrashed(long step, long timeNanos, int node) implements TraceEvent {
        public NodeCrashed {
            nonNegative(step, "step");
            nonNegative(timeNanos, "timeNanos");
            nodeIndex(node, "node");
        }

        @Override
        public TraceEventKind kind() {
            return TraceEventKind.NODE_CRASHED;
        }

        @Override
        public Optional<DigestWords> digestWords() {
            return words(kind(), timeNanos, node, -1, 0, 0);
        }

        @Override
        public int lane() {
            return node;
        }
    }

    /**
     * A node sent a message.
     *
     * @param payload a rendering of the payload, or null when not recorded (trace level EVENTS)
     */
    record MessageSent(long step, long timeNanos, long messageId, int src, int dst, String type,
            long latencyNanos, String payload) implements TraceEvent {
        public MessageSent {
            nonNegative(step, "step");
            nonNegative(timeNanos, "timeNanos");
            nodeIndex(src, "src");
            nodeIndex(dst, "dst");
            notNull(type, "type");
            nonNegative(latencyNanos, "latencyNanos");
        }

        @Override
        public TraceEventKind kind() {
            return TraceEventKind.MESSAGE_SENT;
        }

        @Override
        public Optional<DigestWords> digestWords() {
            return words(kind(), timeNanos, src, dst, messageId, latencyNanos);
        }

        @Override
        public int lane() {
            return src;
        }

        /** This event without its payload rendering. */
        public MessageSent withoutPayload() {
            return payload == null ? this
                    : new MessageSent(step, timeNanos, messageId, src, dst, type, latencyNanos, null);
        }
    }

    /** A message reached its destination. */
    record MessageDelivered(long step, long timeNanos, long messageId, int src, int dst, String type)
            implements TraceEvent {
        public MessageDelivered {
            nonNegative(step, "step");
            nonNegative(timeNanos, "timeNanos");
            nodeIndex(src, "src");
            nodeIndex(dst, "dst");
            notNull(type, "type");
        }

        @Override
        public TraceEventKind kind() {
            return TraceEventKind.MESSAGE_DELIVERED;
        }

        @Override
        public Optional<DigestWords> digestWords() {
            return words(kind(), timeNanos, src, dst, messageId, 0);
        }

        @Override
        public int lane() {
            return dst;
        }
    }

    /** The network dropped a message. */
    record MessageDropped(long step, long timeNanos, long messageId, int src, int dst, String type,
            DropReason reason) implements TraceEvent {
        public MessageDropped {
            nonNegative(step, "step");
            nonNegative(timeNanos, "timeNanos");
            nodeIndex(src, "src");
            nodeIndex(dst, "dst");
            notNull(type, "type");
            notNull(reason, "reason");
        }

        @Override
        public TraceEventKind kind() {
            return TraceEventKind.MESSAGE_DROPPED;
        }

        @Override
        public Optional<DigestWords> digestWords() {
            return words(kind(), timeNanos, src, dst, messageId, reason.code());
        }

        @Override
        public int lane() {
            return dst;
        }
    }

    /** The network duplicated a message; {@code latencyNanos} is the duplicate's latency. */
    record MessageDuplicated(long step, long timeNanos, long messageId, int src, int dst, String type,
            long latencyNanos) implements TraceEvent {
        public MessageDuplicated {
            nonNegative(step, "step");
            nonNegative(timeNanos, "timeNanos");
            nodeIndex(src, "src");
            nodeIndex(dst, "dst");
            notNull(type, "type");
            nonNegative(latencyNanos, "latencyNanos");
        }

        @Override
        public TraceEventKind kind() {
            return TraceEventKind.MESSAGE_DUPLICATED;
        }

        @Override
        public Optional<DigestWords> digestWords() {
            return words(kind(), timeNanos, src, dst, messageId, latencyNanos);
        }

        @Override
        public int lane() {
            return src;
        }
    }

    /**
     * A node set a timer to fire at absolute virtual time {@code fireAtNanos}.
     *
     * @param tag a rendering of the timer's tag, "" for none
     */
    record TimerSet(long step, long timeNanos, int node, long timerId, long fireAtNanos, String tag)
            implements TraceEvent {
        public TimerSet {
            nonNegative(step, "step");
            nonNegative(timeNanos, "timeNanos");
            nodeIndex(node, "node");
            notNull(tag, "tag");
            if (fireAtNanos < timeNanos) {
                throw new IllegalArgumentException(
                        "fireAtNanos " + fireAtNanos + " is before the event's time " + timeNanos);
            }
        }

        @Override
        public TraceEventKind kind() {
            return TraceEventKind.TIMER_SET;
        }

        @Override
        public Optional<DigestWords> digestWords() {
            return words(kind(), timeNanos, node, -1, timerId, fireAtNanos);
        }

        @Override
        public int lane() {
            return node;
        }
    }

    /** A timer fired. */
    record TimerFired(long step, long timeNanos, int node, long timerId, String tag) implements TraceEvent {
        public TimerFired {
            nonNegative(step, "step");
            nonNegative(timeNanos, "timeNanos");
            nodeIndex(node, "node");
            notNull(tag, "tag");
        }

        @Override
        public TraceEventKind kind() {
            return TraceEventKind.TIMER_FIRED;
        }

        @Override
        public Optional<DigestWords> digestWords() {
            return words(kind(), timeNanos, node, -1, timerId, 0);
        }

        @Override
        public int lane() {
            return node;
        }
    }

    /** A node cancelled a pending timer. */
    record TimerCancelled(long step, long timeNanos, int node, long timerId, String tag) implements TraceEvent {
        public TimerCancelled {
            nonNegative(step, "step");
            nonNegative(timeNanos, "timeNanos");
            nodeIndex(node, "node");
            notNull(tag, "tag");
        }

        @Override
        public TraceEventKind kind() {
            return TraceEventKind.TIMER_CANCELLED;
        }

        @Override
        public Optional<DigestWords> digestWords() {
            return words(kind(), timeNanos, node, -1, timerId, 0);
        }

        @Override
        public int lane() {
            return node;
        }
    }

    /**
     * The network's reachability changed. Use the factories {@link #partition}, {@link #isolate} and
     * {@link #heal}.
     *
     * @param groups the partition groups (PARTITION only, otherwise empty)
     * @param node the isolated node (ISOLATE only, otherwise -1)
     */
    record NetworkChanged(long step, long timeNanos, NetworkChangeKind change, List<List<Integer>> groups,
            int node) implements TraceEvent {
        public NetworkChanged {
            nonNegative(step, "step");
            nonNegative(timeNanos, "timeNanos");
            notNull(change, "change");
            notNull(groups, "groups");
            groups = groups.stream().map(g -> List.copyOf(notNull(g, "group"))).toList();
            for (List<Integer> g : groups) {
                g.forEach(m -> nodeIndex(m, "group member"));
            }
            if (change == NetworkChangeKind.ISOLATE) {
                nodeIndex(node, "isolated node");
            } else if (node != -1) {
                throw new IllegalArgumentException(change + " names no node, so node must be -1, was " + node);
            }
            if (change != NetworkChangeKind.PARTITION && !groups.isEmpty()) {
                throw new IllegalArgumentException(change + " has no groups, was given " + groups);
            }
        }

        /** A partition into groups of node indexes. */
        public static NetworkChanged partition(long step, long timeNanos, List<List<Integer>> groups) {
            return new NetworkChanged(step, timeNanos, NetworkChangeKind.PARTITION, groups, -1);
        }

        /** One node cut off from every other. */
        public static NetworkChanged isolate(long step, long timeNanos, int node) {
            return new NetworkChanged(step, timeNanos, NetworkChangeKind.ISOLATE, List.of(), node);
        }

        /** Every partition and isolation removed. */
        public static NetworkChanged heal(long step, long timeNanos) {
            return new NetworkChanged(step, timeNanos, NetworkChangeKind.HEAL, List.of(), -1);
        }

        /** The groups as arrays, the form {@link RunDigest#hashGroups(int[][])} takes. */
        public int[][] groupArrays() {
            return groups.stream().map(g -> g.stream().mapToInt(Integer::intValue).toArray())
                    .toArray(int[][]::new);
        }

        @Override
        public TraceEventKind kind() {
            return TraceEventKind.NETWORK_CHANGED;
        }

        @Override
        public Optional<DigestWords> digestWords() {
            return switch (change) {
                case PARTITION -> words(kind(), timeNanos, -1, -1, change.code(),
                        RunDigest.hashGroups(groupArrays()));
                case ISOLATE -> words(kind(), timeNanos, node, -1, change.code(), 0);
                case HEAL -> words(kind(), timeNanos, -1, -1, change.code(), 0);
            };
        }

        @Override
        public int lane() {
            return -1;
        }
    }

    /** The scenario wrote a note. */
    record Note(long step, long timeNanos, String label, String detail) implements TraceEvent {
        public Note {
            nonNegative(step, "step");
            nonNegative(timeNanos, "timeNanos");
            notNull(label, "label");
            notNull(detail, "detail");
        }

        @Override
        public TraceEventKind kind() {
            return TraceEventKind.NOTE;
        }

        @Override
        public Optional<DigestWords> digestWords() {
            return words(kind(), timeNanos, -1, -1, RunDigest.hashText(label), RunDigest.hashText(detail));
        }

        @Override
        public int lane() {
            return -1;
        }
    }

    /** A node wrote a log line. */
    record Log(long step, long timeNanos, int node, String text) implements TraceEvent {
        public Log {
            nonNegative(step, "step");
            nonNegative(timeNanos, "timeNanos");
            nodeIndex(node, "node");
            notNull(text, "text");
        }

        @Override
        public TraceEventKind kind() {
            return TraceEventKind.LOG;
        }

        @Override
        public Optional<DigestWords> digestWords() {
            return words(kind(), timeNanos, node, -1, RunDigest.hashText(text), 0);
        }

        @Override
        public int lane() {
            return node;
        }
    }

    /** An invariant was found false; {@code evidence} says what it saw. Only the name is digested. */
    record InvariantViolated(long step, long timeNanos, String name, String evidence) implements TraceEvent {
        public InvariantViolated {
            nonNegative(step, "step");
            nonNegative(timeNanos, "timeNanos");
            notNull(name, "name");
            notNull(evidence, "evidence");
        }

        @Override
        public TraceEventKind kind() {
            return TraceEventKind.INVARIANT_VIOLATED;
        }

        @Override
        public Optional<DigestWords> digestWords() {
            return words(kind(), timeNanos, -1, -1, RunDigest.hashText(name), 0);
        }

        @Override
        public int lane() {
            return -1;
        }
    }

    /** The state of a node after a step, as ordered field/value renderings. Not digested; FULL only. */
    record StateSnapshot(long step, long timeNanos, int node, List<Field> fields) implements TraceEvent {
        public StateSnapshot {
            nonNegative(step, "step");
            nonNegative(timeNanos, "timeNanos");
            nodeIndex(node, "node");
            fields = List.copyOf(notNull(fields, "fields"));
        }

        /** One field of a snapshot: its name and a rendering of its value. */
        public record Field(String name, String value) {
            public Field {
                notNull(name, "field name");
                notNull(value, "field value");
            }
        }

        @Override
        public TraceEventKind kind() {
            return TraceEventKind.STATE_SNAPSHOT;
        }

        @Override
        public Optional<DigestWords> digestWords() {
            return Optional.empty();
        }

        @Override
        public int lane() {
            return node;
        }
    }

    /** A node was paused until {@code untilNanos}: it handles nothing until it resumes. */
    record NodePaused(long step, long timeNanos, int node, long untilNanos) implements TraceEvent {
        public NodePaused {
            nonNegative(step, "step");
            nonNegative(timeNanos, "timeNanos");
            nodeIndex(node, "node");
            if (untilNanos < timeNanos) {
                throw new IllegalArgumentException("a pause ends at " + untilNanos + " ns, before it begins at "
                        + timeNanos + " ns");
            }
        }

        @Override
        public TraceEventKind kind() {
            return TraceEventKind.NODE_PAUSED;
        }

        @Override
        public Optional<DigestWords> digestWords() {
            return words(kind(), timeNanos, node, -1, 0, untilNanos);
        }

        @Override
        public int lane() {
            return node;
        }
    }

    /** A paused node resumed; its backlog follows in arrival order. */
    record NodeResumed(long step, long timeNanos, int node) implements TraceEvent {
        public NodeResumed {
            nonNegative(step, "step");
            nonNegative(timeNanos, "timeNanos");
            nodeIndex(node, "node");
        }

        @Override
        public TraceEventKind kind() {
            return TraceEventKind.NODE_RESUMED;
        }

        @Override
        public Optional<DigestWords> digestWords() {
            return words(kind(), timeNanos, node, -1, 0, 0);
        }

        @Override
        public int lane() {
            return node;
        }
    }

    /**
     * A scheduled fault began, with its resolved parameters.
     *
     * @param fault the fault kind, e.g. "partition", "crash-restart"
     * @param nodeA the node the fault concerns, or -1
     * @param nodeB the second node (the other end of a slow link), or -1
     * @param description the resolved parameters as the engine wrote them
     */
    record FaultBegin(long step, long timeNanos, long faultId, String fault, int nodeA, int nodeB, String description)
            implements TraceEvent {
        public FaultBegin {
            nonNegative(step, "step");
            nonNegative(timeNanos, "timeNanos");
            notNull(fault, "fault");
            optionalNode(nodeA, "nodeA");
            optionalNode(nodeB, "nodeB");
            notNull(description, "description");
        }


        @Override
        public TraceEventKind kind() {
            return TraceEventKind.FAULT_BEGIN;
        }

        @Override
        public Optional<DigestWords> digestWords() {
            return words(kind(), timeNanos, nodeA, nodeB, faultId, RunDigest.hashText(description));
        }

        @Override
        public int lane() {
            return nodeA;
        }
    }

    /** A scheduled fault ended. */
    record FaultEnd(long step, long timeNanos, long faultId, String fault, int nodeA, int nodeB) implements TraceEvent {
        public FaultEnd {
            nonNegative(step, "step");
            nonNegative(timeNanos, "timeNanos");
            notNull(fault, "fault");
            optionalNode(nodeA, "nodeA");
            optionalNode(nodeB, "nodeB");
        }


        @Override
        public TraceEventKind kind() {
            return TraceEventKind.FAULT_END;
        }

        @Override
        public Optional<DigestWords> digestWords() {
            return words(kind(), timeNanos, nodeA, nodeB, faultId, 0);
        }

        @Override
        public int lane() {
            return nodeA;
        }
    }

    /**
     * A schedule strategy made a choice.
     *
     * @param decision {@link EventKindCode#DECISION_TIE}, {@link EventKindCode#DECISION_DELAY} or
     *     {@link EventKindCode#DECISION_PRIORITY_CHANGE}
     * @param node the node the choice concerns
     * @param value the chosen event's sequence, the delay in nanoseconds, or the change point
     */
    record ScheduleDecision(long step, long timeNanos, int decision, int node, long value) implements TraceEvent {
        public ScheduleDecision {
            nonNegative(step, "step");
            nonNegative(timeNanos, "timeNanos");
            nonNegative(decision, "decision");
            optionalNode(node, "node");
        }

        /** The decision's name: {@code tie}, {@code delay}, {@code priority-change} or {@code decision-N}. */
        public String decisionName() {
            return switch (decision) {
                case EventKindCode.DECISION_TIE -> "tie";
                case EventKindCode.DECISION_DELAY -> "delay";
                case EventKindCode.DECISION_PRIORITY_CHANGE -> "priority-change";
                default -> "decision-" + decision;
            };
        }

        @Override
        public TraceEventKind kind() {
            return TraceEventKind.SCHEDULE_DECISION;
        }

        @Override
        public Optional<DigestWords> digestWords() {
            return words(kind(), timeNanos, node, -1, decision, value);
        }

        @Override
        public int lane() {
            return node;
        }
    }

    /** A buggify point fired at a node: an injected fault, not a bug. */
    record BuggifyFired(long step, long timeNanos, int node, String point) implements TraceEvent {
        public BuggifyFired {
            nonNegative(step, "step");
            nonNegative(timeNanos, "timeNanos");
            nodeIndex(node, "node");
            notNull(point, "point");
        }

        @Override
        public TraceEventKind kind() {
            return TraceEventKind.BUGGIFY_FIRED;
        }

        @Override
        public Optional<DigestWords> digestWords() {
            return words(kind(), timeNanos, node, -1, RunDigest.hashText(point), 0);
        }

        @Override
        public int lane() {
            return node;
        }
    }

    /** A node synced its storage: {@code writes} earlier writes became durable. */
    record StorageSync(long step, long timeNanos, int node, long writes) implements TraceEvent {
        public StorageSync {
            nonNegative(step, "step");
            nonNegative(timeNanos, "timeNanos");
            nodeIndex(node, "node");
            nonNegative(writes, "writes");
        }

        @Override
        public TraceEventKind kind() {
            return TraceEventKind.STORAGE_SYNC;
        }

        @Override
        public Optional<DigestWords> digestWords() {
            return words(kind(), timeNanos, node, -1, writes, 0);
        }

        @Override
        public int lane() {
            return node;
        }
    }

    /** A crash lost {@code lost} unsynced storage writes of a node; the first of them torn if {@code torn}. */
    record StorageLost(long step, long timeNanos, int node, long lost, boolean torn) implements TraceEvent {
        public StorageLost {
            nonNegative(step, "step");
            nonNegative(timeNanos, "timeNanos");
            nodeIndex(node, "node");
            nonNegative(lost, "lost");
        }

        @Override
        public TraceEventKind kind() {
            return TraceEventKind.STORAGE_LOST;
        }

        @Override
        public Optional<DigestWords> digestWords() {
            return words(kind(), timeNanos, node, -1, lost, torn ? 1 : 0);
        }

        @Override
        public int lane() {
            return node;
        }
    }

    private static void optionalNode(int node, String what) {
        if (node != -1) {
            nodeIndex(node, what);
        }
    }

    /** An invariant was evaluated after a step. Not digested; FULL only. */
    record InvariantChecked(long step, long timeNanos, String name, boolean holds) implements TraceEvent {
        public InvariantChecked {
            nonNegative(step, "step");
            nonNegative(timeNanos, "timeNanos");
            notNull(name, "name");
        }

        @Override
        public TraceEventKind kind() {
            return TraceEventKind.INVARIANT_CHECKED;
        }

        @Override
        public Optional<DigestWords> digestWords() {
            return Optional.empty();
        }

        @Override
        public int lane() {
            return -1;
        }
    }

    /**
     * A liveness property ({@code World.eventually}) held for the first time at this step: {@code waitedNanos}
     * after it was stated, which had to be at most {@code withinNanos}. Not digested; FULL only; since format 1.1.
     */
    record LivenessHeld(long step, long timeNanos, String name, long waitedNanos, long withinNanos)
            implements TraceEvent {
        public LivenessHeld {
            nonNegative(step, "step");
            nonNegative(timeNanos, "timeNanos");
            notNull(name, "name");
            nonNegative(waitedNanos, "waitedNanos");
            nonNegative(withinNanos, "withinNanos");
            if (waitedNanos > timeNanos) {
                throw new IllegalArgumentException("waitedNanos " + waitedNanos + " exceeds timeNanos " + timeNanos
                        + ": the property would have been stated before time 0");
            }
        }

        @Override
        public TraceEventKind kind() {
            return TraceEventKind.LIVENESS_HELD;
        }

        @Override
        public Optional<DigestWords> digestWords() {
            return Optional.empty();
        }

        @Override
        public int lane() {
            return -1;
        }
    }

    /**
     * An event of a kind this reader does not know (written by a newer minor format version). It keeps its
     * step and time; its content is skipped, so a trace holding one cannot be verified.
     *
     * @param code the kind's field number in {@code Event.kind}
     */
    record Unknown(long step, long timeNanos, int code) implements TraceEvent {
        public Unknown {
            nonNegative(step, "step");
            nonNegative(timeNanos, "timeNanos");
        }

        @Override
        public TraceEventKind kind() {
            return TraceEventKind.UNKNOWN;
        }

        @Override
        public Optional<DigestWords> digestWords() {
            return Optional.empty();
        }

        @Override
        public int lane() {
            return -1;
        }
    }
}
