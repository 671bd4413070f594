package dev.seedloop.viewer.model;

/**
 * A stretch of a node's lane drawn shaded: while the node is partitioned off, paused or down.
 *
 * @param node the node
 * @param from the ordinal of the event that began it
 * @param to the ordinal of the event that ended it, or the trace size if it lasts to the end
 * @param kind why it is shaded
 * @param group for partitions, the index of the node's group (to colour the sides apart), else -1
 * @param label a short description, e.g. "partition {n1,n2}", "crashed", "paused"
 */
public record Shade(int node, int from, int to, Kind kind, int group, String label) {
    /** Why a lane is shaded. */
    public enum Kind {
        PARTITIONED, ISOLATED, PAUSED, CRASHED
    }
}
