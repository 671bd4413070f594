package dev.seedloop.trace.diff;

import dev.seedloop.trace.TraceEvent;

/**
 * What an event did, without when or with which ids: the unit of per-node alignment. Two runs of
 * different seeds have different times and message ids but often the same shapes ("n0 sent RequestVote
 * to n2"), so aligning on shapes shows where their behaviour, not their timing, parts.
 */
public final class EventShape {
    private EventShape() {}

    /** The shape of {@code e}, e.g. {@code MESSAGE_SENT RequestVote 0->2}. */
    public static String of(TraceEvent e) {
        return switch (e) {
            case TraceEvent.NodeStarted x -> "NODE_STARTED " + x.node() + (x.incarnation() > 0 ? " restart" : "");
            case TraceEvent.NodeCrashed x -> "NODE_CRASHED " + x.node();
            case TraceEvent.MessageSent x -> "MESSAGE_SENT " + x.type() + " " + x.src() + "->" + x.dst();
            case TraceEvent.MessageDelivered x -> "MESSAGE_DELIVERED " + x.type() + " " + x.src() + "->" + x.dst();
            case TraceEvent.MessageDropped x -> "MESSAGE_DROPPED " + x.type() + " " + x.src() + "->" + x.dst() + " "
                    + x.reason();
            case TraceEvent.MessageDuplicated x -> "MESSAGE_DUPLICATED " + x.type() + " " + x.src() + "->" + x.dst();
            case TraceEvent.TimerSet x -> "TIMER_SET " + x.node() + " " + x.tag();
            case TraceEvent.TimerFired x -> "TIMER_FIRED " + x.node() + " " + x.tag();
            case TraceEvent.TimerCancelled x -> "TIMER_CANCELLED " + x.node() + " " + x.tag();
            case TraceEvent.NetworkChanged x -> "NETWORK_CHANGED " + x.change() + " " + x.groups()
                    + (x.node() >= 0 ? " " + x.node() : "");
            case TraceEvent.Note x -> "NOTE " + x.label();
            case TraceEvent.Log x -> "LOG " + x.node() + " " + x.text();
            case TraceEvent.InvariantViolated x -> "INVARIANT_VIOLATED " + x.name();
            case TraceEvent.StateSnapshot x -> "STATE_SNAPSHOT " + x.node();
            case TraceEvent.NodePaused x -> "NODE_PAUSED " + x.node();
            case TraceEvent.NodeResumed x -> "NODE_RESUMED " + x.node();
            case TraceEvent.FaultBegin x -> "FAULT_BEGIN " + x.fault() + " " + x.nodeA() + " " + x.nodeB();
            case TraceEvent.FaultEnd x -> "FAULT_END " + x.fault() + " " + x.nodeA() + " " + x.nodeB();
            case TraceEvent.ScheduleDecision x -> "SCHEDULE_DECISION " + x.decisionName() + " " + x.node();
            case TraceEvent.BuggifyFired x -> "BUGGIFY_FIRED " + x.node() + " " + x.point();
            case TraceEvent.StorageSync x -> "STORAGE_SYNC " + x.node();
            case TraceEvent.StorageLost x -> "STORAGE_LOST " + x.node() + " " + x.lost();
            case TraceEvent.InvariantChecked x -> "INVARIANT_CHECKED " + x.name() + " " + x.holds();
            case TraceEvent.LivenessHeld x -> "LIVENESS_HELD " + x.name();
            case TraceEvent.Unknown x -> "UNKNOWN " + x.code();
        };
    }
}
