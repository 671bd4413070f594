package dev.seedloop.viewer.model;

import dev.seedloop.trace.Damage;
import dev.seedloop.trace.FormatVersion;
import dev.seedloop.trace.RunIdentity;
import dev.seedloop.trace.Trace;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceEventKind;
import dev.seedloop.trace.TraceFileException;
import dev.seedloop.trace.TraceFooter;
import dev.seedloop.trace.TraceHeader;
import dev.seedloop.trace.TraceReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A trace read once and indexed for random access: the events in an array, their times, steps, kinds and
 * lanes in primitive arrays, each node's events and state snapshots as sorted ordinal arrays, the link from
 * every delivery, drop and duplicate to its send. Everything the viewer asks of a trace is answered from
 * here in O(1) or O(log n). Immutable after construction.
 *
 * <p>An event is named by its <em>ordinal</em>: its position in the file, 0-based. The cursor is an ordinal.
 */
public final class LoadedTrace {
    private static final TraceEventKind[] KINDS = TraceEventKind.values();

    private final String source;
    private final FormatVersion version;
    private final TraceHeader header;
    private final Optional<TraceFooter> footer;
    private final Optional<Damage> damage;
    private final TraceEvent[] events;
    private final long[] times;
    private final long[] steps;
    private final byte[] kinds;
    private final int[] lanes;
    private final int[] links;
    private final int nodeCount;
    private final int[][] laneEvents;
    private final int[] laneRank;
    private final int[][] snapshots;
    private final int[] violations;
    private final long maxMessageSpan;
    private final boolean complete;

    private LoadedTrace(Builder b, Optional<TraceFooter> footer, Optional<Damage> damage, boolean complete) {
        this.source = b.source;
        this.version = b.version;
        this.header = b.header;
        this.footer = footer;
        this.damage = damage;
        this.complete = complete;
        int n = b.size;
        this.nodeCount = b.nodeCount;
        events = Arrays.copyOf(b.events, n);
        times = Arrays.copyOf(b.times, n);
        steps = Arrays.copyOf(b.steps, n);
        kinds = Arrays.copyOf(b.kinds, n);
        lanes = Arrays.copyOf(b.lanes, n);
        links = Arrays.copyOf(b.links, n);
        laneRank = Arrays.copyOf(b.laneRank, n);
        laneEvents = new int[nodeCount][];
        snapshots = new int[nodeCount][];
        for (int i = 0; i < nodeCount; i++) {
            laneEvents[i] = b.perLane[i].toArray();
            snapshots[i] = b.perNodeSnap[i].toArray();
        }
        violations = b.viol.toArray();
        maxMessageSpan = b.span;
    }

    /**
     * Indexes events one at a time, as they are decoded: the index is built in the same pass as the
     * reading. {@link #build} may be called more than once (a preview of the events so far, then the whole
     * trace); adding may continue after it. Not thread-safe.
     */
    public static final class Builder {
        private final String source;
        private final FormatVersion version;
        private final TraceHeader header;
        private final int nodeCount;
        private TraceEvent[] events;
        private long[] times;
        private long[] steps;
        private byte[] kinds;
        private int[] lanes;
        private int[] links;
        private int[] laneRank;
        private int size;
        private final IntList[] perLane;
        private final IntList[] perNodeSnap;
        private final IntList viol = new IntList();
        private final LongIntMap sends;
        private long span;

        /** A builder for a trace expected to hold about {@code expectedEvents} events (a hint, may be 0). */
        public Builder(String source, FormatVersion version, TraceHeader header, int expectedEvents) {
            this.source = source;
            this.version = version;
            this.header = header;
            this.nodeCount = header.identity().nodes().size();
            int cap = Math.max(16, expectedEvents);
            events = new TraceEvent[cap];
            times = new long[cap];
            steps = new long[cap];
            kinds = new byte[cap];
            lanes = new int[cap];
            links = new int[cap];
            laneRank = new int[cap];
            perLane = new IntList[nodeCount];
            perNodeSnap = new IntList[nodeCount];
            for (int i = 0; i < nodeCount; i++) {
                perLane[i] = new IntList(cap / Math.max(1, nodeCount) + 16);
                perNodeSnap[i] = new IntList();
            }
            sends = new LongIntMap(Math.max(16, cap / 4));
        }

