package dev.seedloop.trace.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.seedloop.trace.DropReason;
import dev.seedloop.trace.KeyValue;
import dev.seedloop.trace.NodeInfo;
import dev.seedloop.trace.Provenance;
import dev.seedloop.trace.RunDigest;
import dev.seedloop.trace.RunFailure;
import dev.seedloop.trace.RunIdentity;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceFooter;
import dev.seedloop.trace.TraceHeader;
import dev.seedloop.trace.TraceLevel;
import dev.seedloop.trace.TraceReader;
import dev.seedloop.trace.TraceWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What each export says about a small run whose every event is known: field values in JSON lines, the
 * slices, instants and message flows of the Chrome trace, the lines of the Mermaid diagram.
 */
class ExportContentTests {
    private static final List<NodeInfo> THREE_NODES = List.of(new NodeInfo(0, "n0"), new NodeInfo(1, "n1"),
            new NodeInfo(2, "n2"));

    /**
     * n0 sends Ping #7 to n1, which is duplicated; both copies arrive. n1 is isolated and its Pong #8 to n0
     * is dropped. n2 restarts; n0's timer fires, then one without a tag.
     */
    private static final List<TraceEvent> RUN = List.of(
            new TraceEvent.NodeStarted(0, 0, 0, 0),
            new TraceEvent.NodeStarted(0, 0, 1, 0),
            new TraceEvent.MessageSent(1, 1_000, 7, 0, 1, "Ping", 1_500_000, "Ping[seq=1]"),
            new TraceEvent.MessageDuplicated(1, 1_000, 7, 0, 1, "Ping", 2_000_000),
            new TraceEvent.TimerSet(1, 1_000, 0, 3, 5_001_000, "retry"),
            new TraceEvent.MessageDelivered(2, 1_501_000, 7, 0, 1, "Ping"),
            new TraceEvent.MessageDelivered(3, 2_001_000, 7, 0, 1, "Ping"),
            TraceEvent.NetworkChanged.isolate(4, 3_000_000, 1),
            new TraceEvent.MessageSent(5, 4_000_000, 8, 1, 0, "Pong", 500, "Pong[]"),
            new TraceEvent.MessageDropped(5, 4_000_500, 8, 1, 0, "Pong", DropReason.ISOLATED),
            new TraceEvent.NodeStarted(6, 5_000_000, 2, 1),
            new TraceEvent.TimerFired(7, 5_001_000, 0, 3, "retry"),
            new TraceEvent.TimerFired(8, 6_000_000, 0, 4, ""),
            TraceEvent.NetworkChanged.heal(9, 7_000_000));

    private static RunIdentity identity(List<NodeInfo> nodes) {
        return new RunIdentity("seedloop-engine test", "export-run", -2, List.of(new KeyValue("loss", "0")), nodes,
                TraceLevel.FULL);
    }

