package dev.seedloop.viewer.model;

/** What the diagram's horizontal axis measures. */
public enum AxisMode {
    /** Virtual time: distances are durations; events at the same instant share a column. */
    TIME,
    /** Event order: every event has its own column; good for reading bursts at one instant. */
    EVENTS
}
