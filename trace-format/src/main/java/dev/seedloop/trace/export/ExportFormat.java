package dev.seedloop.trace.export;

/** The export formats, by the name the CLI's {@code --format} takes. */
public enum ExportFormat {
    /** One line per event: {@link TextExporter}. */
    TEXT,
    /** JSON Lines: {@link JsonLinesExporter}. */
    JSONL,
    /** A Mermaid sequence diagram: {@link MermaidExporter}. */
    MERMAID,
    /** Chrome/Perfetto Trace Event Format JSON: {@link ChromeTraceExporter}. */
    CHROME;

    /** The exporter for this format with default settings (Mermaid: at most 300 items). */
    public TraceExporter exporter() {
        return switch (this) {
            case TEXT -> new TextExporter(false);
            case JSONL -> new JsonLinesExporter();
            case MERMAID -> new MermaidExporter(300);
            case CHROME -> new ChromeTraceExporter();
        };
    }
}
