package dev.seedloop.trace;

import static dev.seedloop.trace.internal.Checks.nodeIndex;
import static dev.seedloop.trace.internal.Checks.notNull;

/** A node of a run: the index events use to name it, and its human name (e.g. "n1"). */
public record NodeInfo(int index, String name) {
    public NodeInfo {
        nodeIndex(index, "node index");
        notNull(name, "node name");
    }
}