    private static byte[] trace(List<NodeInfo> nodes, List<TraceEvent> events, RunFailure failure) {
        RunIdentity identity = identity(nodes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunDigest digest = new RunDigest();
        events.forEach(e -> e.digestInto(digest));
        long steps = events.isEmpty() ? 0 : events.getLast().step() + 1;
        long end = events.isEmpty() ? 0 : events.getLast().timeNanos();
        try (TraceWriter w = TraceWriter.create(out, new TraceHeader(identity, Provenance.none()),
                TraceWriter.Options.defaults())) {
            events.forEach(w::write);
            w.writeFooter(failure == null ? TraceFooter.passed(steps, digest, end)
                    : TraceFooter.failed(failure, steps, digest, end));
        }
        return out.toByteArray();
    }

    private static String export(TraceExporter exporter, byte[] bytes, Predicate<TraceEvent> filter)
            throws Exception {
        StringBuilder out = new StringBuilder();
        try (TraceReader r = TraceReader.open(new ByteArrayInputStream(bytes), "export-run")) {
            exporter.export(r, filter, out);
        }
        return out.toString();
    }

    private static List<JsonObject> jsonLines(String text) {
        return text.lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    @Test
    void jsonLinesGivesTheFieldsOfEachKindInTheRun() throws Exception {
        List<JsonObject> lines = jsonLines(export(new JsonLinesExporter(), trace(THREE_NODES, RUN, null), e -> true));
        assertThat(lines).hasSize(RUN.size() + 2);

        JsonObject header = lines.getFirst();
        assertThat(header.get("seed").getAsString()).isEqualTo("-2");
        assertThat(header.get("level").getAsString()).isEqualTo("FULL");
        assertThat(header.getAsJsonArray("options").get(0).getAsJsonObject().get("key").getAsString())
                .isEqualTo("loss");
        assertThat(header.getAsJsonArray("nodes").get(2).getAsJsonObject().get("name").getAsString())
                .isEqualTo("n2");
        assertThat(header.getAsJsonArray("nodes").get(2).getAsJsonObject().get("index").getAsInt()).isEqualTo(2);

        JsonObject sent = lines.get(1 + 2);
        assertThat(sent.get("messageId").getAsLong()).isEqualTo(7);
        assertThat(sent.get("src").getAsInt()).isZero();
        assertThat(sent.get("dst").getAsInt()).isEqualTo(1);
        assertThat(sent.get("type").getAsString()).isEqualTo("Ping");
        assertThat(sent.get("latencyNanos").getAsLong()).isEqualTo(1_500_000);
        assertThat(sent.get("payload").getAsString()).isEqualTo("Ping[seq=1]");

        JsonObject duplicated = lines.get(1 + 3);
        assertThat(duplicated.get("kind").getAsString()).isEqualTo("MESSAGE_DUPLICATED");
        assertThat(duplicated.get("messageId").getAsLong()).isEqualTo(7);
        assertThat(duplicated.get("dst").getAsInt()).isEqualTo(1);
        assertThat(duplicated.get("latencyNanos").getAsLong()).isEqualTo(2_000_000);
        assertThat(duplicated.has("payload")).isFalse();

        JsonObject timerSet = lines.get(1 + 4);
        assertThat(timerSet.get("node").getAsInt()).isZero();
        assertThat(timerSet.get("timerId").getAsLong()).isEqualTo(3);
        assertThat(timerSet.get("tag").getAsString()).isEqualTo("retry");
        assertThat(timerSet.get("fireAtNanos").getAsLong()).isEqualTo(5_001_000);

        JsonObject isolated = lines.get(1 + 7);
        assertThat(isolated.get("change").getAsString()).isEqualTo("ISOLATE");
        assertThat(isolated.get("node").getAsInt()).isEqualTo(1);
        JsonObject healed = lines.get(1 + 13);
        assertThat(healed.get("change").getAsString()).isEqualTo("HEAL");
        assertThat(healed.has("node")).as("a heal names no node").isFalse();

        JsonObject dropped = lines.get(1 + 9);
        assertThat(dropped.get("reason").getAsString()).isEqualTo("ISOLATED");
        assertThat(dropped.get("messageId").getAsLong()).isEqualTo(8);
        assertThat(dropped.get("src").getAsInt()).isEqualTo(1);

        JsonObject restarted = lines.get(1 + 10);
        assertThat(restarted.get("node").getAsInt()).isEqualTo(2);
        assertThat(restarted.get("incarnation").getAsLong()).isEqualTo(1);

        JsonObject footer = lines.getLast();
        assertThat(footer.get("outcome").getAsString()).isEqualTo("PASSED");
        assertThat(footer.get("steps").getAsLong()).isEqualTo(10);
        assertThat(footer.get("eventCount").getAsLong()).isEqualTo(RUN.size());
        assertThat(footer.get("finalTimeNanos").getAsLong()).isEqualTo(7_000_000);
        assertThat(footer.has("failure")).isFalse();
    }

    @Test
    void jsonLinesGivesCrashesSnapshotsDeliveriesAndTheIsolationOfNodeZero() throws Exception {
        List<TraceEvent> events = List.of(
                new TraceEvent.NodeCrashed(0, 0, 2),
                new TraceEvent.StateSnapshot(1, 10, 1, List.of(new TraceEvent.StateSnapshot.Field("term", "3"),
                        new TraceEvent.StateSnapshot.Field("role", "leader"))),
                TraceEvent.NetworkChanged.isolate(2, 20, 0),
                new TraceEvent.MessageDelivered(3, 30, 5, 1, 0, "Ack"));
        List<JsonObject> lines = jsonLines(export(new JsonLinesExporter(), trace(THREE_NODES, events, null),
                e -> true));

        assertThat(lines.get(1).get("node").getAsInt()).isEqualTo(2);
        JsonObject snapshot = lines.get(2);
        assertThat(snapshot.get("node").getAsInt()).isEqualTo(1);
        assertThat(snapshot.getAsJsonArray("fields")).hasSize(2);
        assertThat(snapshot.getAsJsonArray("fields").get(1).getAsJsonObject().get("name").getAsString())
                .isEqualTo("role");
        assertThat(snapshot.getAsJsonArray("fields").get(1).getAsJsonObject().get("value").getAsString())
                .isEqualTo("leader");
        assertThat(lines.get(3).get("node").getAsInt()).as("node 0 is a node").isZero();
        JsonObject delivered = lines.get(4);
        assertThat(delivered.get("messageId").getAsLong()).isEqualTo(5);
        assertThat(delivered.get("src").getAsInt()).isEqualTo(1);
        assertThat(delivered.get("dst").getAsInt()).isZero();
        assertThat(delivered.get("type").getAsString()).isEqualTo("Ack");
    }

    @Test
    void jsonLinesNumbersEventsByTheirPlaceInTheTraceEvenWhenFiltered() throws Exception {
        List<JsonObject> lines = jsonLines(export(new JsonLinesExporter(), trace(THREE_NODES, RUN, null),
                e -> e instanceof TraceEvent.MessageDelivered));
        assertThat(lines.subList(1, lines.size() - 1)).extracting(o -> o.get("i").getAsLong())
                .containsExactly(5L, 6L);
    }

    @Test
    void jsonLinesFooterCarriesTheFailure() throws Exception {
        RunFailure failure = new RunFailure("INVARIANT_VIOLATED", "two leaders in term 3", 9, 7_000_000, 1,
                "at Check.check");
        JsonObject footer = jsonLines(export(new JsonLinesExporter(), trace(THREE_NODES, RUN, failure), e -> true))
                .getLast();
        JsonObject reported = footer.getAsJsonObject("failure");
        assertThat(footer.get("outcome").getAsString()).isEqualTo("FAILED");
        assertThat(reported.get("kind").getAsString()).isEqualTo("INVARIANT_VIOLATED");
        assertThat(reported.get("message").getAsString()).isEqualTo("two leaders in term 3");
        assertThat(reported.get("step").getAsLong()).isEqualTo(9);
        assertThat(reported.get("timeNanos").getAsLong()).isEqualTo(7_000_000);
        assertThat(reported.get("node").getAsInt()).isEqualTo(1);
        assertThat(reported.get("stack").getAsString()).isEqualTo("at Check.check");
    }

    /** The Chrome trace's elements with a given {@code ph}, in order. */
    private static List<JsonObject> phase(List<JsonObject> events, String ph) {
        return events.stream().filter(e -> e.get("ph").getAsString().equals(ph)).toList();
    }

    private static List<JsonObject> chrome(byte[] bytes, Predicate<TraceEvent> filter) throws Exception {
        List<JsonObject> events = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(export(new ChromeTraceExporter(), bytes, filter))
                .getAsJsonObject().getAsJsonArray("traceEvents")) {
            events.add(e.getAsJsonObject());
        }
        return events;
    }

    @Test
    void chromeTracePutsEachNodeOnItsThreadAndRunWideEventsOnThreadZero() throws Exception {
        List<JsonObject> events = chrome(trace(THREE_NODES, RUN, null), e -> true);

        List<JsonObject> names = phase(events, "M");
        assertThat(names).extracting(e -> e.get("tid").getAsInt()).containsExactly(0, 0, 1, 2, 3);
        assertThat(names).extracting(e -> e.getAsJsonObject("args").get("name").getAsString())
                .containsExactly("export-run seed -2", "run", "n0", "n1", "n2");

        // Every node event is a slice on thread lane + 1, at its virtual time in microseconds.
        List<TraceEvent> nodeEvents = RUN.stream().filter(e -> e.lane() >= 0).toList();
        List<JsonObject> slices = phase(events, "X");
        assertThat(slices).hasSize(nodeEvents.size());
        for (int i = 0; i < slices.size(); i++) {
            TraceEvent e = nodeEvents.get(i);
            JsonObject slice = slices.get(i);
            assertThat(slice.get("tid").getAsInt()).as("thread of %s", e).isEqualTo(e.lane() + 1);
            assertThat(slice.get("ts").getAsDouble()).as("time of %s", e).isEqualTo(e.timeNanos() / 1000.0);
            assertThat(slice.get("name").getAsString()).isEqualTo(e.kind().name());
            assertThat(slice.getAsJsonObject("args").get("step").getAsLong()).isEqualTo(e.step());
        }

        List<JsonObject> instants = phase(events, "i");
        assertThat(instants).extracting(e -> e.get("name").getAsString()).containsExactly("NETWORK_CHANGED",
                "NETWORK_CHANGED");
        assertThat(instants).allSatisfy(e -> {
            assertThat(e.get("tid").getAsInt()).isZero();
            assertThat(e.get("s").getAsString()).isEqualTo("g");
        });
        assertThat(instants.getFirst().get("ts").getAsDouble()).isEqualTo(3_000.0);
    }

    @Test
    void chromeTraceKeepsInvariantChecksOnTheRunLaneAndViolationsAcrossAllLanes() throws Exception {
        List<TraceEvent> run = List.of(
                new TraceEvent.NodeStarted(1, 0, 0, 0),
                new TraceEvent.InvariantChecked(1, 0, "safe", true),
                new TraceEvent.InvariantChecked(2, 5_000, "safe", false),
                new TraceEvent.InvariantViolated(2, 5_000, "safe", "two leaders"));
        List<JsonObject> instants = phase(chrome(trace(THREE_NODES, run, null), e -> true), "i");

        assertThat(instants).extracting(e -> e.get("name").getAsString(), e -> e.get("s").getAsString(),
                e -> e.get("tid").getAsInt()).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("INVARIANT_CHECKED", "t", 0),
                        org.assertj.core.groups.Tuple.tuple("INVARIANT_CHECKED", "t", 0),
                        org.assertj.core.groups.Tuple.tuple("INVARIANT_VIOLATED", "g", 0));
    }

