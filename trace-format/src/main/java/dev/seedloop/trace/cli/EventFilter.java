package dev.seedloop.trace.cli;

import dev.seedloop.trace.RunIdentity;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceEventKind;
import dev.seedloop.trace.TraceReader;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The event filters shared by {@code dump} and {@code export}: by node (name or index), by kind, the run's
 * own events only, by step range. An event passes if it matches every filter given; no filter given passes everything.
 */
final class EventFilter {
    @Option(names = "--node", paramLabel = "NODE", description = "Only events involving this node (name or index;"
            + " repeatable). A message involves its sender and receiver.")
    List<String> nodes = List.of();

    @Option(names = "--kind", paramLabel = "KIND", description = "Only events of this kind, e.g. message_sent,"
            + " timer_fired (repeatable).")
    List<String> kinds = List.of();

    @Option(names = "--run-events", description = "Only the run's own (digested) events: leave out the state"
            + " snapshots and invariant checks a FULL trace adds after each step.")
    boolean runEventsOnly;

    @Option(names = "--from-step", paramLabel = "N", description = "Only events at step N or later.")
    long fromStep = 0;

    @Option(names = "--to-step", paramLabel = "N", description = "Only events at step N or earlier.")
    long toStep = Long.MAX_VALUE;

    /** The predicate for a trace with this identity; bad names become {@link UsageException}s. */
    Predicate<TraceEvent> predicate(RunIdentity id) {
        Set<Integer> wantedNodes = new LinkedHashSet<>();
        for (String n : nodes) {
            wantedNodes.add(resolveNode(id, n));
        }
        Set<TraceEventKind> wantedKinds = EnumSet.noneOf(TraceEventKind.class);
        for (String k : kinds) {
            wantedKinds.add(TraceEventKind.parse(k).orElseThrow(() -> new UsageException("unknown event kind '" + k
                    + "'; the kinds are " + kindNames())));
        }
        if (fromStep < 0 || toStep < 0) {
            throw new UsageException("steps count from 0; --from-step and --to-step cannot be negative (were "
                    + fromStep + " and " + (toStep == Long.MAX_VALUE ? "unset" : Long.toString(toStep)) + ")");
        }
        if (fromStep > toStep) {
            throw new UsageException("--from-step " + fromStep + " is after --to-step " + toStep);
        }
        return e -> e.step() >= fromStep && e.step() <= toStep
                && (!runEventsOnly || e.kind().digested())
                && (wantedKinds.isEmpty() || wantedKinds.contains(e.kind()))
                && (wantedNodes.isEmpty() || wantedNodes.stream().anyMatch(n -> involves(e, n)));
    }

    /** The kinds a user can name; UNKNOWN stands for kinds of newer format versions, which have no name here. */
    static String kindNames() {
        return Arrays.stream(TraceEventKind.values()).filter(k -> k != TraceEventKind.UNKNOWN)
                .map(k -> k.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }

    /**
     * Notes on standard error that {@code --from-step} is past the last event {@code r} read, which is
     * why nothing was printed (no other filter can be to blame). Call it once {@code r} is at its end.
     */
    void notePastTheEnd(TraceReader r, CommandLine cmd) {
        if (fromStep > 0 && r.lastStep() < fromStep) {
            String range = fromStep + ".." + (toStep == Long.MAX_VALUE ? "" : Long.toString(toStep));
            String trace = r.damage().isPresent() ? "the readable part of the trace" : "the trace";
            TraceCli.note(cmd, "no events in steps " + range + ": " + (r.lastStep() < 0 ? trace + " has no events"
                    : trace + " ends at step " + r.lastStep()));
        }
    }

    private static int resolveNode(RunIdentity id, String n) {
        for (var node : id.nodes()) {
            if (node.name().equals(n)) {
                return node.index();
            }
        }
        try {
            int index = Integer.parseInt(n);
            if (index >= 0 && index < id.nodes().size()) {
                return index;
            }
        } catch (NumberFormatException notANumber) {
            // fall through to the error below
        }
        throw new UsageException("no node '" + n + "' in this trace; its nodes are "
                + id.nodes().stream().map(x -> x.index() + "=" + x.name()).toList());
    }

    static boolean involves(TraceEvent e, int node) {
        return switch (e) {
            case TraceEvent.MessageSent m -> m.src() == node || m.dst() == node;
            case TraceEvent.MessageDelivered m -> m.src() == node || m.dst() == node;
            case TraceEvent.MessageDropped m -> m.src() == node || m.dst() == node;
            case TraceEvent.MessageDuplicated m -> m.src() == node || m.dst() == node;
            case TraceEvent.NetworkChanged n -> n.node() == node
                    || n.groups().stream().anyMatch(g -> g.contains(node));
            default -> e.lane() == node;
        };
    }
}
