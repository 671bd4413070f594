package dev.seedloop.trace.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.seedloop.trace.SampleTraces;
import dev.seedloop.trace.Trace;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceEventKind;
import dev.seedloop.trace.TraceLevel;
import dev.seedloop.trace.TraceReader;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each export parsed back and checked for structure (JSON by an independent parser). */
class ExportTests {
    private static final Trace SAMPLE = SampleTraces.sample(TraceLevel.FULL, 4, 20);

    static String export(TraceExporter exporter, byte[] bytes) throws Exception {
        StringBuilder out = new StringBuilder();
        try (TraceReader r = TraceReader.open(new ByteArrayInputStream(bytes), "sample")) {
            exporter.export(r, e -> true, out);
        }
        return out.toString();
    }

    @Test
    void jsonLinesHasAHeaderOneObjectPerEventAndAFooter() throws Exception {
        String jsonl = export(new JsonLinesExporter(), SampleTraces.bytes(SAMPLE, false));
        List<String> lines = jsonl.lines().toList();

        assertThat(lines).hasSize(SAMPLE.events().size() + 2);
        List<JsonObject> objects = lines.stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        assertThat(objects.getFirst().get("record").getAsString()).isEqualTo("header");
        assertThat(objects.getFirst().getAsJsonArray("nodes")).hasSize(3);
        assertThat(objects.getLast().get("record").getAsString()).isEqualTo("footer");
        assertThat(objects.getLast().get("digest").getAsString()).hasSize(16);
        for (int i = 0; i < SAMPLE.events().size(); i++) {
            JsonObject o = objects.get(i + 1);
            TraceEvent e = SAMPLE.events().get(i);
            assertThat(o.get("i").getAsLong()).isEqualTo(i);
            assertThat(o.get("kind").getAsString()).isEqualTo(e.kind().name());
            assertThat(o.get("step").getAsLong()).isEqualTo(e.step());
            assertThat(o.get("timeNanos").getAsLong()).isEqualTo(e.timeNanos());
            if (e instanceof TraceEvent.MessageSent m) {
                assertThat(o.get("type").getAsString()).isEqualTo(m.type());
                assertThat(o.get("payload").getAsString()).isEqualTo(m.payload());
            }
        }
    }

    @Test
    void jsonLinesOfADamagedTraceEndsWithTheDamage() throws Exception {
        byte[] bytes = SampleTraces.bytes(SAMPLE, false);
        String jsonl = export(new JsonLinesExporter(), Arrays.copyOf(bytes, bytes.length - 4));
        JsonObject last = JsonParser.parseString(jsonl.lines().reduce((a, b) -> b).orElseThrow()).getAsJsonObject();
        assertThat(last.get("record").getAsString()).isEqualTo("damage");
        assertThat(last.get("kind").getAsString()).isEqualTo("TRUNCATED");
        assertThat(last.get("offset").getAsLong()).isPositive();
    }

    @Test
    void chromeTraceIsValidTraceEventFormatWithAFlowPerMessage() throws Exception {
        String json = export(new ChromeTraceExporter(), SampleTraces.bytes(SAMPLE, false));
        JsonObject root = JsonParser.parseString(json).getAsJsonObject();
        JsonArray events = root.getAsJsonArray("traceEvents");
        Set<String> threadNames = new HashSet<>();
        Set<Long> flowStarts = new HashSet<>();
        Set<Long> flowEnds = new HashSet<>();
        for (JsonElement el : events) {
            JsonObject e = el.getAsJsonObject();
            String ph = e.get("ph").getAsString();
            assertThat(ph).isIn("M", "X", "i", "s", "f");
            assertThat(e.get("pid").getAsInt()).isEqualTo(1);
            assertThat(e.has("name")).isTrue();
            switch (ph) {
                case "M" -> threadNames.add(e.getAsJsonObject("args").get("name").getAsString());
                case "X" -> {
                    assertThat(e.get("ts").getAsDouble()).isNotNegative();
                    assertThat(e.get("dur").getAsDouble()).isPositive();
                }
                // global, or thread-scoped for invariant checks (the format's two instant scopes we use)
                case "i" -> assertThat(e.get("s").getAsString())
                        .isEqualTo(e.get("name").getAsString().equals("INVARIANT_CHECKED") ? "t" : "g");
                case "s" -> flowStarts.add(e.get("id").getAsLong());
                case "f" -> {
                    assertThat(e.get("bp").getAsString()).isEqualTo("e");
                    flowEnds.add(e.get("id").getAsLong());
                }
                default -> throw new AssertionError(ph);
            }
        }
        assertThat(root.get("displayTimeUnit").getAsString()).isEqualTo("ns");
        assertThat(threadNames).contains("n0", "n1", "n2", "run");
        long sendsAndDuplicates = SAMPLE.events().stream().filter(e -> e.kind() == TraceEventKind.MESSAGE_SENT
                || e.kind() == TraceEventKind.MESSAGE_DUPLICATED).count();
        assertThat(flowStarts).hasSize((int) sendsAndDuplicates);
        assertThat(flowStarts).containsAll(flowEnds);
        assertThat(flowEnds).isNotEmpty();
    }

    @Test
    void mermaidIsASequenceDiagramWithAnArrowPerDeliveryAndDrop() throws Exception {
        String mermaid = export(new MermaidExporter(1000), SampleTraces.bytes(SAMPLE, false));
        List<String> lines = mermaid.lines().toList();

        assertThat(lines.getFirst()).isEqualTo("sequenceDiagram");
        assertThat(lines).contains("    participant N0 as n0", "    participant N2 as n2");
        long arrows = lines.stream().filter(l -> l.matches("    N\\d+(->>|-x)N\\d+: .*")).count();
        long expected = SAMPLE.events().stream().filter(e -> e.kind() == TraceEventKind.MESSAGE_DELIVERED
                || e.kind() == TraceEventKind.MESSAGE_DROPPED).count();
        assertThat(arrows).isEqualTo(expected);
        assertThat(lines).anyMatch(l -> l.startsWith("    Note over N0,N2: VIOLATED single-leader"));
        // Every line is a known statement: nothing a Mermaid parser would choke on.
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.startsWith("    participant ")
                || l.matches("    N\\d+(->>|-x)N\\d+: [^;#\\n]*") || l.startsWith("    Note ") || l.startsWith("    %% "));
    }

    @Test
    void mermaidStopsAtItsLimitAndSaysSo() throws Exception {
        String mermaid = export(new MermaidExporter(3), SampleTraces.bytes(SAMPLE, false));
        assertThat(mermaid.lines().filter(l -> l.contains("->>") || l.contains("-x") || l.contains("Note")))
                .hasSize(3);
        assertThat(mermaid).contains("more items not drawn (limit 3)");
    }

    @Test
    void textHasOneLinePerEventEvenWhenTextContainsLineBreaks() throws Exception {
        Trace t = Trace.of(SAMPLE.header(), List.of(new TraceEvent.Log(0, 0, 1, "two\nlines")), SAMPLE.footer().orElseThrow());
        String text = export(new TextExporter(false), SampleTraces.bytes(t, false));
        assertThat(text.lines().filter(l -> !l.startsWith("#"))).containsExactly("step 0  t=0.000000000  n1 LOG two\\nlines");
    }
}
