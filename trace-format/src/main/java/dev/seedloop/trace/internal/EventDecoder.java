package dev.seedloop.trace.internal;

import dev.seedloop.trace.DropReason;
import dev.seedloop.trace.NetworkChangeKind;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.v1.Event;
import dev.seedloop.trace.v1.NodeGroup;
import dev.seedloop.trace.v1.StateSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns wire {@link Event}s back into {@link TraceEvent}s: resolves string ids, adds up step and time
 * deltas, checks node indexes against the header. Everything that cannot be right becomes a
 * {@link CorruptTraceException} with a message saying what was wrong; nothing else is thrown.
 */
public final class EventDecoder {
    private final StringTable strings;
    private final int nodeCount;
    private long step;
    private long time;

    /**
     * @param strings the table string entries are defined into as they are read
     * @param nodeCount the number of nodes in the header
     */
    public EventDecoder(StringTable strings, int nodeCount) {
        this.strings = strings;
        this.nodeCount = nodeCount;
    }

    /** The step of the last event decoded (0 before any). */
    public long step() {
        return step;
    }

    /** The time of the last event decoded (0 before any). */
    public long time() {
        return time;
    }

    /** Continues decoding as if the last event decoded had this step and time (used to seek). */
    public void resetTo(long step, long time) {
        this.step = step;
        this.time = time;
    }

    /** Decodes one event. The delta state advances only if the event is valid. */
    public TraceEvent decode(Event e) throws CorruptTraceException {
        long s = add(step, e.getStepDelta(), "step");
        long t = add(time, e.getTimeDelta(), "time");
        TraceEvent out;
        try {
            out = switch (e.getKindCase()) {
                case NODE_STARTED -> new TraceEvent.NodeStarted(s, t, node(e.getNodeStarted().getNode()),
                        e.getNodeStarted().getIncarnation());
                case NODE_CRASHED -> new TraceEvent.NodeCrashed(s, t, node(e.getNodeCrashed().getNode()));
                case MESSAGE_SENT -> {
                    var m = e.getMessageSent();
                    yield new TraceEvent.MessageSent(s, t, m.getMessageId(), node(m.getSrc()), node(m.getDst()),
                            str(m.getType()), m.getLatencyNanos(), m.hasPayload() ? m.getPayload() : null);
                }
                case MESSAGE_DELIVERED -> {
                    var m = e.getMessageDelivered();
                    yield new TraceEvent.MessageDelivered(s, t, m.getMessageId(), node(m.getSrc()), node(m.getDst()),
                            str(m.getType()));
                }
                case MESSAGE_DROPPED -> {
                    var m = e.getMessageDropped();
                    yield new TraceEvent.MessageDropped(s, t, m.getMessageId(), node(m.getSrc()), node(m.getDst()),
                            str(m.getType()), reason(m.getReasonValue()));
                }
                case MESSAGE_DUPLICATED -> {
                    var m = e.getMessageDuplicated();
                    yield new TraceEvent.MessageDuplicated(s, t, m.getMessageId(), node(m.getSrc()),
                            node(m.getDst()), str(m.getType()), m.getLatencyNanos());
                }
                case TIMER_SET -> {
                    var m = e.getTimerSet();
                    yield new TraceEvent.TimerSet(s, t, node(m.getNode()), m.getTimerId(),
                            add(t, m.getDelayNanos(), "timer fire time"), str(m.getTag()));
                }
                case TIMER_FIRED -> new TraceEvent.TimerFired(s, t, node(e.getTimerFired().getNode()),
                        e.getTimerFired().getTimerId(), str(e.getTimerFired().getTag()));
                case TIMER_CANCELLED -> new TraceEvent.TimerCancelled(s, t, node(e.getTimerCancelled().getNode()),
                        e.getTimerCancelled().getTimerId(), str(e.getTimerCancelled().getTag()));
                case NETWORK_CHANGED -> network(s, t, e.getNetworkChanged());
                case NOTE -> new TraceEvent.Note(s, t, str(e.getNote().getLabel()), e.getNote().getDetail());
                case LOG -> new TraceEvent.Log(s, t, node(e.getLog().getNode()), e.getLog().getText());
                case INVARIANT_VIOLATED -> new TraceEvent.InvariantViolated(s, t,
                        str(e.getInvariantViolated().getName()), e.getInvariantViolated().getEvidence());
                case STATE_SNAPSHOT -> {
                    var m = e.getStateSnapshot();
                    List<TraceEvent.StateSnapshot.Field> fields = new ArrayList<>(m.getFieldsCount());
                    for (StateSnapshot.Field f : m.getFieldsList()) {
                        fields.add(new TraceEvent.StateSnapshot.Field(str(f.getName()), f.getValue()));
                    }
                    yield new TraceEvent.StateSnapshot(s, t, node(m.getNode()), fields);
                }
                case NODE_PAUSED -> new TraceEvent.NodePaused(s, t, node(e.getNodePaused().getNode()),
                        add(t, e.getNodePaused().getDurationNanos(), "pause end"));
                case NODE_RESUMED -> new TraceEvent.NodeResumed(s, t, node(e.getNodeResumed().getNode()));
                case FAULT_BEGIN -> {
                    var m = e.getFaultBegin();
                    yield new TraceEvent.FaultBegin(s, t, m.getFaultId(), str(m.getKind()),
                            optionalNode(m.getNodeAPlusOne()), optionalNode(m.getNodeBPlusOne()), m.getDescription());
                }
                case FAULT_END -> {
                    var m = e.getFaultEnd();
                    yield new TraceEvent.FaultEnd(s, t, m.getFaultId(), str(m.getKind()),
                            optionalNode(m.getNodeAPlusOne()), optionalNode(m.getNodeBPlusOne()));
                }
                case SCHEDULE_DECISION -> new TraceEvent.ScheduleDecision(s, t, e.getScheduleDecision().getDecision(),
                        optionalNode(e.getScheduleDecision().getNodePlusOne()), e.getScheduleDecision().getValue());
                case BUGGIFY_FIRED -> new TraceEvent.BuggifyFired(s, t, node(e.getBuggifyFired().getNode()),
                        str(e.getBuggifyFired().getPoint()));
                case STORAGE_SYNC -> new TraceEvent.StorageSync(s, t, node(e.getStorageSync().getNode()),
                        e.getStorageSync().getWrites());
                case STORAGE_LOST -> new TraceEvent.StorageLost(s, t, node(e.getStorageLost().getNode()),
                        e.getStorageLost().getLost(), e.getStorageLost().getTorn());
                case INVARIANT_CHECKED -> new TraceEvent.InvariantChecked(s, t,
                        str(e.getInvariantChecked().getName()), e.getInvariantChecked().getHolds());
                case LIVENESS_HELD -> new TraceEvent.LivenessHeld(s, t, str(e.getLivenessHeld().getName()),
                        e.getLivenessHeld().getWaitedNanos(), e.getLivenessHeld().getWithinNanos());
                case KIND_NOT_SET -> unknown(s, t, e);
            };
        } catch (IllegalArgumentException invalid) {
            // The event records validate their components; a whole record that fails validation is corrupt.
            throw new CorruptTraceException("invalid event: " + invalid.getMessage());
        }
        step = s;
        time = t;
        return out;
    }