    @Test
    void chromeTraceFlowsGoFromEachSendOrDuplicateToItsDeliveryOrDropOldestFirst() throws Exception {
        List<JsonObject> events = chrome(trace(THREE_NODES, RUN, null), e -> true);
        List<JsonObject> starts = phase(events, "s");
        List<JsonObject> ends = phase(events, "f");

        // Ping #7 and its duplicate leave n0 (thread 1) at 1 us; Pong #8 leaves n1 (thread 2) at 4,000 us.
        assertThat(starts).extracting(e -> e.get("id").getAsLong()).containsExactly(1L, 2L, 3L);
        assertThat(starts).extracting(e -> e.get("tid").getAsInt()).containsExactly(1, 1, 2);
        assertThat(starts).extracting(e -> e.get("ts").getAsDouble()).containsExactly(1.0, 1.0, 4_000.0);
        // The first delivery of #7 ends the first flow, the second the duplicate's; the drop of #8 ends its.
        assertThat(ends).extracting(e -> e.get("id").getAsLong()).containsExactly(1L, 2L, 3L);
        assertThat(ends).extracting(e -> e.get("tid").getAsInt()).containsExactly(2, 2, 1);
        assertThat(ends).extracting(e -> e.get("ts").getAsDouble()).containsExactly(1_501.0, 2_001.0, 4_000.5);
        assertThat(ends).allSatisfy(e -> assertThat(e.get("bp").getAsString()).isEqualTo("e"));
        assertThat(starts).extracting(e -> e.get("name").getAsString()).containsExactly("Ping", "Ping", "Pong");
    }

