package dev.seedloop.trace.cli;

import dev.seedloop.trace.RunDigest;
import dev.seedloop.trace.RunIdentity;
import dev.seedloop.trace.TraceEventKind;
import dev.seedloop.trace.TraceReader;
import dev.seedloop.trace.diff.TraceSummary;
import dev.seedloop.trace.export.EventFormatter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trace stats FILE}: what a trace holds, in numbers, read in one streaming pass. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Summarize a trace: identity, events by kind and node, messages, faults, invariants,"
                + " outcome. Exit 1 if the file is damaged.")
final class StatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The trace file.")
    Path file;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (TraceReader r = TraceReader.open(file)) {
            RunIdentity id = r.header().identity();
            TraceSummary s = new TraceSummary();
            r.forEachRemaining(s::add);
            out.printf("file        %s (%d bytes, format %s)%n", file, Files.size(file), r.formatVersion());
            out.printf("scenario    %s  seed %d  level %s  engine %s%n", id.scenario(), id.seed(), id.level(),
                    id.engineVersion());
            out.printf("events      %d (%d digested), last step %d, last time %s%n", s.events(), s.digestedEvents(),
                    s.lastStep(), EventFormatter.time(s.lastTimeNanos()));
            out.println("by kind");
            for (Map.Entry<TraceEventKind, Long> e : s.byKind().entrySet()) {
                out.printf("  %-20s %10d%n", e.getKey(), e.getValue());
            }
            out.println("by node");
            for (Map.Entry<Integer, Long> e : s.eventsByNode().entrySet()) {
                out.printf("  %-20s %10d%n", id.nodeName(e.getKey()), e.getValue());
            }
            out.println("messages    sent by type " + s.sentByType() + ", dropped " + s.droppedByReason());
            out.println("faults      " + s.faults());
            out.println("violations  " + (s.firstViolationStep().isEmpty() ? "none"
                    : s.firstViolationStep() + " (invariant=first step)"));
            r.footer().ifPresent(f -> out.println("outcome     " + f.outcome() + ", " + f.steps() + " steps, "
                    + f.eventCount() + " events, digest " + RunDigest.format(f.digest())
                    + f.failure().map(x -> ", failure " + x.kind() + ": " + x.message()).orElse("")));
            r.damage().ifPresent(d -> out.println("DAMAGE      " + d.describe()));
            return r.damage().isPresent() ? ExitCodes.FINDING : ExitCodes.OK;
        }
    }
}
