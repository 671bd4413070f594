package dev.seedloop.viewer.model;

import dev.seedloop.trace.TraceEvent;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Computes happens-before cones: an event's causal past is every earlier event of the same node (program
 * order), every send whose message it (or anything in its past) received, transitively.
 *
 * <p>A run-wide event (an invariant violation, a note, a network change) belongs to no node. Its past is
 * the union of the pasts of the latest event at or before it of each node it names (an invariant's
 * evidence, a note's detail, an isolated node); of every node if it names none. For the split-brain trace
 * the violation names both leaders, so the cone shows the votes that elected each.
 *
 * <p>Cost: each node's events are scanned at most once per cone, so O(events) worst case.
 */
public final class CausalPast {
    private final LoadedTrace trace;

    public CausalPast(LoadedTrace trace) {
        this.trace = trace;
    }

    /** The causal past of the event at {@code ordinal}. */
    public CausalCone of(int ordinal) {
        int n = trace.nodeCount();
        int[] horizon = new int[n];
        Arrays.fill(horizon, -1);
        int lane = trace.lane(ordinal);
        if (lane >= 0) {
            horizon[lane] = ordinal;
        } else {
            boolean[] named = namedNodes(trace.event(ordinal));
            boolean any = false;
            for (boolean b : named) {
                any |= b;
            }
            for (int node = 0; node < n; node++) {
                if (!any || named[node]) {
                    horizon[node] = latestOfNodeAtOrBefore(node, ordinal);
                }
            }
        }
        close(horizon);
        return new CausalCone(trace, ordinal, horizon);
    }

    /** Extends the horizons until every received message's send is inside: a fixed point. */
    private void close(int[] horizon) {
        int n = horizon.length;
        // examinedUpTo[node]: the lane rank up to which the node's receives have been followed.
        int[] examinedUpTo = new int[n];
        Arrays.fill(examinedUpTo, -1);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int node = 0; node < n; node++) {
                if (horizon[node] < 0) {
                    continue;
                }
                int[] lane = trace.laneEvents(node);
                int top = trace.laneRank(horizon[node]);
                for (int r = top; r > examinedUpTo[node]; r--) {
                    int o = lane[r];
                    int send = trace.sendOf(o);
                    if (send >= 0 && isReceive(o)) {
                        int src = trace.lane(send);
                        if (src >= 0 && send > horizon[src]) {
                            horizon[src] = send;
                            changed = true;
                        }
                    }
                }
                examinedUpTo[node] = Math.max(examinedUpTo[node], top);
            }
        }
    }

    private boolean isReceive(int ordinal) {
        TraceEvent e = trace.event(ordinal);
        return e instanceof TraceEvent.MessageDelivered || e instanceof TraceEvent.MessageDropped;
    }

    private int latestOfNodeAtOrBefore(int node, int ordinal) {
        int[] lane = trace.laneEvents(node);
        int i = Arrays.binarySearch(lane, ordinal);
        int idx = i >= 0 ? i : -i - 2;
        return idx < 0 ? -1 : lane[idx];
    }

    private boolean[] namedNodes(TraceEvent e) {
        boolean[] named = new boolean[trace.nodeCount()];
        String text = switch (e) {
            case TraceEvent.InvariantViolated v -> v.evidence();
            case TraceEvent.Note note -> note.detail();
            case TraceEvent.NetworkChanged c -> {
                if (c.node() >= 0 && c.node() < named.length) {
                    named[c.node()] = true;
                }
                c.groups().forEach(g -> g.forEach(m -> {
                    if (m < named.length) {
                        named[m] = true;
                    }
                }));
                yield "";
            }
            default -> "";
        };
        for (int node = 0; node < named.length; node++) {
            String name = trace.nodeName(node);
            if (!name.isEmpty() && Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])").matcher(text).find()) {
                named[node] = true;
            }
        }
        return named;
    }
}
