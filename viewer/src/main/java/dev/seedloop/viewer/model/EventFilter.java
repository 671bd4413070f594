package dev.seedloop.viewer.model;

import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceEventKind;
import dev.seedloop.trace.export.EventFormatter;
import java.util.Locale;

/**
 * Which events the table shows: of one node (or all), of one kind (or all, or only the run's digested
 * events), whose text contains a search string (case-insensitive). Immutable.
 *
 * @param node the node whose events to keep (its own events and messages to or from it), -1 for all
 * @param kind the kind to keep, null for all
 * @param text the text to search for in the event's one-line rendering, "" for none
 * @param digestedOnly keep only the events of the run itself, leaving out what a FULL trace adds after
 *     each step (state snapshots, invariant checks)
 */
public record EventFilter(int node, TraceEventKind kind, String text, boolean digestedOnly) {
    /** Keeps everything. */
    public static final EventFilter NONE = new EventFilter(-1, null, "");

    public EventFilter {
        text = text == null ? "" : text.strip();
    }

    /** A filter by node, kind and text that keeps snapshots and checks. */
    public EventFilter(int node, TraceEventKind kind, String text) {
        this(node, kind, text, false);
    }

    public boolean isNone() {
        return node < 0 && kind == null && text.isEmpty() && !digestedOnly;
    }

    /** Whether the event at {@code ordinal} passes. */
    public boolean test(LoadedTrace t, int ordinal, EventFormatter f) {
        return test(t, ordinal, f, text.toLowerCase(Locale.ROOT));
    }

    private boolean test(LoadedTrace t, int ordinal, EventFormatter f, String lower) {
        TraceEventKind k = t.kind(ordinal);
        if (kind != null && k != kind || digestedOnly && !k.digested()) {
            return false;
        }
        if (node >= 0 && !involves(t.event(ordinal), t.lane(ordinal), node)) {
            return false;
        }
        return text.isEmpty() || f.what(t.event(ordinal)).toLowerCase(Locale.ROOT).contains(lower);
    }

    static boolean involves(TraceEvent e, int lane, int node) {
        return lane == node || switch (e) {
            case TraceEvent.MessageSent m -> m.dst() == node;
            case TraceEvent.MessageDelivered m -> m.src() == node;
            case TraceEvent.MessageDropped m -> m.src() == node;
            case TraceEvent.MessageDuplicated m -> m.dst() == node;
            case TraceEvent.NetworkChanged n -> n.node() == node || n.groups().stream().anyMatch(g -> g.contains(node));
            default -> false;
        };
    }

    /** The ordinals of every passing event, ascending. */
    public int[] apply(LoadedTrace t) {
        return apply(t, () -> false);
    }

    /**
     * The ordinals of every passing event, ascending; checks {@code cancelled} now and then and, once it
     * says so, stops with a {@link java.util.concurrent.CancellationException}.
     */
    public int[] apply(LoadedTrace t, java.util.function.BooleanSupplier cancelled) {
        EventFormatter f = new EventFormatter(t.identity());
        if (isNone()) {
            int[] all = new int[t.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        IntList out = new IntList();
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < t.size(); i++) {
            if ((i & 0xFFF) == 0 && cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException("the filter changed");
            }
            if (test(t, i, f, lower)) {
                out.add(i);
            }
        }
        return out.toArray();
    }
}
