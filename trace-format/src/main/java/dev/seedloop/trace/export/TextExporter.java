package dev.seedloop.trace.export;

import dev.seedloop.trace.KeyValue;
import dev.seedloop.trace.RunDigest;
import dev.seedloop.trace.RunIdentity;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceReader;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The human-readable text form: a few {@code #} header lines, one line per event (see
 * {@link EventFormatter#line}), and a {@code #} footer line (or the damage). Stable across runs of the same
 * seed, so it suits golden files. Provenance is printed only when {@code withProvenance} is set.
 */
public final class TextExporter implements TraceExporter {
    private final boolean withProvenance;

    /** A text exporter; provenance (wall time, host) is left out unless asked for, to keep output stable. */
    public TextExporter(boolean withProvenance) {
        this.withProvenance = withProvenance;
    }

    @Override
    public void export(TraceReader reader, Predicate<? super TraceEvent> filter, Appendable out) throws IOException {
        RunIdentity id = reader.header().identity();
        EventFormatter f = new EventFormatter(id);
        out.append("# seedloop trace, format ").append(reader.formatVersion().toString()).append('\n');
        out.append("# scenario ").append(id.scenario()).append("  seed ").append(Long.toString(id.seed()))
                .append("  level ").append(id.level().toString()).append("  engine ").append(id.engineVersion())
                .append('\n');
        out.append("# nodes ").append(id.nodes().stream().map(n -> n.index() + "=" + n.name())
                .collect(Collectors.joining(" "))).append('\n');
        if (!id.options().isEmpty()) {
            out.append("# options ").append(id.options().stream().map(o -> o.key() + "=" + o.value())
                    .collect(Collectors.joining(" "))).append('\n');
        }
        if (withProvenance) {
            var p = reader.header().provenance();
            out.append("# provenance createdAt=").append(p.createdAt()).append(" host=").append(p.host())
                    .append(" jvm=").append(p.jvm()).append(" os=").append(p.os());
            for (KeyValue kv : p.extra()) {
                out.append(' ').append(kv.key()).append('=').append(kv.value());
            }
            out.append('\n');
        }
        for (Optional<TraceEvent> e = reader.next(); e.isPresent(); e = reader.next()) {
            if (filter.test(e.get())) {
                out.append(f.line(e.get())).append('\n');
            }
        }
        if (reader.footer().isPresent()) {
            var x = reader.footer().get();
            out.append("# footer outcome ").append(x.outcome().toString()).append("  steps ")
                    .append(Long.toString(x.steps())).append("  events ").append(Long.toString(x.eventCount()))
                    .append("  digest ").append(RunDigest.format(x.digest())).append("  final time ")
                    .append(EventFormatter.time(x.finalTimeNanos())).append('\n');
            if (x.failure().isPresent()) {
                var fail = x.failure().get();
                out.append("# failure ").append(fail.kind()).append(" at step ").append(Long.toString(fail.step()))
                        .append(": ").append(EventFormatter.oneLine(fail.message())).append('\n');
            }
        }
        if (reader.damage().isPresent()) {
            out.append("# DAMAGE ").append(reader.damage().get().describe()).append('\n');
        }
    }
}
