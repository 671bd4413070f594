package dev.seedloop.viewer.model;

import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceEventKind;
import dev.seedloop.trace.export.EventFormatter;
import java.util.Locale;

/**
 * Which events the table shows: of one node (or all), of one kind (or all), whose text contains a search
 * string (case-insensitive). Immutable.
 *
 * @param node the node whose events to keep (its own events and messages to or from it), -1 for all
 * @param kind the kind to keep, null for all
 * @param text the text to search for in the event's one-line rendering, "" for none
 */
public record EventFilter(int node, TraceEventKind kind, String text) {
    /** Keeps everything. */
    public static final EventFilter NONE = new EventFilter(-1, null, "");

    public EventFilter {
        text = text == null ? "" : text.strip();
    }

    public boolean isNone() {
        return node < 0 && kind == null && text.isEmpty();
    }

    /** Whether the event at {@code ordinal} passes. */
    public boolean test(LoadedTrace t, int ordinal, EventFormatter f) {
        if (kind != null && t.kind(ordinal) != kind) {
            return false;
        }
        if (node >= 0 && !involves(t.event(ordinal), t.lane(ordinal), node)) {
            return false;
        }
        return text.isEmpty() || f.what(t.event(ordinal)).toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
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
        EventFormatter f = new EventFormatter(t.identity());
        if (isNone()) {
            int[] all = new int[t.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        IntList out = new IntList();
        for (int i = 0; i < t.size(); i++) {
            if (test(t, i, f)) {
                out.add(i);
            }
        }
        return out.toArray();
    }
}
