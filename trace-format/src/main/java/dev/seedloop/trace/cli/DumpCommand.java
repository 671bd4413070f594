package dev.seedloop.trace.cli;

import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceReader;
import dev.seedloop.trace.export.TextExporter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code trace dump FILE}: the events as text, one per line, optionally filtered. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Print a trace as text, one line per event. Exit 1 if the file is damaged.")
final class DumpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The trace file (.trace or .trace.gz).")
    Path file;

    @Mixin
    EventFilter filter;

    @Option(names = "--provenance", description = "Also print where and when the trace was written.")
    boolean provenance;

    @Override
    public Integer call() throws Exception {
        try (TraceReader r = TraceReader.open(file)) {
            Predicate<TraceEvent> p = filter.predicate(r.header().identity());
            if (filter.fromStep > 0) {
                r.seekToStep(filter.fromStep); // random access instead of decoding the whole prefix
            }
            new TextExporter(provenance).export(r, p, spec.commandLine().getOut());
            r.damage().ifPresent(d -> TraceCli.reportDamage(spec.commandLine(), file, d));
            filter.notePastTheEnd(r, spec.commandLine());
            return r.damage().isPresent() ? ExitCodes.FINDING : ExitCodes.OK;
        }
    }
}
