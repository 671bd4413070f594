package dev.seedloop.viewer.model;

import java.util.Arrays;

/**
 * The happens-before cone (causal past) of one event, as a vector clock: for each node, the highest
 * ordinal of that node's own events that happened before (or is) the selected event. An event of node
 * {@code n} is in the cone exactly when its ordinal is at most {@code horizon[n]}, so membership is O(1)
 * and the cone of a million-event trace takes a few ints. Immutable.
 *
 * @see CausalPast
 */
public final class CausalCone {
    private final int origin;
    private final int[] horizon;
    private final LoadedTrace trace;

    CausalCone(LoadedTrace trace, int origin, int[] horizon) {
        this.trace = trace;
        this.origin = origin;
        this.horizon = horizon.clone();
    }

    /** The event whose past this is. */
    public int origin() {
        return origin;
    }

    /** The highest ordinal of node {@code node} in the cone, -1 if none of its events is. */
    public int horizon(int node) {
        return horizon[node];
    }

    /** Whether the event at {@code ordinal} is in the cone (the origin itself is). */
    public boolean contains(int ordinal) {
        if (ordinal == origin) {
            return true;
        }
        int lane = trace.lane(ordinal);
        return lane >= 0 && ordinal <= horizon[lane];
    }

    /** The number of events in the cone (origin included). */
    public int size() {
        int n = 0;
        for (int node = 0; node < horizon.length; node++) {
            int h = horizon[node];
            if (h >= 0) {
                n += trace.laneRank(h) + 1;
            }
        }
        return trace.lane(origin) >= 0 ? n : n + 1;
    }

    @Override
    public String toString() {
        return "CausalCone[origin=" + origin + ", horizon=" + Arrays.toString(horizon) + "]";
    }
}
