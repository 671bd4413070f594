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

    private LoadedTrace(String source, FormatVersion version, TraceHeader header, Optional<TraceFooter> footer,
            Optional<Damage> damage, List<TraceEvent> list) {
        this.source = source;
        this.version = version;
        this.header = header;
        this.footer = footer;
        this.damage = damage;
        int n = list.size();
        this.events = list.toArray(new TraceEvent[0]);
        this.nodeCount = header.identity().nodes().size();
        times = new long[n];
        steps = new long[n];
        kinds = new byte[n];
        lanes = new int[n];
        links = new int[n];
        laneRank = new int[n];
        IntList[] perLane = new IntList[nodeCount];
        IntList[] perNodeSnap = new IntList[nodeCount];
        for (int i = 0; i < nodeCount; i++) {
            perLane[i] = new IntList(n / Math.max(1, nodeCount) + 16);
            perNodeSnap[i] = new IntList();
        }
        IntList viol = new IntList();
        LongIntMap sends = new LongIntMap(Math.max(16, n / 4));
        long span = 0;
        for (int i = 0; i < n; i++) {
            TraceEvent e = events[i];
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
        }
        laneEvents = new int[nodeCount][];
        snapshots = new int[nodeCount][];
        for (int i = 0; i < nodeCount; i++) {
            laneEvents[i] = perLane[i].toArray();
            snapshots[i] = perNodeSnap[i].toArray();
        }
        violations = viol.toArray();
        maxMessageSpan = span;
    }

    private long spanFrom(int send, int i) {
        return send < 0 ? 0 : times[i] - times[send];
    }

    /** Indexes an in-memory trace. */
    public static LoadedTrace of(Trace t) {
        return new LoadedTrace(t.source(), t.version(), t.header(), t.footer(), t.damage(), t.events());
    }

    /**
     * Reads and indexes the trace at {@code path}. A damaged trace loads up to the damage (see
     * {@link #damage()}); a file that cannot be read as a trace at all is an {@link OpenFailure} whose
     * message says why.
     */
    public static LoadedTrace load(Path path) throws OpenFailure {
        if (Files.isDirectory(path)) {
            throw new OpenFailure(path + " is a directory; choose a .trace file inside it", null);
        }
        try (TraceReader r = TraceReader.open(path)) {
            List<TraceEvent> list = new ArrayList<>();
            r.forEachRemaining(list::add);
            return new LoadedTrace(path.toString(), r.formatVersion(), r.header(), r.footer(), r.damage(), list);
        } catch (TraceFileException e) {
            if (e.reason() != TraceFileException.Reason.IO_ERROR && !startsLikeATrace(path)) {
                throw new OpenFailure("This file is not a seedloop trace: it does not start with \"SEEDLOOP\" "
                        + "(nor is it gzip-compressed). Choose a .trace file written by seedloop.", e);
            }
            String what = switch (e.reason()) {
                case NOT_A_TRACE -> "This file is not a seedloop trace.";
                case UNSUPPORTED_VERSION -> "This trace uses a format version this viewer cannot read.";
                case TRUNCATED, CORRUPT -> "This trace is damaged before its header ends, so nothing of the run can be shown.";
                case IO_ERROR -> "The file cannot be read.";
            };
            throw new OpenFailure(what + " " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new OpenFailure("The file cannot be read: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new OpenFailure("The trace is too large for this viewer's heap; start it with a larger -Xmx.", null);
        }
    }

    /** Whether the file's first bytes could begin a trace: a prefix of the magic, or gzip. */
    private static boolean startsLikeATrace(Path path) {
        byte[] magic = "SEEDLOOP".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (var in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(magic.length);
            if (head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
                return true;
            }
            return head.length > 0 && Arrays.equals(head, 0, head.length, magic, 0, head.length);
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
