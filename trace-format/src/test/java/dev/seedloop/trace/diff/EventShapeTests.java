package dev.seedloop.trace.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.trace.DropReason;
import dev.seedloop.trace.EventKindCode;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceEvent.StateSnapshot.Field;
import dev.seedloop.trace.TraceEventKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What per-node alignment treats as "the same thing done": for every event kind, an event, the same event
 * at another step and time with other ids, latencies, renderings and details (same shape), and events that
 * did something else — another node, message type, tag, reason, name... (each a different shape).
 */
class EventShapeTests {

    /** An event, a variant that only differs in when and with which ids, and variants that did something else. */
    record Case(TraceEvent event, TraceEvent sameShape, List<TraceEvent> otherShapes) {
        @Override
        public String toString() {
            return event.kind().toString();
        }
    }

    static Stream<Case> everyKind() {
        return Stream.of(
                new Case(new TraceEvent.NodeStarted(1, 10, 0, 0), new TraceEvent.NodeStarted(9, 90, 0, 0),
                        List.of(new TraceEvent.NodeStarted(1, 10, 1, 0), new TraceEvent.NodeStarted(1, 10, 0, 1))),
                new Case(new TraceEvent.NodeCrashed(1, 10, 0), new TraceEvent.NodeCrashed(9, 90, 0),
                        List.of(new TraceEvent.NodeCrashed(1, 10, 1))),
                new Case(new TraceEvent.MessageSent(1, 10, 7, 0, 1, "Ping", 5, "Ping[n=1]"),
                        new TraceEvent.MessageSent(9, 90, 70, 0, 1, "Ping", 50, "Ping[n=2]"),
                        List.of(new TraceEvent.MessageSent(1, 10, 7, 0, 1, "Pong", 5, "Ping[n=1]"),
                                new TraceEvent.MessageSent(1, 10, 7, 2, 1, "Ping", 5, "Ping[n=1]"),
                                new TraceEvent.MessageSent(1, 10, 7, 0, 2, "Ping", 5, "Ping[n=1]"))),
                new Case(new TraceEvent.MessageDelivered(1, 10, 7, 0, 1, "Ping"),
                        new TraceEvent.MessageDelivered(9, 90, 70, 0, 1, "Ping"),
                        List.of(new TraceEvent.MessageDelivered(1, 10, 7, 0, 1, "Pong"),
                                new TraceEvent.MessageDelivered(1, 10, 7, 2, 1, "Ping"),
                                new TraceEvent.MessageDelivered(1, 10, 7, 0, 2, "Ping"))),
                new Case(new TraceEvent.MessageDropped(1, 10, 7, 0, 1, "Ping", DropReason.LOSS),
                        new TraceEvent.MessageDropped(9, 90, 70, 0, 1, "Ping", DropReason.LOSS),
                        List.of(new TraceEvent.MessageDropped(1, 10, 7, 0, 1, "Ping", DropReason.PARTITION),
                                new TraceEvent.MessageDropped(1, 10, 7, 0, 1, "Pong", DropReason.LOSS),
                                new TraceEvent.MessageDropped(1, 10, 7, 2, 1, "Ping", DropReason.LOSS),
                                new TraceEvent.MessageDropped(1, 10, 7, 0, 2, "Ping", DropReason.LOSS))),
                new Case(new TraceEvent.MessageDuplicated(1, 10, 7, 0, 1, "Ping", 5),
                        new TraceEvent.MessageDuplicated(9, 90, 70, 0, 1, "Ping", 50),
                        List.of(new TraceEvent.MessageDuplicated(1, 10, 7, 0, 1, "Pong", 5),
                                new TraceEvent.MessageDuplicated(1, 10, 7, 2, 1, "Ping", 5),
                                new TraceEvent.MessageDuplicated(1, 10, 7, 0, 2, "Ping", 5))),
                new Case(new TraceEvent.TimerSet(1, 10, 0, 3, 40, "election"),
                        new TraceEvent.TimerSet(9, 90, 0, 30, 400, "election"),
                        List.of(new TraceEvent.TimerSet(1, 10, 1, 3, 40, "election"),
                                new TraceEvent.TimerSet(1, 10, 0, 3, 40, "heartbeat"))),
                new Case(new TraceEvent.TimerFired(1, 10, 0, 3, "election"),
                        new TraceEvent.TimerFired(9, 90, 0, 30, "election"),
                        List.of(new TraceEvent.TimerFired(1, 10, 1, 3, "election"),
                                new TraceEvent.TimerFired(1, 10, 0, 3, "heartbeat"))),
                new Case(new TraceEvent.TimerCancelled(1, 10, 0, 3, "election"),
                        new TraceEvent.TimerCancelled(9, 90, 0, 30, "election"),
                        List.of(new TraceEvent.TimerCancelled(1, 10, 1, 3, "election"),
                                new TraceEvent.TimerCancelled(1, 10, 0, 3, "heartbeat"))),
                new Case(TraceEvent.NetworkChanged.partition(1, 10, List.of(List.of(0, 1), List.of(2))),
                        TraceEvent.NetworkChanged.partition(9, 90, List.of(List.of(0, 1), List.of(2))),
                        List.of(TraceEvent.NetworkChanged.partition(1, 10, List.of(List.of(0), List.of(1, 2))),
                                TraceEvent.NetworkChanged.isolate(1, 10, 2),
                                TraceEvent.NetworkChanged.heal(1, 10))),
                new Case(TraceEvent.NetworkChanged.isolate(1, 10, 2), TraceEvent.NetworkChanged.isolate(9, 90, 2),
                        List.of(TraceEvent.NetworkChanged.isolate(1, 10, 1), TraceEvent.NetworkChanged.heal(1, 10))),
                new Case(new TraceEvent.Note(1, 10, "leader", "n0 in term 1"),
                        new TraceEvent.Note(9, 90, "leader", "n1 in term 4"),
                        List.of(new TraceEvent.Note(1, 10, "partition", "n0 in term 1"))),
                new Case(new TraceEvent.Log(1, 10, 0, "became leader"), new TraceEvent.Log(9, 90, 0, "became leader"),
                        List.of(new TraceEvent.Log(1, 10, 1, "became leader"),
                                new TraceEvent.Log(1, 10, 0, "became follower"))),
                new Case(new TraceEvent.InvariantViolated(1, 10, "one leader per term", "n0 and n1 in term 2"),
                        new TraceEvent.InvariantViolated(9, 90, "one leader per term", "n1 and n2 in term 5"),
                        List.of(new TraceEvent.InvariantViolated(1, 10, "log matching", "n0 and n1 in term 2"))),
                // A snapshot's fields are compared as final state, not as a lane's behaviour.
                new Case(new TraceEvent.StateSnapshot(1, 10, 0, List.of(new Field("term", "1"))),
                        new TraceEvent.StateSnapshot(9, 90, 0, List.of(new Field("term", "4"))),
                        List.of(new TraceEvent.StateSnapshot(1, 10, 1, List.of(new Field("term", "1"))))),
                new Case(new TraceEvent.NodePaused(1, 10, 0, 50), new TraceEvent.NodePaused(9, 90, 0, 500),
                        List.of(new TraceEvent.NodePaused(1, 10, 1, 50))),
                new Case(new TraceEvent.NodeResumed(1, 10, 0), new TraceEvent.NodeResumed(9, 90, 0),
                        List.of(new TraceEvent.NodeResumed(1, 10, 1))),
                new Case(new TraceEvent.FaultBegin(1, 10, 4, "slow-link", 0, 1, "x10 for 2 s"),
                        new TraceEvent.FaultBegin(9, 90, 40, "slow-link", 0, 1, "x3 for 1 s"),
                        List.of(new TraceEvent.FaultBegin(1, 10, 4, "clock-skew", 0, 1, "x10 for 2 s"),
                                new TraceEvent.FaultBegin(1, 10, 4, "slow-link", 2, 1, "x10 for 2 s"),
                                new TraceEvent.FaultBegin(1, 10, 4, "slow-link", 0, 2, "x10 for 2 s"))),
                new Case(new TraceEvent.FaultEnd(1, 10, 4, "slow-link", 0, 1),
                        new TraceEvent.FaultEnd(9, 90, 40, "slow-link", 0, 1),
                        List.of(new TraceEvent.FaultEnd(1, 10, 4, "clock-skew", 0, 1),
                                new TraceEvent.FaultEnd(1, 10, 4, "slow-link", 2, 1),
                                new TraceEvent.FaultEnd(1, 10, 4, "slow-link", 0, 2))),
                new Case(new TraceEvent.ScheduleDecision(1, 10, EventKindCode.DECISION_TIE, 0, 12),
                        new TraceEvent.ScheduleDecision(9, 90, EventKindCode.DECISION_TIE, 0, 120),
                        List.of(new TraceEvent.ScheduleDecision(1, 10, EventKindCode.DECISION_DELAY, 0, 12),
                                new TraceEvent.ScheduleDecision(1, 10, EventKindCode.DECISION_TIE, 1, 12))),
                new Case(new TraceEvent.BuggifyFired(1, 10, 0, "drop-vote"), new TraceEvent.BuggifyFired(9, 90, 0, "drop-vote"),
                        List.of(new TraceEvent.BuggifyFired(1, 10, 1, "drop-vote"),
                                new TraceEvent.BuggifyFired(1, 10, 0, "slow-disk"))),
                new Case(new TraceEvent.StorageSync(1, 10, 0, 3), new TraceEvent.StorageSync(9, 90, 0, 30),
                        List.of(new TraceEvent.StorageSync(1, 10, 1, 3))),
                new Case(new TraceEvent.StorageLost(1, 10, 0, 2, false), new TraceEvent.StorageLost(9, 90, 0, 2, true),
                        List.of(new TraceEvent.StorageLost(1, 10, 1, 2, false),
                                new TraceEvent.StorageLost(1, 10, 0, 3, false))),
                new Case(new TraceEvent.InvariantChecked(1, 10, "one leader per term", true),
                        new TraceEvent.InvariantChecked(9, 90, "one leader per term", true),
                        List.of(new TraceEvent.InvariantChecked(1, 10, "one leader per term", false),
                                new TraceEvent.InvariantChecked(1, 10, "log matching", true))),
                // When it held and how long it took are timing, as a step and a time are.
                new Case(new TraceEvent.LivenessHeld(1, 10, "a leader is elected", 5, 100),
                        new TraceEvent.LivenessHeld(9, 90, "a leader is elected", 80, 200),
                        List.of(new TraceEvent.LivenessHeld(1, 10, "the log converges", 5, 100))),
                new Case(new TraceEvent.Unknown(1, 10, 90), new TraceEvent.Unknown(9, 90, 90),
                        List.of(new TraceEvent.Unknown(1, 10, 91))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKind")
    void aShapeIgnoresWhenAndWhichIdsButNotWhatWasDone(Case c) {
        String shape = EventShape.of(c.event());

        assertThat(shape).startsWith(c.event().kind().toString());
        assertThat(EventShape.of(c.sameShape())).isEqualTo(shape);
        for (TraceEvent other : c.otherShapes()) {
            assertThat(EventShape.of(other)).as("the shape of %s", other).isNotEqualTo(shape);
        }
    }

    @Test
    void theCasesCoverEveryKind() {
        Set<TraceEventKind> covered = EnumSet.noneOf(TraceEventKind.class);
        everyKind().forEach(c -> covered.add(c.event().kind()));

        assertThat(covered).containsExactlyInAnyOrder(TraceEventKind.values());
    }

    @Test
    void aRestartIsNotAFirstStartButLaterRestartsAreAlike() {
        String first = EventShape.of(new TraceEvent.NodeStarted(0, 0, 0, 0));
        String second = EventShape.of(new TraceEvent.NodeStarted(5, 50, 0, 1));
        String third = EventShape.of(new TraceEvent.NodeStarted(9, 90, 0, 2));

        assertThat(second).isNotEqualTo(first).isEqualTo(third);
    }

    @Test
    void aShapeReadsAsWhatWasDoneWithNodesByIndex() {
        assertThat(EventShape.of(new TraceEvent.MessageSent(1, 10, 7, 0, 2, "RequestVote", 5, "term=1")))
                .isEqualTo("MESSAGE_SENT RequestVote 0->2");
        assertThat(EventShape.of(new TraceEvent.NodeStarted(0, 0, 2, 0))).isEqualTo("NODE_STARTED 2");
        assertThat(EventShape.of(new TraceEvent.NodeStarted(5, 50, 2, 1))).isEqualTo("NODE_STARTED 2 restart");
        // Node 0 is a node: isolating it names it; a partition or a heal names none.
        assertThat(EventShape.of(TraceEvent.NetworkChanged.isolate(1, 10, 0))).isEqualTo("NETWORK_CHANGED ISOLATE [] 0");
        assertThat(EventShape.of(TraceEvent.NetworkChanged.heal(1, 10))).isEqualTo("NETWORK_CHANGED HEAL []");
        assertThat(EventShape.of(TraceEvent.NetworkChanged.partition(1, 10, List.of(List.of(0, 1), List.of(2)))))
                .isEqualTo("NETWORK_CHANGED PARTITION [[0, 1], [2]]");
    }
}