    private static TraceEvent unknown(long s, long t, Event e) throws CorruptTraceException {
        // A kind added by a newer minor version arrives as an unknown field; any other field number is noise.
        for (int field : e.getUnknownFields().asMap().keySet()) {
            if (field != 14 && field != 15) {
                return new TraceEvent.Unknown(s, t, field);
            }
        }
        throw new CorruptTraceException("event record has no kind");
    }

    private TraceEvent network(long s, long t, dev.seedloop.trace.v1.NetworkChanged m) throws CorruptTraceException {
        NetworkChangeKind kind = switch (m.getChangeValue()) {
            case 1 -> NetworkChangeKind.PARTITION;
            case 2 -> NetworkChangeKind.ISOLATE;
            case 3 -> NetworkChangeKind.HEAL;
            default -> throw new CorruptTraceException("unknown network change " + m.getChangeValue());
        };
        List<List<Integer>> groups = new ArrayList<>(m.getGroupsCount());
        for (NodeGroup g : m.getGroupsList()) {
            List<Integer> members = new ArrayList<>(g.getMembersCount());
            for (int member : g.getMembersList()) {
                members.add(node(member));
            }
            groups.add(members);
        }
        int node = kind == NetworkChangeKind.ISOLATE ? node(m.getNode()) : -1;
        if (kind != NetworkChangeKind.ISOLATE && m.getNode() != 0) {
            throw new CorruptTraceException(kind + " event names node " + m.getNode());
        }
        return new TraceEvent.NetworkChanged(s, t, kind, groups, node);
    }

    private static DropReason reason(int code) throws CorruptTraceException {
        try {
            return DropReason.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw new CorruptTraceException("unknown drop reason " + code);
        }
    }

    private int optionalNode(int plusOne) throws CorruptTraceException {
        return plusOne == 0 ? -1 : node(plusOne - 1);
    }

    private int node(int index) throws CorruptTraceException {
        // uint32 arrives as a Java int: values over 2^31 are negative here, and just as wrong.
        if (index < 0 || index >= nodeCount) {
            throw new CorruptTraceException("event names node " + Integer.toUnsignedString(index)
                    + " but the header lists " + nodeCount + " nodes");
        }
        return index;
    }

    private String str(int id) throws CorruptTraceException {
        return strings.get(Integer.toUnsignedLong(id));
    }

    private static long add(long base, long delta, String what) throws CorruptTraceException {
        if (delta < 0 || base + delta < base) {
            throw new CorruptTraceException(what + " overflows: " + base + " + " + Long.toUnsignedString(delta));
        }
        return base + delta;
    }
}
