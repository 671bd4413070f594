package dev.seedloop.trace.export;

import static dev.seedloop.trace.internal.Json.quote;
import static dev.seedloop.trace.internal.Json.unsigned;

import dev.seedloop.trace.Damage;
import dev.seedloop.trace.KeyValue;
import dev.seedloop.trace.RunDigest;
import dev.seedloop.trace.RunIdentity;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceFooter;
import dev.seedloop.trace.TraceReader;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * JSON Lines: one JSON object per line. The first line has {@code "record":"header"}, then one
 * {@code "record":"event"} line per event, then a {@code "record":"footer"} line and/or a
 * {@code "record":"damage"} line. Event lines carry {@code i} (position in the file), {@code step},
 * {@code timeNanos}, {@code kind} (the {@code TraceEventKind} name) and the kind's fields under their Java
 * record component names. 64-bit values that may exceed 2^53 (seed, digest) are strings; ids are unsigned
 * decimal numbers.
 */
public final class JsonLinesExporter implements TraceExporter {
    /** Creates the exporter. */
    public JsonLinesExporter() {}

    @Override
    public void export(TraceReader reader, Predicate<? super TraceEvent> filter, Appendable out) throws IOException {
        RunIdentity id = reader.header().identity();
        var p = reader.header().provenance();
        out.append("{\"record\":\"header\",\"format\":").append(quote(reader.formatVersion().toString()))
                .append(",\"engineVersion\":").append(quote(id.engineVersion()))
                .append(",\"scenario\":").append(quote(id.scenario()))
                .append(",\"seed\":").append(quote(Long.toString(id.seed())))
                .append(",\"level\":").append(quote(id.level().name()))
                .append(",\"options\":").append(pairs(id.options()))
                .append(",\"nodes\":").append(id.nodes().stream()
                        .map(n -> "{\"index\":" + n.index() + ",\"name\":" + quote(n.name()) + "}")
                        .collect(Collectors.joining(",", "[", "]")))
                .append(",\"provenance\":{\"createdAt\":").append(quote(p.createdAt()))
                .append(",\"host\":").append(quote(p.host())).append(",\"jvm\":").append(quote(p.jvm()))
                .append(",\"os\":").append(quote(p.os())).append(",\"extra\":").append(pairs(p.extra()))
                .append("}}\n");
        long i = 0;
        for (Optional<TraceEvent> e = reader.next(); e.isPresent(); e = reader.next(), i++) {
            if (filter.test(e.get())) {
                out.append(event(i, e.get())).append('\n');
            }
        }
        Optional<TraceFooter> footer = reader.footer();
        if (footer.isPresent()) {
            out.append(footer(footer.get())).append('\n');
        }
        Optional<Damage> damage = reader.damage();
        if (damage.isPresent()) {
            Damage d = damage.get();
            out.append("{\"record\":\"damage\",\"kind\":").append(quote(d.kind().name()))
                    .append(",\"offset\":").append(Long.toString(d.offset()))
                    .append(",\"detail\":").append(quote(d.detail()))
                    .append(",\"eventsBefore\":").append(Long.toString(d.eventsBefore()))
                    .append(",\"footerLost\":").append(Boolean.toString(d.footerLost())).append("}\n");
        }
    }

