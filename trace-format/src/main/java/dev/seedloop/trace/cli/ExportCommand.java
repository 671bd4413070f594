package dev.seedloop.trace.cli;

import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceReader;
import dev.seedloop.trace.export.ExportFormat;
import dev.seedloop.trace.export.MermaidExporter;
import dev.seedloop.trace.export.TraceExporter;
import dev.seedloop.trace.internal.IoReasons;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
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
            r.damage().ifPresent(d -> TraceCli.reportDamage(spec.commandLine(), file, d));
            filter.notePastTheEnd(r, spec.commandLine());
            return r.damage().isPresent() ? ExitCodes.FINDING : ExitCodes.OK;
        }
    }

    /**
     * Exports into {@link #output}. Opening it and writing it fail for different reasons, and the messages
     * say which: not a file name, a missing or read-only directory, or a disk that filled up (the file is
     * then incomplete).
     */
    private void exportToFile(TraceExporter exporter, TraceReader r, Predicate<? super TraceEvent> predicate) {
        // Opening the output truncates it, so an output that is the input would lose the trace before a
        // single event is read.
        if (sameFile(output, file)) {
            throw new UsageException("refusing to export " + file + " into " + output + ": that is the input"
                    + " trace, which would be overwritten and lost; give -o another file");
        }
        Writer w;
        try {
            w = new BufferedWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new OutputException(cannotCreate(output, e));
        }
        exportInto(w, output, exporter, r, predicate);
    }

    /** Whether {@code a} and {@code b} are one file: by identity if both exist (links too), else by path. */
    static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // Cannot tell by identity (e.g. no permission to look); the paths still can.
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /**
     * One line for an output file that could not be created: the cause (a directory, a missing directory,
     * no permission, or the system's own reason), named once, with what to do where there is something.
     */
    static String cannotCreate(Path output, IOException e) {
        String name = output.toString().isEmpty() ? "\"\" (an empty path, which names the current directory)"
                : output.toString();
        // The file system's state names the cause more surely than the exception type, which varies by platform.
        if (Files.isDirectory(output)) {
            return "cannot create " + name + ": it is a directory; give -o a file name";
        }
        Path dir = output.toAbsolutePath().getParent();
        // Named as given where it was given, so the message matches the command line.
        Object dirName = output.getParent() != null ? output.getParent() : dir;
        if (dir != null && !Files.exists(dir)) {
            return "cannot create " + name + ": its directory " + dirName + " does not exist; create it first";
        }
        if (dir != null && !Files.isDirectory(dir)) {
            return "cannot create " + name + ": " + dirName + " is a file, not a directory";
        }
        if (e instanceof AccessDeniedException) {
            return "cannot create " + name + ": permission denied; check that you may write to " + dirName;
        }
        if (Files.isSymbolicLink(output)) {
            return "cannot create " + name + ": it is a link to a place that cannot be created ("
                    + IoReasons.of(e) + "); remove the link or give -o another file";
        }
        if (e instanceof NoSuchFileException) {
            // The directory exists, yet the system says there is no such file: a directory such as /proc
            // that takes no new files.
            return "cannot create " + name + ": " + dirName + " does not accept new files; choose another directory";
        }
        return "cannot create " + name + ": " + IoReasons.of(e);
    }

    /** Exports into {@code w}, which is closed; a failure to write names {@code output} as incomplete. */
    static void exportInto(Writer w, Path output, TraceExporter exporter, TraceReader r,
            Predicate<? super TraceEvent> predicate) {
        try (w) {
            exporter.export(r, predicate, w);
        } catch (IOException e) {
            throw new OutputException("writing " + output + " failed (" + IoReasons.of(e) + "); " + output
                    + " is incomplete");
        }
    }
}