        /** The node names the header lists, in index order. */
        public java.util.List<String> nodeNames() {
            java.util.List<String> out = new ArrayList<>(nodeCount);
            for (int i = 0; i < nodeCount; i++) {
                out.add(header.identity().nodeName(i));
            }
            return out;
        }

        /** The number of events added. */
        public int size() {
            return size;
        }

        private void grow() {
            int cap = events.length + (events.length >> 1) + 16;
            events = Arrays.copyOf(events, cap);
            times = Arrays.copyOf(times, cap);
            steps = Arrays.copyOf(steps, cap);
            kinds = Arrays.copyOf(kinds, cap);
            lanes = Arrays.copyOf(lanes, cap);
            links = Arrays.copyOf(links, cap);
            laneRank = Arrays.copyOf(laneRank, cap);
        }

        /** Indexes the next event; returns its ordinal. */
        public int add(TraceEvent e) {
            if (size == events.length) {
                grow();
            }
            int i = size++;
            events[i] = e;
            times[i] = e.timeNanos();
            steps[i] = e.step();
            kinds[i] = (byte) e.kind().ordinal();
            int lane = e.lane();
            lanes[i] = lane;
            links[i] = -1;
            laneRank[i] = -1;
            if (lane >= 0 && lane < nodeCount) {
                laneRank[i] = perLane[lane].size();
                perLane[lane].add(i);
            }
            switch (e) {
                case TraceEvent.MessageSent m -> sends.put(m.messageId(), i);
                case TraceEvent.MessageDelivered m -> {
                    links[i] = sends.get(m.messageId());
                    span = Math.max(span, spanFrom(links[i], i));
                }
                case TraceEvent.MessageDropped m -> {
                    links[i] = sends.get(m.messageId());
                    span = Math.max(span, spanFrom(links[i], i));
                }
                case TraceEvent.MessageDuplicated m -> links[i] = sends.get(m.messageId());
                case TraceEvent.StateSnapshot s -> {
                    if (s.node() < nodeCount) {
                        perNodeSnap[s.node()].add(i);
                    }
                }
                case TraceEvent.InvariantViolated v -> viol.add(i);
                default -> { }
            }
            return i;
        }

        private long spanFrom(int send, int i) {
            return send < 0 ? 0 : times[i] - times[send];
        }

        /**
         * The trace of the events added so far. {@code complete} says whether they are all of the file's
         * events (false for a preview shown while the rest is still being read).
         */
        public LoadedTrace build(Optional<TraceFooter> footer, Optional<Damage> damage, boolean complete) {
            return new LoadedTrace(this, footer, damage, complete);
        }
    }

    /** Indexes an in-memory trace. */
    public static LoadedTrace of(Trace t) {
        Builder b = new Builder(t.source(), t.version(), t.header(), t.events().size());
        t.events().forEach(b::add);
        return b.build(t.footer(), t.damage(), true);
    }

    /**
     * Reads and indexes the trace at {@code path}. A damaged trace loads up to the damage (see
     * {@link #damage()}); a file that cannot be read as a trace at all is an {@link OpenFailure} whose
     * message says why. See {@link TraceLoader} for loading with a preview and progress.
     */
    public static LoadedTrace load(Path path) throws OpenFailure {
        return TraceLoader.load(path, TraceLoader.Listener.NONE).trace();
    }

    /** Whether the file's first bytes could begin a trace: a prefix of the magic, or gzip. */
    static boolean startsLikeATrace(Path path) {
        byte[] magic = "SEEDLOOP".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (var in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(magic.length);
            if (head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
                return true;
            }
            // An empty file is what a writer killed before its first byte leaves: TraceReader calls it truncated
            // at offset 0, and so does the viewer, rather than "not a trace".
            return Arrays.equals(head, 0, head.length, magic, 0, head.length);
        } catch (java.io.IOException e) {
            return true;
        }
    }

    public String source() {
        return source;
    }

    /** The file name without directories (the source if it has none). */
    public String fileName() {
        Path p = Path.of(source.isEmpty() ? "(in memory)" : source).getFileName();
        return p == null ? source : p.toString();
    }

    public FormatVersion version() {
        return version;
    }

    public TraceHeader header() {
        return header;
    }

    public RunIdentity identity() {
        return header.identity();
    }

    public Optional<TraceFooter> footer() {
        return footer;
    }

    public Optional<Damage> damage() {
        return damage;
    }

    /** The number of events. */
    public int size() {
        return events.length;
    }

