package dev.seedloop.trace.internal;

import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.v1.Event;
import dev.seedloop.trace.v1.InvariantChecked;
import dev.seedloop.trace.v1.InvariantViolated;
import dev.seedloop.trace.v1.Log;
import dev.seedloop.trace.v1.LivenessHeld;
import dev.seedloop.trace.v1.MessageDelivered;
import dev.seedloop.trace.v1.MessageDropped;
import dev.seedloop.trace.v1.MessageDuplicated;
import dev.seedloop.trace.v1.MessageSent;
import dev.seedloop.trace.v1.NetworkChangeKind;
import dev.seedloop.trace.v1.NetworkChanged;
import dev.seedloop.trace.v1.BuggifyFired;
import dev.seedloop.trace.v1.FaultBegin;
import dev.seedloop.trace.v1.FaultEnd;
import dev.seedloop.trace.v1.NodeCrashed;
import dev.seedloop.trace.v1.NodePaused;
import dev.seedloop.trace.v1.NodeResumed;
import dev.seedloop.trace.v1.ScheduleDecision;
import dev.seedloop.trace.v1.StorageLost;
import dev.seedloop.trace.v1.StorageSync;
import dev.seedloop.trace.v1.NodeGroup;
import dev.seedloop.trace.v1.NodeStarted;
import dev.seedloop.trace.v1.Note;
import dev.seedloop.trace.v1.StateSnapshot;
import dev.seedloop.trace.v1.StringEntry;
import dev.seedloop.trace.v1.TimerCancelled;
import dev.seedloop.trace.v1.TimerFired;
import dev.seedloop.trace.v1.TimerSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns {@link TraceEvent}s into wire {@link Event}s: interns strings (announcing each new one before the
 * event that uses it), stores step and time as deltas, cuts over-long non-digested renderings. The
 * mirror image of {@link EventDecoder}; the two are tested as a pair.
 */
public final class EventEncoder {
    private final StringInterner strings = new StringInterner();
    private final Consumer<StringEntry> newStrings;
    private final int nodeCount;
    private long prevStep;
    private long prevTime;

    /**
     * @param nodeCount the number of nodes in the header; events naming other nodes are refused
     * @param newStrings receives each new string entry, to be written before the event that uses it
     */
    public EventEncoder(int nodeCount, Consumer<StringEntry> newStrings) {
        this.nodeCount = nodeCount;
        this.newStrings = newStrings;
    }

