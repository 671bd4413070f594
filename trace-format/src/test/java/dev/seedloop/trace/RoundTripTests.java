package dev.seedloop.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

/** Property: every event kind, with any valid field values, survives writer then reader unchanged. */
class RoundTripTests {

    /** Makes an event at a given step and time; the generators choose everything else. */
    interface EventMaker {
        TraceEvent at(long step, long time);
    }

    record Timed(long stepDelta, long timeDelta, EventMaker maker) {}

    private static final int NODES = 5;

    @Property(tries = 300)
    void everyEventSurvivesARoundTrip(@ForAll("runs") List<Timed> run, @ForAll boolean gzip) throws Exception {
        List<TraceEvent> events = materialize(run);
        Trace written = Trace.of(header(TraceLevel.FULL), events, footer(events));

        Trace read = SampleTraces.read(SampleTraces.bytes(written, gzip));

        assertThat(read.damage()).isEmpty();
        assertThat(read.events()).isEqualTo(events);
        assertThat(read.footer()).isEqualTo(written.footer());
        assertThat(read.header()).isEqualTo(written.header());
    }

    @Property(tries = 200)
    void eventsLevelDropsRenderingsAndAnnotationsButKeepsTheDigest(@ForAll("runs") List<Timed> run) throws Exception {
        List<TraceEvent> events = materialize(run);
        Trace written = Trace.of(header(TraceLevel.EVENTS), events, footer(events));

        Trace read = SampleTraces.read(SampleTraces.bytes(written, false));

        assertThat(read.events()).isEqualTo(SampleTraces.asWrittenAt(TraceLevel.EVENTS, events));
        assertThat(read.recomputeDigest().value()).isEqualTo(written.recomputeDigest().value());
    }

    @Example
    void theGeneratorsCoverEveryKnownKind() {
        Set<TraceEventKind> seen = EnumSet.noneOf(TraceEventKind.class);
        for (int i = 0; i < 2000 && seen.size() < TraceEventKind.values().length - 1; i++) {
            seen.add(anyEvent().sample().at(1, 1).kind());
        }
        assertThat(seen).isEqualTo(EnumSet.complementOf(EnumSet.of(TraceEventKind.UNKNOWN)));
    }

    static List<TraceEvent> materialize(List<Timed> run) {
        List<TraceEvent> events = new ArrayList<>();
        long step = 0;
        long time = 0;
        for (Timed t : run) {
            step += t.stepDelta();
            time += t.timeDelta();
            events.add(t.maker().at(step, time));
        }
        return events;
    }

