package dev.seedloop.trace.diff;

import dev.seedloop.trace.RunIdentity;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceEventKind;
import dev.seedloop.trace.TraceFooter;
import dev.seedloop.trace.export.EventFormatter;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Renders a {@link DiffReport} as plain text for people (the CLI's {@code diff} output). Stateless. */
public final class DiffText {
    private DiffText() {}

    /** The report as text; nodes are named as in trace A's identity. */
    public static String render(DiffReport r, RunIdentity names) {
        EventFormatter f = new EventFormatter(names);
        StringBuilder out = new StringBuilder();
        out.append(headline(r)).append('\n');
        r.damageA().ifPresent(d -> out.append("A is damaged: ").append(d.describe()).append('\n'));
        r.damageB().ifPresent(d -> out.append("B is damaged: ").append(d.describe()).append('\n'));
        if (!r.identityDifferences().isEmpty()) {
            out.append("\nRun identity:\n");
            r.identityDifferences().forEach(d -> out.append("  ").append(d).append('\n'));
        }
        out.append("\nFirst divergence (by position):\n");
        r.firstDivergence().ifPresentOrElse(d -> {
            out.append("  at digested event #").append(d.index()).append(", step ").append(d.step()).append('\n');
            d.previousA().ifPresent(p -> out.append("  last common: ").append(f.line(p)).append('\n'));
            out.append("  A: ").append(event(f, d.a())).append('\n');
            out.append("  B: ").append(event(f, d.b())).append('\n');
        }, () -> out.append("  none: every digested event is the same\n"));
        if (!r.laneDivergences().isEmpty()) {
            out.append("\nPer node (aligned by each node's own events, ignoring times and ids):\n");
            for (LaneDivergence l : r.laneDivergences()) {
                out.append("  ").append(l.node() < 0 ? "run-wide" : f.node(l.node())).append(" parts at its event #")
                        .append(l.index()).append('\n');
                out.append("    A: ").append(event(f, l.a())).append('\n');
                out.append("    B: ").append(event(f, l.b())).append('\n');
            }
        }
        out.append("\nEvents by kind (A / B):\n");
        Set<TraceEventKind> kinds = new TreeSet<>(r.a().byKind().keySet());
        kinds.addAll(r.b().byKind().keySet());
        for (TraceEventKind k : kinds) {
            long a = r.a().count(k);
            long b = r.b().count(k);
            out.append(String.format("  %-20s %8d %8d%s%n", k, a, b, a == b ? "" : "   *"));
        }
        out.append("\nMessages (A / B): sent by type ").append(r.a().sentByType()).append(" / ")
                .append(r.b().sentByType()).append("; dropped ").append(r.a().droppedByReason()).append(" / ")
                .append(r.b().droppedByReason()).append('\n');
        out.append("Faults (A / B): ").append(r.a().faults().describe()).append(" / ").append(r.b().faults().describe())
                .append('\n');
        if (!r.invariants().isEmpty()) {
            out.append("\nInvariants:\n");
            for (InvariantOutcome i : r.invariants()) {
                out.append("  ").append(i.name()).append(": A ").append(outcome(i.violatedAtA(), i.checksA()))
                        .append(", B ").append(outcome(i.violatedAtB(), i.checksB())).append(i.agrees() ? "" : "   *")
                        .append('\n');
            }
        }
        out.append("Outcome: A ").append(r.footerA().map(TraceFooter::outcome).map(Object::toString).orElse("(no footer)"))
                .append(", B ").append(r.footerB().map(TraceFooter::outcome).map(Object::toString).orElse("(no footer)"))
                .append('\n');
        if (!r.finalState().isEmpty()) {
            out.append("\nFinal state differences (last snapshot of each node):\n");
            for (FieldDifference d : r.finalState()) {
                out.append("  ").append(f.node(d.node())).append('.').append(d.field()).append(": ")
                        .append(d.a().orElse("(absent)")).append(" vs ").append(d.b().orElse("(absent)")).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Whether the traces differ, are equivalent, or cannot be called equivalent: a damaged trace may have
     * lost events or its footer, so finding no difference in what was read is not equivalence.
     */
    private static String headline(DiffReport r) {
        if (r.hasDifferences()) {
            return "The traces differ.";
        }
        boolean a = r.damageA().isPresent();
        boolean b = r.damageB().isPresent();
        if (!a && !b) {
            return "The traces are equivalent.";
        }
        return "No differences in what could be read, but " + (a && b ? "A and B are" : a ? "A is" : "B is")
                + " damaged, so the traces are not known to be equivalent.";
    }

    private static String event(EventFormatter f, Optional<TraceEvent> e) {
        return e.map(f::line).orElse("(no more events)");
    }

    /** "held" or "violated at step N", with the number of checks when the trace records them (FULL). */
    private static String outcome(java.util.OptionalLong step, long checks) {
        String verdict = step.isPresent() ? "violated at step " + step.getAsLong() : "held";
        return checks == 0 ? verdict : verdict + " (" + checks + (checks == 1 ? " check)" : " checks)");
    }
}