    /**
     * Encodes one event.
     *
     * @throws IllegalArgumentException if the event goes back in step or time, or names an unknown node
     */
    public Event encode(TraceEvent e) {
        if (e.step() < prevStep) {
            throw new IllegalArgumentException("event " + e + " has step " + e.step()
                    + ", before the previous event's step " + prevStep + "; events must be written in step order");
        }
        if (e.timeNanos() < prevTime) {
            throw new IllegalArgumentException("event " + e + " has time " + e.timeNanos()
                    + " ns, before the previous event's " + prevTime + " ns; virtual time never goes back");
        }
        Event.Builder b = Event.newBuilder()
                .setStepDelta(e.step() - prevStep)
                .setTimeDelta(e.timeNanos() - prevTime);
        switch (e) {
            case TraceEvent.NodeStarted x -> b.setNodeStarted(NodeStarted.newBuilder()
                    .setNode(node(x.node())).setIncarnation(x.incarnation()));
            case TraceEvent.NodeCrashed x -> b.setNodeCrashed(NodeCrashed.newBuilder().setNode(node(x.node())));
            case TraceEvent.MessageSent x -> {
                MessageSent.Builder m = MessageSent.newBuilder().setMessageId(x.messageId())
                        .setSrc(node(x.src())).setDst(node(x.dst())).setType(intern(x.type()))
                        .setLatencyNanos(x.latencyNanos());
                if (x.payload() != null) {
                    m.setPayload(cut(x.payload()));
                }
                b.setMessageSent(m);
            }
            case TraceEvent.MessageDelivered x -> b.setMessageDelivered(MessageDelivered.newBuilder()
                    .setMessageId(x.messageId()).setSrc(node(x.src())).setDst(node(x.dst()))
                    .setType(intern(x.type())));
            case TraceEvent.MessageDropped x -> b.setMessageDropped(MessageDropped.newBuilder()
                    .setMessageId(x.messageId()).setSrc(node(x.src())).setDst(node(x.dst()))
                    .setType(intern(x.type())).setReasonValue(x.reason().code()));
            case TraceEvent.MessageDuplicated x -> b.setMessageDuplicated(MessageDuplicated.newBuilder()
                    .setMessageId(x.messageId()).setSrc(node(x.src())).setDst(node(x.dst()))
                    .setType(intern(x.type())).setLatencyNanos(x.latencyNanos()));
            case TraceEvent.TimerSet x -> b.setTimerSet(TimerSet.newBuilder().setNode(node(x.node()))
                    .setTimerId(x.timerId()).setDelayNanos(x.fireAtNanos() - x.timeNanos()).setTag(intern(x.tag())));
            case TraceEvent.TimerFired x -> b.setTimerFired(TimerFired.newBuilder().setNode(node(x.node()))
                    .setTimerId(x.timerId()).setTag(intern(x.tag())));
            case TraceEvent.TimerCancelled x -> b.setTimerCancelled(TimerCancelled.newBuilder()
                    .setNode(node(x.node())).setTimerId(x.timerId()).setTag(intern(x.tag())));
            case TraceEvent.NetworkChanged x -> {
                NetworkChanged.Builder n = NetworkChanged.newBuilder().setChangeValue(x.change().code());
                for (List<Integer> g : x.groups()) {
                    NodeGroup.Builder gb = NodeGroup.newBuilder();
                    g.forEach(m -> gb.addMembers(node(m)));
                    n.addGroups(gb);
                }
                if (x.change() == dev.seedloop.trace.NetworkChangeKind.ISOLATE) {
                    n.setNode(node(x.node()));
                }
                if (n.getChange() == NetworkChangeKind.UNRECOGNIZED) {
                    throw new IllegalStateException("network change " + x.change() + " has no wire value");
                }
                b.setNetworkChanged(n);
            }
            case TraceEvent.Note x -> b.setNote(Note.newBuilder().setLabel(intern(x.label())).setDetail(x.detail()));
            case TraceEvent.Log x -> b.setLog(Log.newBuilder().setNode(node(x.node())).setText(x.text()));
            case TraceEvent.InvariantViolated x -> b.setInvariantViolated(InvariantViolated.newBuilder()
                    .setName(intern(x.name())).setEvidence(cut(x.evidence())));
            case TraceEvent.StateSnapshot x -> {
                StateSnapshot.Builder s = StateSnapshot.newBuilder().setNode(node(x.node()));
                for (TraceEvent.StateSnapshot.Field f : x.fields()) {
                    s.addFields(StateSnapshot.Field.newBuilder().setName(intern(f.name())).setValue(cut(f.value())));
                }
                b.setStateSnapshot(s);
            }
            case TraceEvent.NodePaused x -> b.setNodePaused(NodePaused.newBuilder().setNode(node(x.node()))
                    .setDurationNanos(x.untilNanos() - x.timeNanos()));
            case TraceEvent.NodeResumed x -> b.setNodeResumed(NodeResumed.newBuilder().setNode(node(x.node())));
            case TraceEvent.FaultBegin x -> b.setFaultBegin(FaultBegin.newBuilder().setFaultId(x.faultId())
                    .setKind(intern(x.fault())).setNodeAPlusOne(optionalNode(x.nodeA()))
                    .setNodeBPlusOne(optionalNode(x.nodeB())).setDescription(x.description()));
            case TraceEvent.FaultEnd x -> b.setFaultEnd(FaultEnd.newBuilder().setFaultId(x.faultId())
                    .setKind(intern(x.fault())).setNodeAPlusOne(optionalNode(x.nodeA()))
                    .setNodeBPlusOne(optionalNode(x.nodeB())));
            case TraceEvent.ScheduleDecision x -> b.setScheduleDecision(ScheduleDecision.newBuilder()
                    .setDecision(x.decision()).setNodePlusOne(optionalNode(x.node())).setValue(x.value()));
            case TraceEvent.BuggifyFired x -> b.setBuggifyFired(BuggifyFired.newBuilder().setNode(node(x.node()))
                    .setPoint(intern(x.point())));
            case TraceEvent.StorageSync x -> b.setStorageSync(StorageSync.newBuilder().setNode(node(x.node()))
                    .setWrites(x.writes()));
            case TraceEvent.StorageLost x -> b.setStorageLost(StorageLost.newBuilder().setNode(node(x.node()))
                    .setLost(x.lost()).setTorn(x.torn()));
            case TraceEvent.InvariantChecked x -> b.setInvariantChecked(InvariantChecked.newBuilder()
                    .setName(intern(x.name())).setHolds(x.holds()));
            case TraceEvent.LivenessHeld x -> b.setLivenessHeld(LivenessHeld.newBuilder()
                    .setName(intern(x.name())).setWaitedNanos(x.waitedNanos()).setWithinNanos(x.withinNanos()));
            case TraceEvent.Unknown x -> throw new IllegalArgumentException(
                    "an event of unknown kind " + x.code() + " cannot be written: its content was not read");
        }
        prevStep = e.step();
        prevTime = e.timeNanos();
        return b.build();
    }

    private int optionalNode(int index) {
        return index < 0 ? 0 : node(index) + 1;
    }

    private int node(int index) {
        if (index >= nodeCount) {
            throw new IllegalArgumentException("an event names node " + index + " but the header lists "
                    + nodeCount + " nodes (0.." + (nodeCount - 1) + "); list every node in the RunIdentity");
        }
        return index;
    }

    private int intern(String s) {
        int id = strings.idOf(s);
        if (id >= 0) {
            return id;
        }
        id = strings.define(s);
        newStrings.accept(StringEntry.newBuilder().setId(id).setValue(s).build());
        return id;
    }

    /** Renderings are for people; an unbounded one would break the record limit, so it is cut, visibly. */
    private static String cut(String s) {
        if (s.length() <= Limits.MAX_RENDERING_CHARS) {
            return s;
        }
        String marker = "...[cut " + (s.length() - Limits.MAX_RENDERING_CHARS) + " chars]";
        return s.substring(0, Limits.MAX_RENDERING_CHARS) + marker;
    }
}
