package dev.seedloop.trace.export;

import static dev.seedloop.trace.internal.Json.micros;
import static dev.seedloop.trace.internal.Json.quote;

import dev.seedloop.trace.NodeInfo;
import dev.seedloop.trace.RunIdentity;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceReader;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The Trace Event Format (JSON Object Format) read by Perfetto ({@code ui.perfetto.dev}) and
 * {@code chrome://tracing}: {@code {"traceEvents":[...],"displayTimeUnit":"ns"}}.
 *
 * <p>The run is process 1; node {@code i} is thread {@code i + 1} (named by {@code thread_name} metadata),
 * thread 0 is the run-wide lane. Timestamps are virtual time in microseconds with nanosecond decimals.
 * Every event becomes a 1 ns complete slice ({@code "ph":"X"}) on its node's thread, with its fields in
 * {@code args}; run-wide events are global instants ({@code "ph":"i","s":"g"}), drawn across every lane,
 * except invariant checks, which come once per invariant per step and so are instants of the run thread
 * only ({@code "s":"t"}). Each message is a flow:
 * {@code "ph":"s"} at the send, {@code "ph":"f","bp":"e"} at the delivery or drop, binding to the slices
 * there, so the viewer draws an arrow. A duplicate starts a second flow.
 */
public final class ChromeTraceExporter implements TraceExporter {
    /** Creates the exporter. */
    public ChromeTraceExporter() {}

    @Override
    public void export(TraceReader reader, Predicate<? super TraceEvent> filter, Appendable out) throws IOException {
        RunIdentity id = reader.header().identity();
        EventFormatter f = new EventFormatter(id);
        Sink sink = new Sink(out);
        out.append("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"scenario\":").append(quote(id.scenario()))
                .append(",\"seed\":").append(quote(Long.toString(id.seed()))).append("},\"traceEvents\":[\n");
        sink.add("{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"tid\":0,\"args\":{\"name\":"
                + quote(id.scenario() + " seed " + id.seed()) + "}}");
        sink.add("{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":0,\"args\":{\"name\":\"run\"}}");
        for (NodeInfo n : id.nodes()) {
            sink.add("{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":" + (n.index() + 1)
                    + ",\"args\":{\"name\":" + quote(n.name()) + "}}");
        }
        // Flows of messages in flight: message id -> flow ids, oldest first (a duplicate adds one).
        Map<Long, ArrayDeque<Long>> flows = new HashMap<>();
        long nextFlow = 1;
        for (Optional<TraceEvent> o = reader.next(); o.isPresent(); o = reader.next()) {
            TraceEvent e = o.get();
            if (!filter.test(e)) {
                continue;
            }
            String ts = micros(e.timeNanos());
            String name = quote(e.kind().name());
            String args = "{\"step\":" + e.step() + ",\"event\":" + quote(f.what(e)) + "}";
            if (e.lane() < 0) {
                // A check every step would rule the whole timeline; it stays on the run lane.
                String scope = e instanceof TraceEvent.InvariantChecked ? "t" : "g";
                sink.add("{\"name\":" + name + ",\"cat\":\"run\",\"ph\":\"i\",\"s\":\"" + scope + "\",\"ts\":"
                        + ts + ",\"pid\":1,\"tid\":0,\"args\":" + args + "}");
                continue;
            }
            int tid = e.lane() + 1;
            sink.add("{\"name\":" + name + ",\"cat\":\"event\",\"ph\":\"X\",\"ts\":" + ts + ",\"dur\":0.001,\"pid\":1,"
                    + "\"tid\":" + tid + ",\"args\":" + args + "}");
            switch (e) {
                case TraceEvent.MessageSent m -> {
                    flows.computeIfAbsent(m.messageId(), k -> new ArrayDeque<>()).add(nextFlow);
                    sink.add(flow("s", quote(m.type()), nextFlow++, ts, tid));
                }
                case TraceEvent.MessageDuplicated m -> {
                    flows.computeIfAbsent(m.messageId(), k -> new ArrayDeque<>()).add(nextFlow);
                    sink.add(flow("s", quote(m.type()), nextFlow++, ts, tid));
                }
                case TraceEvent.MessageDelivered m -> end(flows, m.messageId(), quote(m.type()), ts, tid, sink);
                case TraceEvent.MessageDropped m -> end(flows, m.messageId(), quote(m.type()), ts, tid, sink);
                default -> { }
            }
        }
        out.append("\n]}\n");
    }

    private static void end(Map<Long, ArrayDeque<Long>> flows, long messageId, String name, String ts, int tid,
            Sink sink) throws IOException {
        ArrayDeque<Long> ids = flows.get(messageId);
        if (ids == null) {
            return; // the send was filtered out or precedes a seek: no arrow to finish
        }
        long flow = ids.poll();
        if (ids.isEmpty()) {
            flows.remove(messageId);
        }
        sink.add(flow("f", name, flow, ts, tid).replace("\"ph\":\"f\"", "\"ph\":\"f\",\"bp\":\"e\""));
    }

    private static String flow(String ph, String name, long id, String ts, int tid) {
        return "{\"name\":" + name + ",\"cat\":\"message\",\"ph\":\"" + ph + "\",\"id\":" + id + ",\"ts\":" + ts
                + ",\"pid\":1,\"tid\":" + tid + "}";
    }

    /** Writes array elements with commas between them. */
    private static final class Sink {
        private final Appendable out;
        private boolean first = true;

        Sink(Appendable out) {
            this.out = out;
        }

        void add(String element) throws IOException {
            if (!first) {
                out.append(",\n");
            }
            first = false;
            out.append(element);
        }
    }
}
