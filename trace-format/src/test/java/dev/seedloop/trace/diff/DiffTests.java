package dev.seedloop.trace.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.seedloop.trace.Damage;
import dev.seedloop.trace.DropReason;
import dev.seedloop.trace.FormatVersion;
import dev.seedloop.trace.KeyValue;
import dev.seedloop.trace.NodeInfo;
import dev.seedloop.trace.Provenance;
import dev.seedloop.trace.RunDigest;
import dev.seedloop.trace.RunFailure;
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
import java.util.Optional;
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

    private static RunIdentity identity(String scenario, String engineVersion, TraceLevel level, int nodes,
            List<KeyValue> options) {
        List<NodeInfo> infos = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            infos.add(new NodeInfo(i, "n" + i));
        }
        return new RunIdentity(engineVersion, scenario, 1, options, infos, level);
    }

    private static Trace trace(RunIdentity identity, List<TraceEvent> events) {
        RunDigest d = new RunDigest();
        events.forEach(e -> e.digestInto(d));
        return Trace.of(new TraceHeader(identity, Provenance.none()), events,
                TraceFooter.passed(events.getLast().step(), d, events.getLast().timeNanos()));
    }

    /** {@code complete} as a reader returns it when the file breaks off after its first {@code kept} events. */
    private static Trace truncated(Trace complete, int kept) {
        Damage damage = new Damage(Damage.Kind.TRUNCATED, 120, "the input ended inside a record", kept, true);
        return new Trace("b.trace", FormatVersion.CURRENT, complete.header(), complete.events().subList(0, kept),
                Optional.empty(), Optional.of(damage));
    }

    @Test
    void identityDifferencesNameEachFieldAndEachOptionThatDiffers() {
        RunIdentity a = identity("election", "e1", TraceLevel.FULL, 3,
                List.of(new KeyValue("loss", "0"), new KeyValue("maxSteps", "100")));
        RunIdentity b = identity("election-5", "e2", TraceLevel.EVENTS, 5,
                List.of(new KeyValue("loss", "0.1"), new KeyValue("maxSteps", "100"), new KeyValue("swarm", "on")));

        List<String> differences = TraceDiff.identity(a, b);

        assertThat(differences).hasSize(6);
        assertThat(differences.subList(0, 3)).containsExactly("scenario: election vs election-5",
                "engine version: e1 vs e2", "trace level: FULL vs EVENTS");
        assertThat(differences.get(3)).startsWith("nodes: ").contains("n2").contains("n4");
        assertThat(differences.subList(4, 6)).containsExactly("option loss: 0 vs 0.1", "option swarm: (unset) vs on");
        assertThat(TraceDiff.identity(a, a)).isEmpty();
        String text = DiffText.render(TraceDiff.compare(trace(a, common()), trace(b, common())), a);
        assertThat(text).contains("\nRun identity:\n  scenario: election vs election-5\n")
                .contains("  option swarm: (unset) vs on\n");
    }

    @Test
    void eachKindOfDifferenceCountsOnItsOwn() {
        List<TraceEvent> events = common();
        Trace base = trace(1, "", events);

        DiffReport otherSeed = TraceDiff.compare(base, trace(2, "", events));
        assertThat(otherSeed.firstDivergence()).isEmpty();
        assertThat(otherSeed.hasDifferences()).isTrue();

        List<TraceEvent> otherState = common();
        otherState.set(3, new TraceEvent.StateSnapshot(1, 10, 0, List.of(new Field("term", "2"),
                new Field("role", "leader"))));
        DiffReport otherFinalState = TraceDiff.compare(base, trace(1, "", otherState));
        assertThat(otherFinalState.firstDivergence()).isEmpty(); // a snapshot is not digested
        assertThat(otherFinalState.finalState()).singleElement()
                .isEqualTo(new FieldDifference(0, "term", Optional.of("1"), Optional.of("2")));
        assertThat(otherFinalState.hasDifferences()).isTrue();

        RunDigest d = new RunDigest();
        events.forEach(e -> e.digestInto(d));
        Trace failed = Trace.of(base.header(), events, TraceFooter.failed(
                new RunFailure("NodeFailure", "n1 threw in onMessage", 1, 10, 1, ""), 1, d, 10));
        DiffReport otherOutcome = TraceDiff.compare(base, failed);
        assertThat(otherOutcome.firstDivergence()).isEmpty();
        assertThat(otherOutcome.finalState()).isEmpty();
        assertThat(otherOutcome.hasDifferences()).isTrue();
        assertThat(DiffText.render(otherOutcome, base.header().identity())).contains("Outcome: A PASSED, B FAILED\n");
    }

    @Test
    void aDamagedTraceIsNamedAndItsMissingFooterShown() {
        Trace complete = trace(1, "", common());

        DiffReport r = TraceDiff.compare(complete, truncated(complete, 2));

        assertThat(r.damageA()).isEmpty();
        assertThat(r.damageB()).isPresent();
        assertThat(r.footerB()).isEmpty();
        assertThat(r.hasDifferences()).isTrue();
        String text = DiffText.render(r, complete.header().identity());
        assertThat(text).doesNotContain("A is damaged")
                .contains("B is damaged: truncated at offset 120: the input ended inside a record; 2 whole events")
                .contains("  at digested event #2, step 1\n")
                .contains("  B: (no more events)\n")
                .contains("Outcome: A PASSED, B (no footer)\n");
        // Only the kinds whose counts differ are starred.
        assertThat(text).containsPattern("(?m)^  NODE_STARTED +2 +2$")
                .containsPattern("(?m)^  MESSAGE_SENT +1 +0   \\*$")
                .containsPattern("(?m)^  STATE_SNAPSHOT +1 +0   \\*$");
    }

    @Test
    void aDivergenceAtTheFirstEventHasNoCommonEventBeforeIt() {
        List<TraceEvent> b = common();
        b.set(0, new TraceEvent.NodeStarted(0, 0, 2, 0));

        DiffReport r = TraceDiff.compare(trace(1, "", common()), trace(1, "", b));

        Divergence d = r.firstDivergence().orElseThrow();
        assertThat(d.index()).isZero();
        assertThat(d.previousA()).isEmpty();
        assertThat(DiffText.render(r, header(1, "").identity())).contains("at digested event #0, step 0\n")
                .doesNotContain("last common");
    }

    @Test
    void lanesShowANodeThatActsInOneTraceOnlyAndTheRunWideLane() {
        List<TraceEvent> a = common();
        a.add(new TraceEvent.Note(2, 20, "phase", "elect"));
        a.add(new TraceEvent.NodeStarted(2, 20, 2, 0));
        List<TraceEvent> b = common();
        b.add(new TraceEvent.Note(2, 20, "phase", "replicate"));

        DiffReport r = TraceDiff.compare(trace(1, "", a), trace(1, "", b));

        // The notes have the same shape (their details differ); node 2 only ever acts in A.
        assertThat(r.laneDivergences()).singleElement().satisfies(lane -> {
            assertThat(lane.node()).isEqualTo(2);
            assertThat(lane.index()).isZero();
            assertThat(lane.a()).containsInstanceOf(TraceEvent.NodeStarted.class);
            assertThat(lane.b()).isEmpty();
        });

        b.set(b.size() - 1, new TraceEvent.Note(2, 20, "recovery", "replicate"));
        DiffReport runWide = TraceDiff.compare(trace(1, "", a), trace(1, "", b));

        assertThat(runWide.laneDivergences()).extracting(LaneDivergence::node).containsExactly(-1, 2);
        assertThat(DiffText.render(runWide, header(1, "").identity()))
                .contains("  run-wide parts at its event #0\n")
                .contains("  n2 parts at its event #0\n")
                .contains("    B: (no more events)\n");
    }

    @Test
    void aTraceThatEndsFirstDivergesAtTheOtherTracesNextEventAfterItsOwnLast() {
        List<TraceEvent> b = common();
        b.add(new TraceEvent.NodeCrashed(2, 15, 1));

        DiffReport r = TraceDiff.compare(trace(1, "", common()), trace(1, "", b));

        // A's digested events: the two starts and the send (its snapshot is not digested); B has a crash more.
        Divergence d = r.firstDivergence().orElseThrow();
        assertThat(d.index()).isEqualTo(3);
        assertThat(d.a()).isEmpty();
        assertThat(d.b()).contains(new TraceEvent.NodeCrashed(2, 15, 1));
        assertThat(d.step()).as("B's step, as A has no event there").isEqualTo(2);
        assertThat(d.previousA()).contains(common().get(2));
        // Node 1's own events: its start, then only B has the crash.
        assertThat(r.laneDivergences()).containsExactly(
                new LaneDivergence(1, 1, Optional.empty(), Optional.of(new TraceEvent.NodeCrashed(2, 15, 1))));
        assertThat(DiffText.render(r, header(1, "").identity())).contains("""
                
                First divergence (by position):
                  at digested event #3, step 2
                  last common: step 1  t=0.000000010  n0 -> n1 MESSAGE_SENT Ping id=1 latency=5ns payload=a
                  A: (no more events)
                  B: step 2  t=0.000000015  n1 NODE_CRASHED
                
                Per node (aligned by each node's own events, ignoring times and ids):
                  n1 parts at its event #1
                    A: (no more events)
                    B: step 2  t=0.000000015  n1 NODE_CRASHED
                """);
    }

    @Test
    void nodeZerosLaneIsNamedByTheNodeNotAsRunWide() {
        List<TraceEvent> a = common();
        a.add(new TraceEvent.Log(2, 15, 0, "became leader"));
        List<TraceEvent> b = common();
        b.add(new TraceEvent.Log(2, 15, 0, "became follower"));

        DiffReport r = TraceDiff.compare(trace(1, "", a), trace(1, "", b));

        // Node 0's own digested events: its start, the send (its lane is the sender's), then the logs.
        assertThat(r.laneDivergences()).extracting(LaneDivergence::node, LaneDivergence::index)
                .containsExactly(tuple(0, 2L));
        assertThat(DiffText.render(r, header(1, "").identity())).contains("""
                  n0 parts at its event #2
                    A: step 2  t=0.000000015  n0 LOG became leader
                    B: step 2  t=0.000000015  n0 LOG became follower
                """).doesNotContain("run-wide");
    }

    @Test
    void invariantsAreListedByNameAndOnlyThoseTheTracesDisagreeOnAreStarred() {
        List<TraceEvent> a = common();
        a.add(new TraceEvent.InvariantChecked(2, 20, "log-matching", true));
        a.add(new TraceEvent.InvariantViolated(2, 20, "no-gap", "index 4 missing"));
        List<TraceEvent> b = common();
        b.add(new TraceEvent.InvariantChecked(2, 20, "log-matching", true));
        b.add(new TraceEvent.InvariantChecked(3, 30, "log-matching", true));
        b.add(new TraceEvent.InvariantViolated(3, 30, "no-gap", "index 5 missing"));
        b.add(new TraceEvent.InvariantViolated(3, 30, "single-leader", "n0 and n1"));

        DiffReport r = TraceDiff.compare(trace(1, "", a), trace(1, "", b));

        assertThat(r.invariants()).extracting(InvariantOutcome::name, InvariantOutcome::agrees).containsExactly(
                tuple("log-matching", true),
                tuple("no-gap", true),
                tuple("single-leader", false));
        assertThat(DiffText.render(r, header(1, "").identity())).contains("""
                
                Invariants:
                  log-matching: A held (1 check), B held (2 checks)
                  no-gap: A violated at step 2, B violated at step 3
                  single-leader: A held, B violated at step 3   *
                Outcome: A PASSED, B PASSED
                """);
    }

    @Test
    void tracesWithoutDifferencesAreNotCalledEquivalentWhenEitherIsDamaged() {
        Trace complete = trace(1, "", common());
        Damage trailing = new Damage(Damage.Kind.CORRUPT, 300, "5 bytes of unexpected data after the end of a"
                + " complete trace (footer at offset 250)", complete.events().size(), false);
        Trace damaged = new Trace("b.trace", FormatVersion.CURRENT, complete.header(), complete.events(),
                complete.footer(), Optional.of(trailing));

        DiffReport onlyB = TraceDiff.compare(complete, damaged);
        DiffReport both = TraceDiff.compare(damaged, damaged);

        assertThat(onlyB.hasDifferences()).isFalse();
        assertThat(DiffText.render(onlyB, complete.header().identity())).startsWith("No differences in what could be"
                + " read, but B is damaged, so the traces are not known to be equivalent.\nB is damaged: corrupt at"
                + " offset 300: 5 bytes of unexpected data").doesNotContain("equivalent.\n\n");
        assertThat(DiffText.render(TraceDiff.compare(damaged, complete), complete.header().identity()))
                .startsWith("No differences in what could be read, but A is damaged,");
        assertThat(DiffText.render(both, complete.header().identity()))
                .startsWith("No differences in what could be read, but A and B are damaged,");
    }

    @Test
    void aDamagedFirstTraceIsNamedAsA() {
        Trace complete = trace(1, "", common());

        DiffReport r = TraceDiff.compare(truncated(complete, 2), complete);

        assertThat(r.damageA()).isPresent();
        assertThat(r.damageB()).isEmpty();
        String text = DiffText.render(r, complete.header().identity());
        assertThat(text).startsWith("The traces differ.\nA is damaged: truncated at offset 120: the input ended"
                        + " inside a record; 2 whole events")
                .doesNotContain("B is damaged")
                .contains("""
                          at digested event #2, step 1
                          last common: step 0  t=0.000000000  n1 NODE_STARTED
                          A: (no more events)
                          B: step 1  t=0.000000010  n0 -> n1 MESSAGE_SENT Ping id=1 latency=5ns payload=a
                        """)
                .contains("Outcome: A (no footer), B PASSED\n");
    }
}
