package dev.seedloop.trace.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.trace.DropReason;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceEventKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A summary's counts, against a small run counted by hand. */
class TraceSummaryTests {
    private static final List<TraceEvent> RUN = List.of(
            new TraceEvent.NodeStarted(0, 0, 0, 0),
            new TraceEvent.NodeStarted(0, 0, 1, 0),
            new TraceEvent.MessageSent(1, 10, 1, 0, 1, "Ping", 5, null),
            new TraceEvent.MessageSent(1, 10, 2, 0, 1, "Ping", 5, null),
            new TraceEvent.MessageSent(2, 20, 3, 1, 0, "Ack", 5, null),
            new TraceEvent.MessageDropped(3, 25, 1, 0, 1, "Ping", DropReason.LOSS),
            new TraceEvent.MessageDropped(3, 26, 3, 1, 0, "Ack", DropReason.PARTITION),
            new TraceEvent.MessageDropped(4, 27, 2, 0, 1, "Ping", DropReason.LOSS),
            TraceEvent.NetworkChanged.partition(5, 30, List.of(List.of(0), List.of(1))),
            TraceEvent.NetworkChanged.heal(6, 40),
            TraceEvent.NetworkChanged.isolate(7, 50, 1),
            new TraceEvent.FaultBegin(8, 60, 1, "crash-restart", 1, -1, "crash n1 for 10ms"),
            new TraceEvent.FaultBegin(8, 60, 2, "partition", -1, -1, "n0 | n1"),
            new TraceEvent.FaultBegin(9, 65, 3, "crash-restart", 0, -1, "crash n0 for 10ms"),
            new TraceEvent.NodeCrashed(9, 70, 1),
            new TraceEvent.NodeStarted(10, 80, 1, 1),
            new TraceEvent.InvariantChecked(10, 80, "one-leader", true),
            new TraceEvent.InvariantChecked(11, 90, "one-leader", false),
            new TraceEvent.InvariantChecked(11, 90, "no-gap", true),
            new TraceEvent.StateSnapshot(11, 90, 1, List.of(new TraceEvent.StateSnapshot.Field("term", "1"))),
            new TraceEvent.StateSnapshot(12, 95, 1, List.of(new TraceEvent.StateSnapshot.Field("term", "2"))),
            new TraceEvent.InvariantViolated(12, 95, "one-leader", "two leaders"),
            new TraceEvent.InvariantViolated(13, 99, "one-leader", "still two"),
            new TraceEvent.Note(13, 123, "end", "the last event"));

    @Test
    void countsEveryKindOfThingOnce() {
        TraceSummary s = TraceSummary.of(RUN);
        assertThat(s.events()).isEqualTo(24);
        assertThat(s.digestedEvents()).as("all but the two snapshots and three checks").isEqualTo(19);
        assertThat(s.count(TraceEventKind.MESSAGE_SENT)).isEqualTo(3);
        assertThat(s.count(TraceEventKind.TIMER_FIRED)).isZero();
        assertThat(s.byKind()).doesNotContainKey(TraceEventKind.TIMER_FIRED)
                .containsEntry(TraceEventKind.NODE_STARTED, 3L);
        assertThat(s.sentByType()).containsExactly(Map.entry("Ack", 1L), Map.entry("Ping", 2L));
        assertThat(s.droppedByReason()).containsExactly(Map.entry(DropReason.LOSS, 2L),
                Map.entry(DropReason.PARTITION, 1L));
        assertThat(s.faults()).isEqualTo(new TraceSummary.FaultCounts(1, 1, 1, 1, 1));
        assertThat(s.faultsByKind()).containsExactly(Map.entry("crash-restart", 2L), Map.entry("partition", 1L));
        assertThat(s.firstViolationStep()).containsExactly(Map.entry("one-leader", 12L));
        assertThat(s.checksFailed()).containsExactly(Map.entry("no-gap", 0L), Map.entry("one-leader", 1L));
        assertThat(s.checks()).containsExactly(Map.entry("no-gap", 1L), Map.entry("one-leader", 2L));
        assertThat(s.lastSnapshot()).containsOnlyKeys(1);
        assertThat(s.lastSnapshot().get(1).fields()).extracting(TraceEvent.StateSnapshot.Field::value)
                .containsExactly("2");
        assertThat(s.lastStep()).isEqualTo(13);
        assertThat(s.lastTimeNanos()).isEqualTo(123);
    }

    @Test
    void anEmptySummaryCountsNothing() {
        TraceSummary s = new TraceSummary();
        assertThat(s.events()).isZero();
        assertThat(s.byKind()).isEmpty();
        assertThat(s.faults()).isEqualTo(new TraceSummary.FaultCounts(0, 0, 0, 0, 0));
        assertThat(s.lastStep()).isZero();
    }
}
