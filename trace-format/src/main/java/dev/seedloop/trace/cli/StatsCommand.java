package dev.seedloop.trace.cli;

import dev.seedloop.trace.RunDigest;
import dev.seedloop.trace.RunIdentity;
import dev.seedloop.trace.TraceEventKind;
import dev.seedloop.trace.TraceLevel;
import dev.seedloop.trace.TraceReader;
import dev.seedloop.trace.diff.TraceSummary;
import dev.seedloop.trace.export.EventFormatter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.StringJoiner;
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
            out.println("faults      " + s.faults().describe()
                    + (s.faultsByKind().isEmpty() ? "" : "; scheduled faults begun " + s.faultsByKind()));
            out.println("violations  " + violations(s));
            out.println("checks      " + checks(s, id));
            if (id.level() == TraceLevel.FULL) {
                out.println("liveness    " + liveness(s));
            }
            r.footer().ifPresent(f -> out.println("outcome     " + f.outcome() + ", " + f.steps() + " steps, "
                    + f.eventCount() + " events, digest " + RunDigest.format(f.digest())
                    + f.failure().map(x -> ", failure " + x.kind() + ": " + x.message()).orElse("")));
            r.damage().ifPresent(d -> {
                out.println("DAMAGE      " + d.describe());
                TraceCli.reportDamage(spec.commandLine(), file, d);
            });
            return r.damage().isPresent() ? ExitCodes.FINDING : ExitCodes.OK;
        }
    }

    /** "none", or each violated invariant with the step of its first violation. */
    static String violations(TraceSummary s) {
        if (s.firstViolationStep().isEmpty()) {
            return "none";
        }
        StringJoiner out = new StringJoiner("; ");
        s.firstViolationStep().forEach((name, step) -> out.add(name + " first at step " + step));
        return out.toString();
    }

    /** Each liveness property that held, with when; FULL traces only record this. */
    static String liveness(TraceSummary s) {
        if (s.livenessHeld().isEmpty()) {
            return "none recorded as held";
        }
        StringJoiner out = new StringJoiner("; ");
        s.livenessHeld().forEach((name, h) -> out.add(name + " held at step " + h.step() + ", "
                + EventFormatter.duration(h.waitedNanos()) + " after it was stated (within "
                + EventFormatter.duration(h.withinNanos()) + ")"));
        return out.toString();
    }

    /** How often each invariant was checked, and how often it failed; only FULL traces record checks. */
    static String checks(TraceSummary s, RunIdentity id) {
        if (id.level() != TraceLevel.FULL) {
            return "not recorded (level " + id.level() + "; FULL traces record every check)";
        }
        if (s.checks().isEmpty()) {
            return "none";
        }
        StringJoiner out = new StringJoiner("; ");
        s.checks().forEach((name, n) -> {
            long failed = s.checksFailed().getOrDefault(name, 0L);
            out.add(name + " " + n + (failed == 0 ? "" : " (" + failed + " failed)"));
        });
        return out.toString();
    }
}
