package dev.seedloop.viewer.model;

import dev.seedloop.trace.TraceEventKind;
import java.util.List;

/**
 * Everything one frame of the space-time diagram draws, in pixels, already clipped to the visible window:
 * the view only paints these. Produced by {@link DiagramLayout}.
 */
public record DiagramFrame(double width, double height, double plotLeft, double plotTop, List<LaneRow> lanes,
        List<Tick> ticks, List<ShadeRect> shades, List<Arrow> arrows, List<Mark> marks, List<Rule> rules,
        double cursorX, int drawnEvents, boolean thinned) {

    /** A lane: its label and centre line; node -1 is the run-wide row (network, notes, invariants). */
    public record LaneRow(int node, String label, double y) {}

    /** An axis tick. */
    public record Tick(double x, String label) {}

    /** A shaded stretch of a lane. */
    public record ShadeRect(double x0, double x1, double y0, double y1, Shade.Kind kind, int group, String label) {}

    /** How a message arrow ended. */
    public enum ArrowKind {
        DELIVERED, DROPPED, DUPLICATE
    }

    /**
     * A message from its send (x0, y0) to its delivery or drop (x1, y1).
     *
     * @param label the drop reason for DROPPED, else the message type
     */
    public record Arrow(double x0, double y0, double x1, double y1, ArrowKind kind, String label, boolean inCone,
            int toOrdinal) {}

    /** The shape of an event mark. */
    public enum MarkShape {
        DOT, CROSS, RESTART, DIAMOND, DROP, BAR
    }

    /** An event mark. */
    public record Mark(double x, double y, int ordinal, TraceEventKind kind, MarkShape shape, boolean inCone,
            boolean selected) {}

    /** A full-height vertical rule: the violation or the first divergence. */
    public record Rule(double x, String label, RuleKind kind) {}

    /** What a rule marks. */
    public enum RuleKind {
        VIOLATION, DIVERGENCE
    }
}