    /** One event as a JSON object (without a line break). */
    public static String event(long index, TraceEvent e) {
        StringBuilder b = new StringBuilder(96).append("{\"record\":\"event\",\"i\":").append(index)
                .append(",\"step\":").append(e.step()).append(",\"timeNanos\":").append(e.timeNanos())
                .append(",\"kind\":").append(quote(e.kind().name()));
        switch (e) {
            case TraceEvent.NodeStarted x -> b.append(",\"node\":").append(x.node())
                    .append(",\"incarnation\":").append(x.incarnation());
            case TraceEvent.NodeCrashed x -> b.append(",\"node\":").append(x.node());
            case TraceEvent.MessageSent x -> {
                message(b, x.messageId(), x.src(), x.dst(), x.type());
                b.append(",\"latencyNanos\":").append(x.latencyNanos());
                if (x.payload() != null) {
                    b.append(",\"payload\":").append(quote(x.payload()));
                }
            }
            case TraceEvent.MessageDelivered x -> message(b, x.messageId(), x.src(), x.dst(), x.type());
            case TraceEvent.MessageDropped x -> {
                message(b, x.messageId(), x.src(), x.dst(), x.type());
                b.append(",\"reason\":").append(quote(x.reason().name()));
            }
            case TraceEvent.MessageDuplicated x -> {
                message(b, x.messageId(), x.src(), x.dst(), x.type());
                b.append(",\"latencyNanos\":").append(x.latencyNanos());
            }
            case TraceEvent.TimerSet x -> timer(b, x.node(), x.timerId(), x.tag())
                    .append(",\"fireAtNanos\":").append(x.fireAtNanos());
            case TraceEvent.TimerFired x -> timer(b, x.node(), x.timerId(), x.tag());
            case TraceEvent.TimerCancelled x -> timer(b, x.node(), x.timerId(), x.tag());
            case TraceEvent.NetworkChanged x -> {
                b.append(",\"change\":").append(quote(x.change().name())).append(",\"groups\":")
                        .append(x.groups().stream().map(List::toString).collect(Collectors.joining(",", "[", "]"))
                                .replace(" ", ""));
                if (x.node() >= 0) {
                    b.append(",\"node\":").append(x.node());
                }
            }
            case TraceEvent.Note x -> b.append(",\"label\":").append(quote(x.label()))
                    .append(",\"detail\":").append(quote(x.detail()));
            case TraceEvent.Log x -> b.append(",\"node\":").append(x.node()).append(",\"text\":").append(quote(x.text()));
            case TraceEvent.InvariantViolated x -> b.append(",\"name\":").append(quote(x.name()))
                    .append(",\"evidence\":").append(quote(x.evidence()));
            case TraceEvent.StateSnapshot x -> b.append(",\"node\":").append(x.node()).append(",\"fields\":")
                    .append(x.fields().stream().map(f -> "{\"name\":" + quote(f.name()) + ",\"value\":"
                            + quote(f.value()) + "}").collect(Collectors.joining(",", "[", "]")));
            case TraceEvent.NodePaused x -> b.append(",\"node\":").append(x.node())
                    .append(",\"untilNanos\":").append(x.untilNanos());
            case TraceEvent.NodeResumed x -> b.append(",\"node\":").append(x.node());
            case TraceEvent.FaultBegin x -> b.append(",\"faultId\":").append(x.faultId())
                    .append(",\"fault\":").append(quote(x.fault())).append(",\"nodeA\":").append(x.nodeA())
                    .append(",\"nodeB\":").append(x.nodeB()).append(",\"description\":").append(quote(x.description()));
            case TraceEvent.FaultEnd x -> b.append(",\"faultId\":").append(x.faultId())
                    .append(",\"fault\":").append(quote(x.fault())).append(",\"nodeA\":").append(x.nodeA())
                    .append(",\"nodeB\":").append(x.nodeB());
            case TraceEvent.ScheduleDecision x -> b.append(",\"decision\":").append(quote(x.decisionName()))
                    .append(",\"node\":").append(x.node()).append(",\"value\":").append(x.value());
            case TraceEvent.BuggifyFired x -> b.append(",\"node\":").append(x.node())
                    .append(",\"point\":").append(quote(x.point())).append(",\"injected\":true");
            case TraceEvent.StorageSync x -> b.append(",\"node\":").append(x.node())
                    .append(",\"writes\":").append(x.writes());
            case TraceEvent.StorageLost x -> b.append(",\"node\":").append(x.node())
                    .append(",\"lost\":").append(x.lost()).append(",\"torn\":").append(x.torn());
            case TraceEvent.InvariantChecked x -> b.append(",\"name\":").append(quote(x.name()))
                    .append(",\"holds\":").append(x.holds());
            case TraceEvent.LivenessHeld x -> b.append(",\"name\":").append(quote(x.name()))
                    .append(",\"waitedNanos\":").append(x.waitedNanos())
                    .append(",\"withinNanos\":").append(x.withinNanos());
            case TraceEvent.Unknown x -> b.append(",\"code\":").append(x.code());
        }
        return b.append('}').toString();
    }

    private static String footer(TraceFooter f) {
        StringBuilder b = new StringBuilder("{\"record\":\"footer\",\"outcome\":").append(quote(f.outcome().name()))
                .append(",\"steps\":").append(f.steps()).append(",\"eventCount\":").append(f.eventCount())
                .append(",\"digest\":").append(quote(RunDigest.format(f.digest())))
                .append(",\"finalTimeNanos\":").append(f.finalTimeNanos());
        f.failure().ifPresent(x -> b.append(",\"failure\":{\"kind\":").append(quote(x.kind()))
                .append(",\"message\":").append(quote(x.message())).append(",\"step\":").append(x.step())
                .append(",\"timeNanos\":").append(x.timeNanos()).append(",\"node\":").append(x.node())
                .append(",\"stack\":").append(quote(x.stack())).append('}'));
        return b.append('}').toString();
    }

    private static void message(StringBuilder b, long id, int src, int dst, String type) {
        b.append(",\"messageId\":").append(unsigned(id)).append(",\"src\":").append(src).append(",\"dst\":")
                .append(dst).append(",\"type\":").append(quote(type));
    }

    private static StringBuilder timer(StringBuilder b, int node, long id, String tag) {
        return b.append(",\"node\":").append(node).append(",\"timerId\":").append(unsigned(id))
                .append(",\"tag\":").append(quote(tag));
    }

    private static String pairs(List<KeyValue> kvs) {
        return kvs.stream().map(kv -> "{\"key\":" + quote(kv.key()) + ",\"value\":" + quote(kv.value()) + "}")
                .collect(Collectors.joining(",", "[", "]"));
    }
}
