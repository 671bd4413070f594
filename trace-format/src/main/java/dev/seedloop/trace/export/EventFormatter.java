package dev.seedloop.trace.export;

import dev.seedloop.trace.RunIdentity;
import dev.seedloop.trace.TraceEvent;
import java.util.stream.Collectors;

/**
 * One-line human renderings of events, shared by the text export, the CLI and the diff report. Node
 * indexes are shown by the names the header gives them. Stateless apart from the identity it names nodes
 * by; the output depends only on the event, so it is stable enough for golden files.
 */
public final class EventFormatter {
    private final RunIdentity identity;

    /** A formatter naming nodes as {@code identity} does. */
    public EventFormatter(RunIdentity identity) {
        this.identity = identity;
    }

    /** Virtual nanoseconds as seconds with all nine decimals, e.g. {@code 1.250000000}. */
    public static String time(long nanos) {
        return (nanos / 1_000_000_000L) + "." + String.format("%09d", nanos % 1_000_000_000L);
    }

    /** A duration in the largest unit that keeps it readable, e.g. {@code 3.2ms}, {@code 750ns}. */
    public static String duration(long nanos) {
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000) {
            return trim(nanos / 1_000.0) + "us";
        }
        if (nanos < 1_000_000_000) {
            return trim(nanos / 1_000_000.0) + "ms";
        }
        return trim(nanos / 1_000_000_000.0) + "s";
    }

    private static String trim(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** The name of node {@code index}. */
    public String node(int index) {
        return identity.nodeName(index);
    }

    /** {@code step 12  t=0.012000000  <what>}, always one line (line breaks in text are escaped). */
    public String line(TraceEvent e) {
        return "step " + e.step() + "  t=" + time(e.timeNanos()) + "  " + oneLine(what(e));
    }

    /** {@code s} with CR and LF escaped as {@code \r} and {@code \n}. */
    public static String oneLine(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }

    /** The event without its step and time, e.g. {@code n0 -> n1 MESSAGE_SENT RequestVote id=7 latency=3ms}. */
    public String what(TraceEvent e) {
        return switch (e) {
            case TraceEvent.NodeStarted x -> node(x.node()) + " NODE_STARTED"
                    + (x.incarnation() > 0 ? " (restart, incarnation " + x.incarnation() + ")" : "");
            case TraceEvent.NodeCrashed x -> node(x.node()) + " NODE_CRASHED";
            case TraceEvent.MessageSent x -> node(x.src()) + " -> " + node(x.dst()) + " MESSAGE_SENT " + x.type()
                    + " id=" + Long.toUnsignedString(x.messageId()) + " latency=" + duration(x.latencyNanos())
                    + (x.payload() == null ? "" : " payload=" + x.payload());
            case TraceEvent.MessageDelivered x -> node(x.src()) + " -> " + node(x.dst()) + " MESSAGE_DELIVERED "
                    + x.type() + " id=" + Long.toUnsignedString(x.messageId());
            case TraceEvent.MessageDropped x -> node(x.src()) + " -> " + node(x.dst()) + " MESSAGE_DROPPED "
                    + x.type() + " id=" + Long.toUnsignedString(x.messageId()) + " reason=" + x.reason();
            case TraceEvent.MessageDuplicated x -> node(x.src()) + " -> " + node(x.dst()) + " MESSAGE_DUPLICATED "
                    + x.type() + " id=" + Long.toUnsignedString(x.messageId()) + " latency="
                    + duration(x.latencyNanos());
            case TraceEvent.TimerSet x -> node(x.node()) + " TIMER_SET" + tag(x.tag()) + " timer="
                    + Long.toUnsignedString(x.timerId()) + " fireAt=" + time(x.fireAtNanos());
            case TraceEvent.TimerFired x -> node(x.node()) + " TIMER_FIRED" + tag(x.tag()) + " timer="
                    + Long.toUnsignedString(x.timerId());
            case TraceEvent.TimerCancelled x -> node(x.node()) + " TIMER_CANCELLED" + tag(x.tag()) + " timer="
                    + Long.toUnsignedString(x.timerId());
            case TraceEvent.NetworkChanged x -> switch (x.change()) {
                case PARTITION -> "NETWORK_CHANGED partition " + x.groups().stream()
                        .map(g -> g.stream().map(this::node).collect(Collectors.joining(",", "{", "}")))
                        .collect(Collectors.joining(" | "));
                case ISOLATE -> "NETWORK_CHANGED isolate " + node(x.node());
                case HEAL -> "NETWORK_CHANGED heal";
            };
            case TraceEvent.Note x -> "NOTE " + x.label() + ": " + x.detail();
            case TraceEvent.Log x -> node(x.node()) + " LOG " + x.text();
            case TraceEvent.InvariantViolated x -> "INVARIANT_VIOLATED " + x.name() + ": " + x.evidence();
            case TraceEvent.StateSnapshot x -> node(x.node()) + " STATE_SNAPSHOT " + x.fields().stream()
                    .map(f -> f.name() + "=" + f.value()).collect(Collectors.joining(", ", "{", "}"));
            case TraceEvent.NodePaused x -> node(x.node()) + " NODE_PAUSED until=" + time(x.untilNanos());
            case TraceEvent.NodeResumed x -> node(x.node()) + " NODE_RESUMED";
            case TraceEvent.FaultBegin x -> "FAULT_BEGIN #" + x.faultId() + " " + x.description();
            case TraceEvent.FaultEnd x -> "FAULT_END #" + x.faultId() + " " + x.fault();
            case TraceEvent.ScheduleDecision x -> (x.node() >= 0 ? node(x.node()) + " " : "") + "SCHEDULE_DECISION "
                    + x.decisionName() + " " + x.value();
            case TraceEvent.BuggifyFired x -> node(x.node()) + " BUGGIFY_FIRED " + x.point() + " (injected)";
            case TraceEvent.StorageSync x -> node(x.node()) + " STORAGE_SYNC writes=" + x.writes();
            case TraceEvent.StorageLost x -> node(x.node()) + " STORAGE_LOST lost=" + x.lost()
                    + (x.torn() ? " (first torn)" : "");
            case TraceEvent.InvariantChecked x -> "INVARIANT_CHECKED " + x.name() + (x.holds() ? " holds" : " FAILS");
            case TraceEvent.LivenessHeld x -> "LIVENESS_HELD " + x.name() + " held " + duration(x.waitedNanos())
                    + " after it was stated (within " + duration(x.withinNanos()) + ")";
            case TraceEvent.Unknown x -> "UNKNOWN kind " + x.code() + " (newer format; not decoded)";
        };
    }

    private static String tag(String tag) {
        return tag.isEmpty() ? "" : " " + tag;
    }
}
