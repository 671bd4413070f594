package dev.seedloop.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedloop.trace.RoundTripTests.Timed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The writer encodes events straight into its buffer; these properties hold it to protobuf-java's own
 * serialization of the same records ({@link BuilderTraceWriter}, the builder-based writer), byte for byte,
 * for every event kind, both file levels, block sizes that force checkpoints and records larger than a
 * block, and text that is not ASCII.
 */
class DirectEncodingTests {
    private static final int NODES = 5;

    @Property(tries = 400)
    void writeEncodesEveryKindAsProtobufDoes(@ForAll("runs") List<Timed> run, @ForAll("levels") TraceLevel level,
            @ForAll("bufferSizes") int bufferBytes) throws Exception {
        List<TraceEvent> events = RoundTripTests.materialize(run);
        TraceWriter.Options options = new TraceWriter.Options(false, bufferBytes);

        byte[] direct = direct(level, options, w -> events.forEach(w::write));

        assertThat(direct).isEqualTo(oracle(level, options, events));
        Trace read = SampleTraces.read(direct);
        assertThat(read.damage()).isEmpty();
        assertThat(read.events()).isEqualTo(SampleTraces.asWrittenAt(level, events));
    }

    @Property(tries = 300)
    void thePrimitiveMethodsEncodeAsWriteDoes(@ForAll("runs") List<Timed> run, @ForAll("levels") TraceLevel level,
            @ForAll("bufferSizes") int bufferBytes) throws Exception {
        List<TraceEvent> events = RoundTripTests.materialize(run);
        TraceWriter.Options options = new TraceWriter.Options(false, bufferBytes);

        byte[] direct = direct(level, options, w -> events.forEach(e -> writePrimitive(w, level, e)));

        assertThat(direct).isEqualTo(oracle(level, options, events));
    }

