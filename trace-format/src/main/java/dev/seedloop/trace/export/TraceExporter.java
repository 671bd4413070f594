package dev.seedloop.trace.export;

import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceReader;
import java.io.IOException;
import java.util.function.Predicate;

/**
 * Writes a trace in another format. Exporters stream: they read the events from a {@link TraceReader} one
 * at a time and write as they go, so memory stays bounded (the Chrome exporter keeps only the flow ids of
 * messages in flight). Each implementation documents its format.
 */
public interface TraceExporter {
    /**
     * Exports the rest of {@code reader} (its header, the events {@code filter} accepts, and its footer or
     * damage) to {@code out}.
     */
    void export(TraceReader reader, Predicate<? super TraceEvent> filter, Appendable out) throws IOException;
}