    /** The number of nodes the header lists. */
    public int nodeCount() {
        return nodeCount;
    }

    /** The node names, in index order. */
    public List<String> nodeNames() {
        List<String> out = new ArrayList<>(nodeCount);
        for (int i = 0; i < nodeCount; i++) {
            out.add(nodeName(i));
        }
        return out;
    }

    /**
     * Whether this holds all of the file's events; false for a preview shown while the rest of the trace
     * is still being read (then there is no footer yet, and more events will follow).
     */
    public boolean complete() {
        return complete;
    }

    /** The name of node {@code i}. */
    public String nodeName(int i) {
        return header.identity().nodeName(i);
    }

    public TraceEvent event(int ordinal) {
        return events[ordinal];
    }

    public long time(int ordinal) {
        return times[ordinal];
    }

    public long step(int ordinal) {
        return steps[ordinal];
    }

    public TraceEventKind kind(int ordinal) {
        return KINDS[kinds[ordinal]];
    }

    /** The node lane of the event (see {@link TraceEvent#lane()}), -1 for run-wide events. */
    public int lane(int ordinal) {
        int l = lanes[ordinal];
        return l < nodeCount ? l : -1;
    }

    /** For a delivery, drop or duplicate: the ordinal of the message's send, or -1 (send not in the trace). */
    public int sendOf(int ordinal) {
        return links[ordinal];
    }

    /** The ordinals of node {@code node}'s own events, ascending. Do not modify. */
    int[] laneEvents(int node) {
        return laneEvents[node];
    }

    /** The position of the event among its lane's events, -1 for run-wide events. */
    int laneRank(int ordinal) {
        return laneRank[ordinal];
    }

    /** The ordinals of node {@code node}'s state snapshots, ascending. Do not modify. */
    int[] snapshots(int node) {
        return snapshots[node];
    }

    /** Whether the trace holds any state snapshot (FULL traces do). */
    public boolean hasSnapshots() {
        for (int[] s : snapshots) {
            if (s.length > 0) {
                return true;
            }
        }
        return false;
    }

    /** The ordinals of the invariant violations, ascending. */
    public int[] violations() {
        return violations.clone();
    }

    /** The largest time from a send to its delivery or drop: how far back a visible arrow may start. */
    public long maxMessageSpan() {
        return maxMessageSpan;
    }

    /** The first ordinal whose time is at least {@code t} ({@link #size()} if none). */
    public int firstAtOrAfterTime(long t) {
        int lo = 0;
        int hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first ordinal whose time is after {@code t} ({@link #size()} if none). */
    public int firstAfterTime(long t) {
        int lo = 0;
        int hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The last ordinal of engine step {@code step} or, if it has none, of the last step before it; -1 if none. */
    public int lastOfStep(long step) {
        int lo = 0;
        int hi = steps.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (steps[mid] <= step) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /** The first ordinal of the engine step the event at {@code ordinal} belongs to. */
    public int firstOfStepOf(int ordinal) {
        long s = steps[ordinal];
        int lo = 0;
        int hi = ordinal;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (steps[mid] < s) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The index of the latest snapshot of {@code node} at or before {@code ordinal}, or -1. */
    public int snapshotAtOrBefore(int node, int ordinal) {
        int[] s = snapshots[node];
        int i = Arrays.binarySearch(s, ordinal);
        int idx = i >= 0 ? i : -i - 2;
        return idx < 0 ? -1 : s[idx];
    }

    /**
     * The ordinal to show for "the violation": the first invariant violation, else the last event of the
     * footer's failure step, else empty.
     */
    public Optional<Integer> violationOrdinal() {
        if (violations.length > 0) {
            return Optional.of(violations[0]);
        }
        return footer.flatMap(TraceFooter::failure).map(f -> lastOfStep(f.step())).filter(o -> o >= 0);
    }

    /** The virtual time of the first event (0 if empty). */
    public long startTime() {
        return times.length == 0 ? 0 : times[0];
    }

    /** The virtual time of the last event, or of the footer's end if that is later. */
    public long endTime() {
        long t = times.length == 0 ? 0 : times[times.length - 1];
        return Math.max(t, footer.map(TraceFooter::finalTimeNanos).orElse(0L));
    }

    /** The step of the last event (0 if empty). */
    public long lastStep() {
        return steps.length == 0 ? 0 : steps[steps.length - 1];
    }
}
