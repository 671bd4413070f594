package dev.seedloop.trace.diff;

import dev.seedloop.trace.DropReason;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceEventKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Counts over a stream of events: by kind, messages (by type and drop reason), faults, invariant outcomes,
 * per-node activity, and the last state snapshot of each node. Fed one event at a time, so it works on a
 * streaming reader; memory grows only with the number of kinds, types, invariants and nodes. All maps are
 * ordered (enum, sorted or insertion order), so renderings are stable.
 */
public final class TraceSummary {
    private final Map<TraceEventKind, Long> byKind = new EnumMap<>(TraceEventKind.class);
    private final SortedMap<String, Long> sentByType = new TreeMap<>();
    private final Map<DropReason, Long> droppedByReason = new EnumMap<>(DropReason.class);
    private final Map<String, Long> firstViolationStep = new LinkedHashMap<>();
    private final SortedMap<String, Long> checksFailed = new TreeMap<>();
    private final SortedMap<String, Long> checks = new TreeMap<>();
    private final SortedMap<String, TraceEvent.LivenessHeld> livenessHeld = new TreeMap<>();
    private final SortedMap<Integer, Long> eventsByNode = new TreeMap<>();
    private final SortedMap<Integer, TraceEvent.StateSnapshot> lastSnapshot = new TreeMap<>();
    private long events;
    private long digested;
    private long partitions;
    private long isolations;
    private long heals;
    private long crashes;
    private final java.util.TreeMap<String, Long> faultsByKind = new java.util.TreeMap<>();
    private long restarts;
    private long lastStep;
    private long lastTime;

    /** An empty summary. */
    public TraceSummary() {}

    /** A summary of {@code events}. */
    public static TraceSummary of(Iterable<? extends TraceEvent> events) {
        TraceSummary s = new TraceSummary();
        events.forEach(s::add);
        return s;
    }

    /** Counts one more event. */
    public void add(TraceEvent e) {
        events++;
        if (e.kind().digested()) {
            digested++;
        }
        byKind.merge(e.kind(), 1L, Long::sum);
        if (e.lane() >= 0) {
            eventsByNode.merge(e.lane(), 1L, Long::sum);
        }
        lastStep = e.step();
        lastTime = e.timeNanos();
        switch (e) {
            case TraceEvent.MessageSent m -> sentByType.merge(m.type(), 1L, Long::sum);
            case TraceEvent.MessageDropped m -> droppedByReason.merge(m.reason(), 1L, Long::sum);
            case TraceEvent.NetworkChanged n -> {
                switch (n.change()) {
                    case PARTITION -> partitions++;
                    case ISOLATE -> isolations++;
                    case HEAL -> heals++;
                }
            }
            case TraceEvent.NodeCrashed c -> crashes++;
            case TraceEvent.FaultBegin f -> faultsByKind.merge(f.fault(), 1L, Long::sum);
            case TraceEvent.NodeStarted s -> {
                if (s.incarnation() > 0) {
                    restarts++;
                }
            }
            case TraceEvent.InvariantViolated v -> firstViolationStep.putIfAbsent(v.name(), v.step());
            case TraceEvent.InvariantChecked c -> {
                checksFailed.merge(c.name(), c.holds() ? 0L : 1L, Long::sum);
                checks.merge(c.name(), 1L, Long::sum);
            }
            case TraceEvent.LivenessHeld h -> livenessHeld.putIfAbsent(h.name(), h);
            case TraceEvent.StateSnapshot s -> lastSnapshot.put(s.node(), s);
            default -> { }
        }
    }

    /** Events seen, all kinds. */
    public long events() {
        return events;
    }

    /** Digested events seen (what the footer's event count counts). */
    public long digestedEvents() {
        return digested;
    }

    /** The number of events of {@code kind}. */
    public long count(TraceEventKind kind) {
        return byKind.getOrDefault(kind, 0L);
    }

    /** Counts by kind, in kind order, kinds never seen left out. */
    public Map<TraceEventKind, Long> byKind() {
        return Collections.unmodifiableMap(byKind);
    }

    /** Sends by message type, sorted by type. */
    public SortedMap<String, Long> sentByType() {
        return Collections.unmodifiableSortedMap(sentByType);
    }

    /** Drops by reason. */
    public Map<DropReason, Long> droppedByReason() {
        return Collections.unmodifiableMap(droppedByReason);
    }

    /** Scheduled faults that began, by fault kind (sorted by kind). */
    public java.util.SortedMap<String, Long> faultsByKind() {
        return java.util.Collections.unmodifiableSortedMap(faultsByKind);
    }

    /** Partitions, isolations, heals, crashes and restarts seen. */
    public FaultCounts faults() {
        return new FaultCounts(partitions, isolations, heals, crashes, restarts);
    }

    /** The step of the first violation of each violated invariant, in order of first violation. */
    public Map<String, Long> firstViolationStep() {
        return Collections.unmodifiableMap(firstViolationStep);
    }

    /** For each invariant checked (FULL traces), how many times it was checked. */
    public SortedMap<String, Long> checks() {
        return Collections.unmodifiableSortedMap(checks);
    }

    /** For each liveness property that held (FULL traces), the event of the first time it did; sorted by name. */
    public SortedMap<String, TraceEvent.LivenessHeld> livenessHeld() {
        return Collections.unmodifiableSortedMap(livenessHeld);
    }

    /** For each invariant checked (FULL traces), how many checks found it false. */
    public SortedMap<String, Long> checksFailed() {
        return Collections.unmodifiableSortedMap(checksFailed);
    }

    /** Events per node lane (sender of sends, receiver of deliveries and drops, acting node otherwise). */
    public SortedMap<Integer, Long> eventsByNode() {
        return Collections.unmodifiableSortedMap(eventsByNode);
    }

    /** The last state snapshot of each node that has one. */
    public SortedMap<Integer, TraceEvent.StateSnapshot> lastSnapshot() {
        return Collections.unmodifiableSortedMap(lastSnapshot);
    }

    /** The step of the last event seen. */
    public long lastStep() {
        return lastStep;
    }

    /** The virtual time of the last event seen. */
    public long lastTimeNanos() {
        return lastTime;
    }

    /** Fault-like events counted by a summary. */
    public record FaultCounts(long partitions, long isolations, long heals, long crashes, long restarts) {
        /** In words for people: "none", or the counts that are not zero ("2 partitions, 1 crash"). */
        public String describe() {
            java.util.StringJoiner out = new java.util.StringJoiner(", ");
            count(out, partitions, "partition", "partitions");
            count(out, isolations, "isolation", "isolations");
            count(out, heals, "heal", "heals");
            count(out, crashes, "crash", "crashes");
            count(out, restarts, "restart", "restarts");
            return out.length() == 0 ? "none" : out.toString();
        }

        private static void count(java.util.StringJoiner out, long n, String one, String many) {
            if (n > 0) {
                out.add(n + " " + (n == 1 ? one : many));
            }
        }
    }
}
