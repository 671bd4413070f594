package dev.seedloop.trace;

import static dev.seedloop.trace.internal.Checks.notNull;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A whole trace in memory: what {@link TraceReader} streams, collected. For tools that need random access
 * to every event (diff, tests, small exports); large traces should be streamed with {@link TraceReader}.
 *
 * @param source what the trace was read from ("" for one built in memory)
 * @param version the file's format version
 * @param header the header
 * @param events every whole event, in file order
 * @param footer the footer, if it was reached
 * @param damage the damage that ended reading early, if any
 */
public record Trace(String source, FormatVersion version, TraceHeader header, List<TraceEvent> events,
        Optional<TraceFooter> footer, Optional<Damage> damage) {
    public Trace {
        notNull(source, "source");
        notNull(version, "version");
        notNull(header, "header");
        events = List.copyOf(notNull(events, "events"));
        notNull(footer, "footer");
        notNull(damage, "damage");
    }

    /** A complete, undamaged trace built in memory (e.g. by a test). */
    public static Trace of(TraceHeader header, List<TraceEvent> events, TraceFooter footer) {
        return new Trace("", FormatVersion.CURRENT, header, events, Optional.of(footer), Optional.empty());
    }

    /** Reads a whole trace file. */
    public static Trace read(Path path) throws TraceFileException {
        try (TraceReader r = TraceReader.open(path)) {
            return collect(r);
        }
    }

    /** Reads a whole trace from a stream, which is closed. */
    public static Trace read(InputStream in, String sourceName) throws TraceFileException {
        try (TraceReader r = TraceReader.open(in, sourceName)) {
            return collect(r);
        }
    }

    /** Reads the rest of an open reader. */
    public static Trace collect(TraceReader r) {
        List<TraceEvent> events = new ArrayList<>();
        r.forEachRemaining(events::add);
        return new Trace(r.source(), r.formatVersion(), r.header(), events, r.footer(), r.damage());
    }

    /** Writes this trace (header, events, and the footer if present) to {@code path}. */
    public void write(Path path, TraceWriter.Options options) {
        try (TraceWriter w = TraceWriter.create(path, header, options)) {
            events.forEach(w::write);
            footer.ifPresent(w::writeFooter);
        }
    }

    /** The digest of the events, recomputed as the engine computed it. */
    public RunDigest recomputeDigest() {
        RunDigest d = new RunDigest();
        events.forEach(e -> e.digestInto(d));
        return d;
    }
}