    @Property(tries = 50)
    void gzipWrapsTheSameBytes(@ForAll("runs") List<Timed> run) throws Exception {
        List<TraceEvent> events = RoundTripTests.materialize(run);
        TraceWriter.Options gzip = TraceWriter.Options.defaults().withGzip(true);

        byte[] compressed = direct(TraceLevel.FULL, gzip, w -> events.forEach(w::write));

        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(compressed))) {
            assertThat(in.readAllBytes()).isEqualTo(oracle(TraceLevel.FULL, TraceWriter.Options.defaults(), events));
        }
    }

    @Property(tries = 200)
    void snapshotsThatReuseValueStringsEncodeAsProtobufDoes(@ForAll("snapshotRuns") List<List<Integer>> run) throws Exception {
        // The writer reuses the bytes of a value that is the same String object as in the node's last
        // snapshot; values here come from a small pool of objects, some equal but not identical.
        List<String> pool = List.of("a", "b", new String("a"), "é→x", "", "long value ".repeat(5), "b");
        List<TraceEvent> events = new ArrayList<>();
        long step = 0;
        for (List<Integer> picks : run) {
            step++;
            int node = picks.get(0) % NODES;
            List<TraceEvent.StateSnapshot.Field> fields = new ArrayList<>();
            for (int i = 1; i < picks.size(); i++) {
                int pick = picks.get(i);
                fields.add(new TraceEvent.StateSnapshot.Field(pick < 18 ? "f" + i : "g", pool.get(pick % pool.size())));
            }
            events.add(new TraceEvent.StateSnapshot(step, step, node, fields));
        }
        TraceWriter.Options options = TraceWriter.Options.defaults();

        byte[] direct = direct(TraceLevel.FULL, options, w -> events.forEach(e -> writePrimitive(w, TraceLevel.FULL, e)));

        assertThat(direct).isEqualTo(oracle(TraceLevel.FULL, options, events));
    }

    @Property(tries = 300)
    void headersAndFootersEncodeAsProtobufDoes(@ForAll("headers") TraceHeader header, @ForAll("footers") TraceFooter footer)
            throws Exception {
        ByteArrayOutputStream direct = new ByteArrayOutputStream();
        try (TraceWriter w = TraceWriter.create(direct, header, TraceWriter.Options.defaults())) {
            w.writeFooter(footer);
        }
        ByteArrayOutputStream oracle = new ByteArrayOutputStream();
        try (BuilderTraceWriter w = new BuilderTraceWriter(oracle, header, TraceWriter.Options.defaults())) {
            w.writeFooter(footer);
        }

        assertThat(direct.toByteArray()).isEqualTo(oracle.toByteArray());
        Trace read = SampleTraces.read(direct.toByteArray());
        assertThat(read.header()).isEqualTo(header);
        assertThat(read.footer()).contains(footer);
    }

    @Example
    void unusualTextEncodesAsProtobufDoes() throws Exception {
        String huge = "x".repeat(70_000) + "é";
        List<String> texts = List.of("", "a", "é→\u00ff", "😀 supplementary", "lone \ud800 surrogate", "lone \udc00 low",
                "end \ud83d", huge, "€".repeat(30_000));
        List<TraceEvent> events = new ArrayList<>();
        long step = 1;
        for (String text : texts) {
            events.add(new TraceEvent.MessageSent(step, step, step, 0, 1, text.length() < 4096 ? text : "T", 5, text));
            events.add(new TraceEvent.Note(step, step, text.length() < 4096 ? text : "L", text));
            events.add(new TraceEvent.Log(step, step, 2, text));
            events.add(new TraceEvent.InvariantViolated(step, step, "inv", text));
            events.add(new TraceEvent.FaultBegin(step, step, step, "partition", -1, 3, text));
            events.add(new TraceEvent.StateSnapshot(step, step, 1, List.of(
                    new TraceEvent.StateSnapshot.Field("f", text), new TraceEvent.StateSnapshot.Field("", text))));
            step++;
        }
        for (int bufferBytes : new int[] {256, 4096, 65536}) {
            TraceWriter.Options options = new TraceWriter.Options(false, bufferBytes);
            byte[] direct = direct(TraceLevel.FULL, options, w -> events.forEach(w::write));
            assertThat(direct).as("buffer %d", bufferBytes).isEqualTo(oracle(TraceLevel.FULL, options, events));
            assertThat(SampleTraces.read(direct).damage()).isEmpty();
        }
    }

    @Example
    void extremeValuesEncodeAsProtobufDoes() throws Exception {
        List<TraceEvent> events = List.of(
                new TraceEvent.MessageSent(0, 0, -1L, 4, 4, "t", Long.MAX_VALUE, ""),
                new TraceEvent.MessageDelivered(Long.MAX_VALUE - 1, Long.MAX_VALUE - 1, Long.MIN_VALUE, 0, 0, ""),
                new TraceEvent.TimerSet(Long.MAX_VALUE, Long.MAX_VALUE, 3, -1L, Long.MAX_VALUE, ""),
                new TraceEvent.ScheduleDecision(Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE, 4, -1L),
                new TraceEvent.NodeStarted(Long.MAX_VALUE, Long.MAX_VALUE, 0, Long.MAX_VALUE),
                TraceEvent.NetworkChanged.partition(Long.MAX_VALUE, Long.MAX_VALUE, List.of(List.of(), List.of(4, 0))),
                new TraceEvent.StorageLost(Long.MAX_VALUE, Long.MAX_VALUE, 1, Long.MAX_VALUE, true));
        TraceWriter.Options options = TraceWriter.Options.defaults();

        assertThat(direct(TraceLevel.FULL, options, w -> events.forEach(w::write)))
                .isEqualTo(oracle(TraceLevel.FULL, options, events));
    }

    @Example
    void misuseOfThePrimitiveMethodsFailsAtTheCall() {
        TraceWriter w = TraceWriter.create(new ByteArrayOutputStream(), SampleTraces.header(TraceLevel.EVENTS, 1),
                TraceWriter.Options.defaults());
        int type = w.stringId("Ping");
        w.messageSent(5, 100, 1, 0, 1, type, 10, null);

        assertThatThrownBy(() -> w.messageDelivered(4, 100, 1, 0, 1, type))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a MESSAGE_DELIVERED event has step 4, before the previous event's step 5;"
                        + " events must be written in step order");
        assertThatThrownBy(() -> w.timerFired(5, 99, 0, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a TIMER_FIRED event has time 99 ns, before the previous event's 100 ns;"
                        + " virtual time never goes back");
        assertThatThrownBy(() -> w.nodeStarted(5, 100, 3, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an event names node 3 but the header lists 3 nodes (0..2); list every node in the"
                        + " RunIdentity");
        assertThatThrownBy(() -> w.nodeStarted(5, 100, -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names node -1");
        assertThatThrownBy(() -> w.messageDelivered(5, 100, 1, 0, 1, type + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("string id 2 is not defined in this trace");
        assertThatThrownBy(() -> w.timerSet(5, 100, 0, 1, 99, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fireAtNanos 99 is before the event's time 100");
        assertThatThrownBy(() -> w.messageSent(5, 100, 1, 0, 1, type, -1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latencyNanos must be >= 0");
        assertThatThrownBy(() -> w.stringId("x".repeat(4097)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit is 4096");
        // The writer is still usable after refusing events, and wrote none of them.
        w.messageDelivered(6, 120, 1, 0, 1, type);
        w.writeFooter(TraceFooter.passed(6, new RunDigest(), 120));
        assertThatThrownBy(() -> w.nodeStarted(7, 130, 0, 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("footer is written");
        w.close();
        assertThatThrownBy(() -> w.stringId("late"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Example
    void anEventsWriterIgnoresInvariantChecksButStillRefusesThemOnceTheTraceIsFinished() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceWriter w = TraceWriter.create(out, SampleTraces.header(TraceLevel.EVENTS, 1), TraceWriter.Options.defaults());
        w.invariantChecked(1, 10, -1, true); // not written at EVENTS, so the id is never looked at
        w.writeFooter(TraceFooter.passed(1, new RunDigest(), 10));
        assertThatThrownBy(() -> w.invariantChecked(2, 20, -1, true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("footer is written");
        w.close();
        assertThatThrownBy(() -> w.invariantChecked(2, 20, -1, true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Example
    void writeStillNamesTheEventItRefuses() {
        TraceWriter w = TraceWriter.create(new ByteArrayOutputStream(), SampleTraces.header(TraceLevel.EVENTS, 1),
                TraceWriter.Options.defaults());
        w.write(new TraceEvent.NodeStarted(5, 100, 0, 0));
        TraceEvent early = new TraceEvent.NodeCrashed(4, 100, 1);

        assertThatThrownBy(() -> w.write(early)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event " + early + " has step 4, before the previous event's step 5;"
                        + " events must be written in step order");
    }

    /** The event written through the primitive method for its kind, if it has one (rare kinds: write). */
    private static void writePrimitive(TraceWriter w, TraceLevel level, TraceEvent e) {
        switch (e) {
            case TraceEvent.NodeStarted x -> w.nodeStarted(x.step(), x.timeNanos(), x.node(), x.incarnation());
            case TraceEvent.MessageSent x -> w.messageSent(x.step(), x.timeNanos(), x.messageId(), x.src(), x.dst(),
                    w.stringId(x.type()), x.latencyNanos(), x.payload());
            case TraceEvent.MessageDelivered x -> w.messageDelivered(x.step(), x.timeNanos(), x.messageId(), x.src(),
                    x.dst(), w.stringId(x.type()));
            case TraceEvent.MessageDropped x -> w.messageDropped(x.step(), x.timeNanos(), x.messageId(), x.src(),
                    x.dst(), w.stringId(x.type()), x.reason());
            case TraceEvent.MessageDuplicated x -> w.messageDuplicated(x.step(), x.timeNanos(), x.messageId(), x.src(),
                    x.dst(), w.stringId(x.type()), x.latencyNanos());
            case TraceEvent.TimerSet x -> w.timerSet(x.step(), x.timeNanos(), x.node(), x.timerId(), x.fireAtNanos(),
                    w.stringId(x.tag()));
            case TraceEvent.TimerFired x -> w.timerFired(x.step(), x.timeNanos(), x.node(), x.timerId(),
                    w.stringId(x.tag()));
            case TraceEvent.TimerCancelled x -> w.timerCancelled(x.step(), x.timeNanos(), x.node(), x.timerId(),
                    w.stringId(x.tag()));
            case TraceEvent.InvariantChecked x -> w.invariantChecked(x.step(), x.timeNanos(),
                    level == TraceLevel.FULL ? w.stringId(x.name()) : -1, x.holds()); // EVENTS: the id is not read
            case TraceEvent.LivenessHeld x -> w.livenessHeld(x.step(), x.timeNanos(),
                    level == TraceLevel.FULL ? w.stringId(x.name()) : -1, x.waitedNanos(), x.withinNanos());
            case TraceEvent.StateSnapshot x -> {
                // As the recorder does at EVENTS: no snapshot is taken, so no field name is interned.
                int n = x.fields().size();
                int[] names = new int[n + 1];
                String[] values = new String[n + 2];
                for (int i = 0; i < n && level == TraceLevel.FULL; i++) {
                    names[i] = w.stringId(x.fields().get(i).name());
                    values[i] = x.fields().get(i).value();
                }
                w.stateSnapshot(x.step(), x.timeNanos(), x.node(), n, names, values);
            }
            default -> w.write(e);
        }
    }

    private static byte[] direct(TraceLevel level, TraceWriter.Options options, Consumer<TraceWriter> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TraceWriter w = TraceWriter.create(out, header(level), options)) {
            body.accept(w);
            w.writeFooter(TraceFooter.passed(7, new RunDigest(), 9));
        }
        return out.toByteArray();
    }

    private static byte[] oracle(TraceLevel level, TraceWriter.Options options, List<TraceEvent> events)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BuilderTraceWriter w = new BuilderTraceWriter(out, header(level), options)) {
            events.forEach(w::write);
            w.writeFooter(TraceFooter.passed(7, new RunDigest(), 9));
        }
        return out.toByteArray();
    }

    private static TraceHeader header(TraceLevel level) {
        List<NodeInfo> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            nodes.add(new NodeInfo(i, "node-" + i));
        }
        return new TraceHeader(new RunIdentity("v", "direct", 7, List.of(new KeyValue("k", "v")), nodes, level),
                Provenance.none());
    }

    @Provide
    Arbitrary<List<Timed>> runs() {
        return new RoundTripTests().runs();
    }

    @Provide
    Arbitrary<List<List<Integer>>> snapshotRuns() {
        return Arbitraries.integers().between(0, 20).list().ofMinSize(1).ofMaxSize(6).list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<TraceHeader> headers() {
        Arbitrary<String> text = Arbitraries.oneOf(RoundTripTests.text(), Arbitraries.just(""),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(100).ofMaxLength(300));
        Arbitrary<KeyValue> option = net.jqwik.api.Combinators.combine(text, text).as(KeyValue::new);
        Arbitrary<List<NodeInfo>> nodes = Arbitraries.integers().between(0, 200).flatMap(n -> text.list().ofSize(n)
                .map(names -> {
                    List<NodeInfo> list = new ArrayList<>();
                    for (int i = 0; i < names.size(); i++) {
                        list.add(new NodeInfo(i, names.get(i)));
                    }
                    return list;
                }));
        Arbitrary<RunIdentity> identity = net.jqwik.api.Combinators.combine(text, text, Arbitraries.longs(),
                option.list().ofMaxSize(8), nodes, Arbitraries.of(TraceLevel.EVENTS, TraceLevel.FULL))
                .as(RunIdentity::new);
        Arbitrary<Provenance> provenance = net.jqwik.api.Combinators.combine(text, text, text, text,
                option.list().ofMaxSize(3)).as(Provenance::new);
        return net.jqwik.api.Combinators.combine(identity, provenance).as(TraceHeader::new);
    }

    @Provide
    Arbitrary<TraceFooter> footers() {
        Arbitrary<Long> any = Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(0, 1000),
                Arbitraries.longs().between(0, Long.MAX_VALUE));
        Arbitrary<java.util.Optional<RunFailure>> failure = Arbitraries.oneOf(Arbitraries.just(java.util.Optional.empty()),
                net.jqwik.api.Combinators.combine(RoundTripTests.text(), RoundTripTests.text(), any, any,
                        Arbitraries.integers().between(-1, 3), RoundTripTests.text())
                        .as((k, m, st, t, n, stack) -> java.util.Optional.of(new RunFailure(k, m, st, t, n, stack))));
        return net.jqwik.api.Combinators.combine(failure, any, any, Arbitraries.longs(), any)
                .as((f, steps, count, digest, time) -> new TraceFooter(f.isPresent() ? Outcome.FAILED : Outcome.PASSED,
                        f, steps, count, digest, time));
    }

    @Provide
    Arbitrary<TraceLevel> levels() {
        return Arbitraries.of(TraceLevel.EVENTS, TraceLevel.FULL);
    }

    @Provide
    Arbitrary<Integer> bufferSizes() {
        return Arbitraries.of(256, 300, 1024, 65536);
    }
}