    private static TraceHeader header(TraceLevel level) {
        List<NodeInfo> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            nodes.add(new NodeInfo(i, "node-" + i));
        }
        return new TraceHeader(new RunIdentity("v", "prop", -42L, List.of(new KeyValue("k", "v")), nodes, level),
                new Provenance("2026-01-01T00:00:00Z", "host", "jvm", "os", List.of(new KeyValue("user", "me"))));
    }

    private static TraceFooter footer(List<TraceEvent> events) {
        RunDigest d = new RunDigest();
        events.forEach(e -> e.digestInto(d));
        long last = events.isEmpty() ? 0 : events.getLast().timeNanos();
        return TraceFooter.passed(events.isEmpty() ? 0 : events.getLast().step(), d, last);
    }

    @Provide
    Arbitrary<List<Timed>> runs() {
        Arbitrary<Long> stepDelta = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.just(0L)), net.jqwik.api.Tuple.of(5, Arbitraries.just(1L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 1L << 40)));
        Arbitrary<Long> timeDelta = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.just(0L)),
                net.jqwik.api.Tuple.of(5, Arbitraries.longs().between(0, 50_000_000L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 1L << 50)));
        return Combinators.combine(stepDelta, timeDelta, anyEvent()).as(Timed::new).list().ofMaxSize(40);
    }

    static Arbitrary<String> text() {
        // Valid UTF-16 only: protobuf replaces lone surrogates, which no real rendering contains.
        return Arbitraries.strings().withCharRange(' ', '~').withChars('é', '→', '\n', '\t', '"', '\\')
                .ofMaxLength(30);
    }

    static Arbitrary<Integer> node() {
        return Arbitraries.integers().between(0, NODES - 1);
    }

    static Arbitrary<Long> id() {
        // Ids are uint64 on the wire: any 64-bit pattern, including "negative" ones, must survive.
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 100_000), Arbitraries.longs());
    }

    static Arbitrary<Long> nanos() {
        return Arbitraries.longs().between(0, 1L << 45);
    }

    static Arbitrary<EventMaker> anyEvent() {
        Arbitrary<EventMaker> started = Combinators.combine(node(), Arbitraries.longs().between(0, 9))
                .as((n, inc) -> (s, t) -> new TraceEvent.NodeStarted(s, t, n, inc));
        Arbitrary<EventMaker> crashed = node().map(n -> (s, t) -> new TraceEvent.NodeCrashed(s, t, n));
        Arbitrary<String> payload = Arbitraries.oneOf(Arbitraries.just(null), text());
        Arbitrary<EventMaker> sent = Combinators.combine(id(), node(), node(), text(), nanos(), payload)
                .as((id, a, b, type, lat, p) -> (s, t) -> new TraceEvent.MessageSent(s, t, id, a, b, type, lat, p));
        Arbitrary<EventMaker> delivered = Combinators.combine(id(), node(), node(), text())
                .as((id, a, b, type) -> (s, t) -> new TraceEvent.MessageDelivered(s, t, id, a, b, type));
        Arbitrary<EventMaker> dropped = Combinators.combine(id(), node(), node(), text(),
                Arbitraries.of(DropReason.class))
                .as((id, a, b, type, r) -> (s, t) -> new TraceEvent.MessageDropped(s, t, id, a, b, type, r));
        Arbitrary<EventMaker> duplicated = Combinators.combine(id(), node(), node(), text(), nanos())
                .as((id, a, b, type, lat) -> (s, t) -> new TraceEvent.MessageDuplicated(s, t, id, a, b, type, lat));
        Arbitrary<EventMaker> timerSet = Combinators.combine(node(), id(), nanos(), text())
                .as((n, id, delay, tag) -> (s, t) -> new TraceEvent.TimerSet(s, t, n, id, t + delay, tag));
        Arbitrary<EventMaker> timerFired = Combinators.combine(node(), id(), text())
                .as((n, id, tag) -> (s, t) -> new TraceEvent.TimerFired(s, t, n, id, tag));
        Arbitrary<EventMaker> timerCancelled = Combinators.combine(node(), id(), text())
                .as((n, id, tag) -> (s, t) -> new TraceEvent.TimerCancelled(s, t, n, id, tag));
        Arbitrary<List<List<Integer>>> groups = node().list().ofMaxSize(4).list().ofMaxSize(3);
        Arbitrary<EventMaker> partition = groups.map(g -> (s, t) -> TraceEvent.NetworkChanged.partition(s, t, g));
        Arbitrary<EventMaker> isolate = node().map(n -> (s, t) -> TraceEvent.NetworkChanged.isolate(s, t, n));
        Arbitrary<EventMaker> heal = Arbitraries.just((s, t) -> TraceEvent.NetworkChanged.heal(s, t));
        Arbitrary<EventMaker> note = Combinators.combine(text(), text())
                .as((l, d) -> (s, t) -> new TraceEvent.Note(s, t, l, d));
        Arbitrary<EventMaker> log = Combinators.combine(node(), text())
                .as((n, x) -> (s, t) -> new TraceEvent.Log(s, t, n, x));
        Arbitrary<EventMaker> violated = Combinators.combine(text(), text())
                .as((n, x) -> (s, t) -> new TraceEvent.InvariantViolated(s, t, n, x));
        Arbitrary<TraceEvent.StateSnapshot.Field> field = Combinators.combine(text(), text())
                .as(TraceEvent.StateSnapshot.Field::new);
        Arbitrary<EventMaker> snapshot = Combinators.combine(node(), field.list().ofMaxSize(5))
                .as((n, f) -> (s, t) -> new TraceEvent.StateSnapshot(s, t, n, f));
        Arbitrary<EventMaker> checked = Combinators.combine(text(), Arbitraries.of(true, false))
                .as((n, h) -> (s, t) -> new TraceEvent.InvariantChecked(s, t, n, h));
        // The wait can be at most the event's time: the property was stated at or after time 0.
        Arbitrary<EventMaker> held = Combinators.combine(text(), nanos(), nanos())
                .as((n, w, within) -> (s, t) -> new TraceEvent.LivenessHeld(s, t, n, w % (t + 1), within));
        Arbitrary<EventMaker> paused = Combinators.combine(node(), nanos())
                .as((n, d) -> (s, t) -> new TraceEvent.NodePaused(s, t, n, t + d));
        Arbitrary<EventMaker> resumed = node().map(n -> (s, t) -> new TraceEvent.NodeResumed(s, t, n));
        Arbitrary<Integer> optionalNode = Arbitraries.oneOf(Arbitraries.just(-1), node());
        Arbitrary<EventMaker> faultBegin = Combinators.combine(id(), text(), optionalNode, optionalNode, text())
                .as((id, k, a, b, d) -> (s, t) -> new TraceEvent.FaultBegin(s, t, id, k, a, b, d));
        Arbitrary<EventMaker> faultEnd = Combinators.combine(id(), text(), optionalNode, optionalNode)
                .as((id, k, a, b) -> (s, t) -> new TraceEvent.FaultEnd(s, t, id, k, a, b));
        Arbitrary<EventMaker> decision = Combinators.combine(Arbitraries.integers().between(1, 3), optionalNode,
                Arbitraries.longs().between(0, Long.MAX_VALUE))
                .as((d, n, v) -> (s, t) -> new TraceEvent.ScheduleDecision(s, t, d, n, v));
        Arbitrary<EventMaker> buggify = Combinators.combine(node(), text())
                .as((n, p) -> (s, t) -> new TraceEvent.BuggifyFired(s, t, n, p));
        Arbitrary<EventMaker> sync = Combinators.combine(node(), Arbitraries.longs().between(0, 1000))
                .as((n, w) -> (s, t) -> new TraceEvent.StorageSync(s, t, n, w));
        Arbitrary<EventMaker> lost = Combinators.combine(node(), Arbitraries.longs().between(0, 1000),
                Arbitraries.of(true, false)).as((n, l, torn) -> (s, t) -> new TraceEvent.StorageLost(s, t, n, l, torn));
        return Arbitraries.oneOf(List.of(started, crashed, sent, delivered, dropped, duplicated, timerSet, timerFired,
                timerCancelled, partition, isolate, heal, note, log, violated, snapshot, checked, paused, resumed,
                faultBegin, faultEnd, decision, buggify, sync, lost, held));
    }
}
