package dev.seedloop.viewer.model;

import dev.seedloop.trace.TraceEventKind;
import java.util.Arrays;

/** Where the "next/previous event of a node or kind" and "next/previous step" actions lead. Stateless. */
public final class Navigator {
    private final LoadedTrace trace;

    public Navigator(LoadedTrace trace) {
        this.trace = trace;
    }

    /** The next (forward) or previous event of {@code node} from {@code from}, exclusive; -1 if none. */
    public int ofNode(int node, int from, boolean forward) {
        if (node < 0 || node >= trace.nodeCount()) {
            return -1;
        }
        int[] lane = trace.laneEvents(node);
        int i = Arrays.binarySearch(lane, from);
        int idx;
        if (forward) {
            idx = i >= 0 ? i + 1 : -i - 1;
        } else {
            idx = i >= 0 ? i - 1 : -i - 2;
        }
        return idx >= 0 && idx < lane.length ? lane[idx] : -1;
    }

    /** The next or previous event of {@code kind} from {@code from}, exclusive; -1 if none. */
    public int ofKind(TraceEventKind kind, int from, boolean forward) {
        if (forward) {
            for (int i = from + 1; i < trace.size(); i++) {
                if (trace.kind(i) == kind) {
                    return i;
                }
            }
        } else {
            for (int i = Math.min(from, trace.size()) - 1; i >= 0; i--) {
                if (trace.kind(i) == kind) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The last event of the next engine step after {@code from}'s, or of the previous step; -1 if none. */
    public int ofStep(int from, boolean forward) {
        if (trace.size() == 0) {
            return -1;
        }
        long step = trace.step(Math.max(0, from));
        if (forward) {
            int lastOfThis = trace.lastOfStep(step);
            if (lastOfThis > from) {
                return lastOfThis;
            }
            return lastOfThis + 1 < trace.size() ? trace.lastOfStep(trace.step(lastOfThis + 1)) : -1;
        }
        int first = trace.firstOfStepOf(Math.max(0, from));
        return first > 0 ? first - 1 : -1;
    }
}
