package dev.seedloop.trace.export;

import dev.seedloop.trace.NodeInfo;
import dev.seedloop.trace.RunIdentity;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceReader;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A Mermaid {@code sequenceDiagram} for pasting into an issue: one participant per node, an arrow per
 * delivered message ({@code ->>}) or dropped message ({@code -x}, with the reason), drawn at delivery time,
 * and notes for crashes, restarts, network changes, timers fired, scenario notes and invariant violations.
 * Sends, timer sets and snapshots are not drawn. Diagrams of thousands of arrows are unreadable, so output
 * stops after {@code maxItems} drawn items with a comment saying so.
 */
public final class MermaidExporter implements TraceExporter {
    private final int maxItems;

    /** An exporter that draws at most {@code maxItems} arrows and notes. */
    public MermaidExporter(int maxItems) {
        if (maxItems < 1) {
            throw new IllegalArgumentException("maxItems must be >= 1, was " + maxItems);
        }
        this.maxItems = maxItems;
    }

    @Override
    public void export(TraceReader reader, Predicate<? super TraceEvent> filter, Appendable out) throws IOException {
        RunIdentity id = reader.header().identity();
        out.append("sequenceDiagram\n");
        for (NodeInfo n : id.nodes()) {
            out.append("    participant ").append(participant(n.index())).append(" as ").append(text(n.name()))
                    .append('\n');
        }
        int drawn = 0;
        long skipped = 0;
        String all = id.nodes().isEmpty() ? null
                : participant(0) + (id.nodes().size() > 1 ? "," + participant(id.nodes().size() - 1) : "");
        for (Optional<TraceEvent> o = reader.next(); o.isPresent(); o = reader.next()) {
            TraceEvent e = o.get();
            if (!filter.test(e)) {
                continue;
            }
            String line = line(e, id, all);
            if (line == null) {
                continue;
            }
            if (drawn >= maxItems) {
                skipped++;
                continue;
            }
            out.append("    ").append(line).append('\n');
            drawn++;
        }
        if (skipped > 0) {
            out.append("    %% ").append(Long.toString(skipped)).append(" more items not drawn (limit ")
                    .append(Integer.toString(maxItems)).append(")\n");
        }
        if (reader.damage().isPresent()) {
            out.append("    %% trace damaged: ").append(text(reader.damage().get().describe())).append('\n');
        }
    }

    private static String line(TraceEvent e, RunIdentity id, String all) {
        return switch (e) {
            case TraceEvent.MessageDelivered m -> participant(m.src()) + "->>" + participant(m.dst()) + ": "
                    + text(m.type()) + " id " + Long.toUnsignedString(m.messageId());
            case TraceEvent.MessageDropped m -> participant(m.src()) + "-x" + participant(m.dst()) + ": "
                    + text(m.type()) + " id " + Long.toUnsignedString(m.messageId()) + " dropped " + m.reason();
            case TraceEvent.NodeCrashed c -> "Note over " + participant(c.node()) + ": CRASHED";
            case TraceEvent.NodeStarted s -> s.incarnation() == 0 ? null
                    : "Note over " + participant(s.node()) + ": RESTARTED (incarnation " + s.incarnation() + ")";
            case TraceEvent.TimerFired t -> "Note right of " + participant(t.node()) + ": timer "
                    + text(t.tag().isEmpty() ? Long.toUnsignedString(t.timerId()) : t.tag());
            case TraceEvent.NetworkChanged n -> all == null ? null : "Note over " + all + ": "
                    + text(new EventFormatter(id).what(n));
            case TraceEvent.Note n -> all == null ? null : "Note over " + all + ": " + text(n.label() + " " + n.detail());
            case TraceEvent.InvariantViolated v -> all == null ? null : "Note over " + all + ": VIOLATED "
                    + text(v.name() + " " + v.evidence());
            case TraceEvent.NodePaused p -> "Note over " + participant(p.node()) + ": PAUSED";
            case TraceEvent.NodeResumed r -> "Note over " + participant(r.node()) + ": RESUMED";
            case TraceEvent.FaultBegin f -> all == null ? null : "Note over " + all + ": FAULT " + text(f.description());
            case TraceEvent.BuggifyFired b -> "Note right of " + participant(b.node()) + ": buggify " + text(b.point());
            case TraceEvent.StorageLost l -> "Note over " + participant(l.node()) + ": lost " + l.lost()
                    + " unsynced write(s)";
            default -> null;
        };
    }

    private static String participant(int node) {
        return "N" + node;
    }

    /** Text Mermaid shows as is: no statement separators, comments, entity codes or line breaks. */
    static String text(String s) {
        String t = s.replaceAll("[;#%\\r\\n{}<>]", " ").replace("-->", "- >").replace("->", "- >").strip();
        return t.length() > 120 ? t.substring(0, 117) + "..." : t;
    }
}