    @Test
    void chromeTraceDrawsNoArrowIntoADeliveryWhoseSendWasFilteredOut() throws Exception {
        List<JsonObject> events = chrome(trace(THREE_NODES, RUN, null),
                e -> !(e instanceof TraceEvent.MessageSent || e instanceof TraceEvent.MessageDuplicated));
        assertThat(phase(events, "s")).isEmpty();
        assertThat(phase(events, "f")).isEmpty();
        assertThat(phase(events, "X")).extracting(e -> e.get("name").getAsString())
                .contains("MESSAGE_DELIVERED", "MESSAGE_DROPPED");
    }

    @Test
    void mermaidDrawsDeliveriesDropsRestartsAndTimers() throws Exception {
        List<String> lines = export(new MermaidExporter(100), trace(THREE_NODES, RUN, null), e -> true).lines()
                .toList();
        assertThat(lines).containsExactly(
                "sequenceDiagram",
                "    participant N0 as n0",
                "    participant N1 as n1",
                "    participant N2 as n2",
                "    N0->>N1: Ping id 7",
                "    N0->>N1: Ping id 7",
                "    Note over N0,N2: " + new EventFormatter(identity(THREE_NODES)).what(RUN.get(7)),
                "    N1-xN0: Pong id 8 dropped ISOLATED",
                "    Note over N2: RESTARTED (incarnation 1)",
                "    Note right of N0: timer retry",
                "    Note right of N0: timer 4",
                "    Note over N0,N2: " + new EventFormatter(identity(THREE_NODES)).what(RUN.get(13)));
    }

