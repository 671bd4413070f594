package dev.seedloop.trace.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.trace.DropReason;
import dev.seedloop.trace.KeyValue;
import dev.seedloop.trace.NodeInfo;
import dev.seedloop.trace.Provenance;
import dev.seedloop.trace.RunDigest;
import dev.seedloop.trace.RunIdentity;
import dev.seedloop.trace.Trace;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceEvent.StateSnapshot.Field;
import dev.seedloop.trace.TraceEventKind;
import dev.seedloop.trace.TraceFooter;
import dev.seedloop.trace.TraceHeader;
import dev.seedloop.trace.TraceLevel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiffTests {

    private static TraceHeader header(long seed, String provenanceHost) {
        return new TraceHeader(new RunIdentity("e1", "election", seed, List.of(new KeyValue("loss", "0")),
                List.of(new NodeInfo(0, "n0"), new NodeInfo(1, "n1"), new NodeInfo(2, "n2")), TraceLevel.FULL),
                new Provenance("", provenanceHost, "", "", List.of()));
    }

    private static Trace trace(long seed, String host, List<TraceEvent> events) {
        RunDigest d = new RunDigest();
        events.forEach(e -> e.digestInto(d));
        return Trace.of(header(seed, host), events, TraceFooter.passed(events.getLast().step(), d,
                events.getLast().timeNanos()));
    }

    private static List<TraceEvent> common() {
        List<TraceEvent> e = new ArrayList<>();
        e.add(new TraceEvent.NodeStarted(0, 0, 0, 0));
        e.add(new TraceEvent.NodeStarted(0, 0, 1, 0));
        e.add(new TraceEvent.MessageSent(1, 10, 1, 0, 1, "Ping", 5, "a"));
        e.add(new TraceEvent.StateSnapshot(1, 10, 0, List.of(new Field("term", "1"), new Field("role", "leader"))));
        return e;
    }

    @Test
    void identicalTracesHaveNoDifferencesEvenWithOtherProvenanceAndPayloads() {
        List<TraceEvent> b = common();
        b.set(2, new TraceEvent.MessageSent(1, 10, 1, 0, 1, "Ping", 5, "a different rendering"));

        DiffReport r = TraceDiff.compare(trace(1, "host-a", common()), trace(1, "host-b", b));

        assertThat(r.hasDifferences()).isFalse();
        assertThat(r.firstDivergence()).isEmpty();
        assertThat(DiffText.render(r, header(1, "").identity())).startsWith("The traces are equivalent.");
    }

    @Test
    void findsTheFirstDivergenceWithBothEvents() {
        List<TraceEvent> a = common();
        a.add(new TraceEvent.MessageDelivered(2, 15, 1, 0, 1, "Ping"));
        a.add(new TraceEvent.TimerFired(3, 20, 1, 7, "t"));
        List<TraceEvent> b = common();
        b.add(new TraceEvent.MessageDropped(2, 15, 1, 0, 1, "Ping", DropReason.LOSS));
        b.add(new TraceEvent.TimerFired(3, 20, 1, 7, "t"));

        DiffReport r = TraceDiff.compare(trace(1, "", a), trace(1, "", b));

        Divergence d = r.firstDivergence().orElseThrow();
        assertThat(d.index()).isEqualTo(3); // the snapshot is not digested, so not counted
        assertThat(d.step()).isEqualTo(2);
        assertThat(d.a()).containsInstanceOf(TraceEvent.MessageDelivered.class);
        assertThat(d.b()).containsInstanceOf(TraceEvent.MessageDropped.class);
        assertThat(d.previousA()).containsInstanceOf(TraceEvent.MessageSent.class);
        assertThat(r.a().count(TraceEventKind.MESSAGE_DELIVERED)).isEqualTo(1);
        assertThat(r.b().droppedByReason()).containsEntry(DropReason.LOSS, 1L);
        assertThat(r.hasDifferences()).isTrue();
        String text = DiffText.render(r, header(1, "").identity());
        assertThat(text).contains("at digested event #3, step 2")
                .contains("A: step 2  t=0.000000015  n0 -> n1 MESSAGE_DELIVERED Ping id=1")
                .contains("B: step 2  t=0.000000015  n0 -> n1 MESSAGE_DROPPED Ping id=1 reason=LOSS");
    }

    @Test
    void aTraceThatEndsEarlyDivergesWhereItEnds() {
        List<TraceEvent> a = common();
        a.add(new TraceEvent.NodeCrashed(2, 15, 1));

        Divergence d = TraceDiff.compare(trace(1, "", a), trace(1, "", common())).firstDivergence().orElseThrow();

        assertThat(d.index()).isEqualTo(3);
        assertThat(d.a()).isPresent();
        assertThat(d.b()).isEmpty();
    }

    @Test
    void differentSeedsAreAlignedPerNodeByShapeNotByTimeOrId() {
        // Same behaviour at other times and with other message ids: positions all differ, shapes do not,
        // except node 1, which in B answers with a different message type.
        List<TraceEvent> a = List.of(
                new TraceEvent.NodeStarted(0, 0, 0, 0), new TraceEvent.NodeStarted(0, 0, 1, 0),
                new TraceEvent.MessageSent(1, 10, 1, 0, 1, "Ping", 5, null),
                new TraceEvent.MessageDelivered(2, 15, 1, 0, 1, "Ping"),
                new TraceEvent.MessageSent(2, 15, 2, 1, 0, "Pong", 5, null));
        List<TraceEvent> b = List.of(
                new TraceEvent.NodeStarted(0, 0, 0, 0), new TraceEvent.NodeStarted(0, 0, 1, 0),
                new TraceEvent.MessageSent(1, 33, 70, 0, 1, "Ping", 9, null),
                new TraceEvent.MessageDelivered(2, 42, 70, 0, 1, "Ping"),
                new TraceEvent.MessageSent(2, 42, 71, 1, 0, "Nack", 9, null));

        DiffReport r = TraceDiff.compare(trace(1, "", a), trace(2, "", b));

        assertThat(r.firstDivergence().orElseThrow().index()).isEqualTo(2);
        assertThat(r.identityDifferences()).containsExactly("seed: 1 vs 2");
        assertThat(r.laneDivergences()).hasSize(1);
        LaneDivergence lane = r.laneDivergences().getFirst();
        assertThat(lane.node()).isEqualTo(1);
        assertThat(lane.index()).isEqualTo(2); // started, delivered, then the differing reply
        assertThat(((TraceEvent.MessageSent) lane.a().orElseThrow()).type()).isEqualTo("Pong");
        assertThat(((TraceEvent.MessageSent) lane.b().orElseThrow()).type()).isEqualTo("Nack");
    }

    @Test
    void reportsFinalStateAndInvariantDifferences() {
        List<TraceEvent> a = common();
        a.add(new TraceEvent.StateSnapshot(2, 20, 0, List.of(new Field("term", "2"), new Field("role", "leader"))));
        List<TraceEvent> b = common();
        b.add(new TraceEvent.StateSnapshot(2, 20, 0, List.of(new Field("term", "3"), new Field("votedFor", "n1"))));
        b.add(new TraceEvent.InvariantViolated(2, 20, "single-leader", "two leaders"));

        DiffReport r = TraceDiff.compare(trace(1, "", a), trace(1, "", b));

        assertThat(r.finalState()).extracting(FieldDifference::field).containsExactly("term", "role", "votedFor");
        assertThat(r.finalState().getFirst().a()).contains("2");
        assertThat(r.finalState().getFirst().b()).contains("3");
        assertThat(r.invariants()).singleElement().satisfies(i -> {
            assertThat(i.name()).isEqualTo("single-leader");
            assertThat(i.violatedAtA()).isEmpty();
            assertThat(i.violatedAtB()).hasValue(2);
            assertThat(i.agrees()).isFalse();
        });
        assertThat(DiffText.render(r, header(1, "").identity()))
                .contains("n0.term: 2 vs 3").contains("n0.votedFor: (absent) vs n1")
                .contains("single-leader: A held, B violated at step 2");
    }
}
