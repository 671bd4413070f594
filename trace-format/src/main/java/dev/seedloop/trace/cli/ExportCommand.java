package dev.seedloop.trace.cli;

import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceReader;
import dev.seedloop.trace.export.ExportFormat;
import dev.seedloop.trace.export.MermaidExporter;
import dev.seedloop.trace.export.TraceExporter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trace export FILE --format F}: the trace in another format. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a trace as text, JSON lines, a Mermaid sequence diagram, or Chrome/Perfetto trace"
                + " events (open in ui.perfetto.dev). Exit 1 if the file is damaged (what was readable is"
                + " still exported).")
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The trace file (.trace or .trace.gz).")
    Path file;

    @Option(names = {"-f", "--format"}, required = true, paramLabel = "FORMAT",
            description = "One of: ${COMPLETION-CANDIDATES}.")
    ExportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write here instead of standard output.")
    Path output;

    @Option(names = "--max-items", paramLabel = "N", defaultValue = "300",
            description = "Mermaid only: draw at most N arrows and notes (default ${DEFAULT-VALUE}).")
    int maxItems;

    @Mixin
    EventFilter filter;

    @Override
    public Integer call() throws Exception {
        if (maxItems < 1) {
            throw new UsageException("--max-items must be at least 1, was " + maxItems);
        }
        TraceExporter exporter = format == ExportFormat.MERMAID ? new MermaidExporter(maxItems) : format.exporter();
        try (TraceReader r = TraceReader.open(file)) {
            var predicate = filter.predicate(r.header().identity());
            if (output == null) {
                exporter.export(r, predicate, spec.commandLine().getOut());
            } else {
                exportToFile(exporter, r, predicate);
            }
            r.damage().ifPresent(d -> spec.commandLine().getErr().println("trace: " + file + " is damaged: "
                    + d.describe()));
            return r.damage().isPresent() ? ExitCodes.FINDING : ExitCodes.OK;
        }
    }

    /**
     * Exports into {@link #output}. Opening it and writing it fail for different reasons, and the messages
     * say which: a missing or read-only directory, or a disk that filled up (the file is then incomplete).
     */
    private void exportToFile(TraceExporter exporter, TraceReader r, Predicate<? super TraceEvent> predicate) {
        Writer w;
        try {
            w = new BufferedWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            // Its message is only the path.
            throw new OutputException("cannot create " + output + ": its directory does not exist; create it first");
        } catch (IOException e) {
            throw new OutputException("cannot create " + output + ": " + e.getMessage()
                    + "; check that its directory exists and is writable");
        }
        exportInto(w, output, exporter, r, predicate);
    }

    /** Exports into {@code w}, which is closed; a failure to write names {@code output} as incomplete. */
    static void exportInto(Writer w, Path output, TraceExporter exporter, TraceReader r,
            Predicate<? super TraceEvent> predicate) {
        try (w) {
            exporter.export(r, predicate, w);
        } catch (IOException e) {
            throw new OutputException("writing " + output + " failed: " + e.getMessage() + "; " + output
                    + " is incomplete (is the disk full?)");
        }
    }
}