    @Test
    void mermaidOfOneNodeSpansOnlyThatNode() throws Exception {
        List<TraceEvent> events = List.of(new TraceEvent.NodeStarted(0, 0, 0, 0),
                new TraceEvent.Note(1, 10, "phase", "two"));
        List<String> lines = export(new MermaidExporter(5), trace(List.of(new NodeInfo(0, "solo")), events, null),
                e -> true).lines().toList();
        assertThat(lines).containsExactly("sequenceDiagram", "    participant N0 as solo",
                "    Note over N0: phase two");
    }

    @Test
    void mermaidAtExactlyItsLimitSaysNothingIsMissing() throws Exception {
        // The run draws eight items; a limit of eight draws them all, one of seven leaves one out and says so.
        String all = export(new MermaidExporter(8), trace(THREE_NODES, RUN, null), e -> true);
        assertThat(all).doesNotContain("%%");
        String cut = export(new MermaidExporter(7), trace(THREE_NODES, RUN, null), e -> true);
        assertThat(cut.lines().toList().getLast()).isEqualTo("    %% 1 more items not drawn (limit 7)");
    }

    @Test
    void mermaidAcceptsALimitOfOneAndRefusesZero() throws Exception {
        String one = export(new MermaidExporter(1), trace(THREE_NODES, RUN, null), e -> true);
        assertThat(one.lines().filter(l -> l.contains("->>") || l.contains("Note"))).hasSize(1);
        assertThatThrownBy(() -> new MermaidExporter(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxItems must be >= 1");
    }

    @Test
    void mermaidKeepsTextOf120CharactersAndCutsLonger() {
        String exactly = "x".repeat(120);
        assertThat(MermaidExporter.text(exactly)).isEqualTo(exactly);
        assertThat(MermaidExporter.text(exactly + "y")).isEqualTo("x".repeat(117) + "...");
    }

    @Test
    void durationsUseTheLargestReadableUnitAtEachBoundary() {
        assertThat(EventFormatter.duration(999)).isEqualTo("999ns");
        assertThat(EventFormatter.duration(1_000)).isEqualTo("1us");
        assertThat(EventFormatter.duration(1_500)).isEqualTo("1.5us");
        assertThat(EventFormatter.duration(999_999)).isEqualTo("999.999us");
        assertThat(EventFormatter.duration(1_000_000)).isEqualTo("1ms");
        assertThat(EventFormatter.duration(3_200_000)).isEqualTo("3.2ms");
        assertThat(EventFormatter.duration(999_999_999)).isEqualTo("1000ms");
        assertThat(EventFormatter.duration(1_000_000_000)).isEqualTo("1s");
        assertThat(EventFormatter.duration(2_250_000_000L)).isEqualTo("2.25s");
    }
}
