package dev.seedloop.viewer.model;

/** What a node is doing at a point of the run, as far as the events show. */
public enum NodeStatus {
    /** No start event yet. */
    NOT_STARTED,
    /** Started and handling events. */
    UP,
    /** Crashed (and not restarted yet). */
    CRASHED,
    /** Paused by a fault (between NODE_PAUSED and NODE_RESUMED). */
    PAUSED
}
