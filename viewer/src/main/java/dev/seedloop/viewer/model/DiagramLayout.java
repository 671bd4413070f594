package dev.seedloop.viewer.model;

import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceEventKind;
import dev.seedloop.viewer.model.DiagramFrame.Arrow;
import dev.seedloop.viewer.model.DiagramFrame.ArrowKind;
import dev.seedloop.viewer.model.DiagramFrame.LaneRow;
import dev.seedloop.viewer.model.DiagramFrame.Mark;
import dev.seedloop.viewer.model.DiagramFrame.MarkShape;
import dev.seedloop.viewer.model.DiagramFrame.Rule;
import dev.seedloop.viewer.model.DiagramFrame.RuleKind;
import dev.seedloop.viewer.model.DiagramFrame.ShadeRect;
import dev.seedloop.viewer.model.DiagramFrame.Tick;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The geometry of the space-time diagram: one lane per node (plus a run-wide row on top), the axis along x,
 * and what falls in the visible window. Only events inside the window (and messages crossing it) are
 * visited: the cost of a frame depends on what is visible, not on the trace's length. When more events
 * than pixels are visible, marks and arrows are thinned to one per lane and pixel column.
 */
public final class DiagramLayout {
    /** Width of the lane labels on the left. */
    public static final double LABEL_WIDTH = 64;
    /** Height of the axis strip on top. */
    public static final double AXIS_HEIGHT = 22;
    private static final double RUN_ROW_HEIGHT = 26;
    private static final double PICK_RADIUS = 7;

    private final LoadedTrace trace;
    private final List<Shade> shades;

    public DiagramLayout(LoadedTrace trace, List<Shade> shades) {
        this.trace = trace;
        this.shades = List.copyOf(shades);
    }

    /** The axis value of the event at {@code ordinal}. */
    public double unit(AxisMode mode, int ordinal) {
        return mode == AxisMode.TIME ? trace.time(ordinal) : ordinal;
    }

    /** The viewport a trace opens with: all of it if small, else its first few hundred events. */
    public Viewport initialViewport(AxisMode mode, double plotWidth) {
        if (trace.size() == 0) {
            return Viewport.fit(mode, 0, 1_000_000, plotWidth);
        }
        int last = trace.size() <= 3000 ? trace.size() - 1 : Math.min(trace.size() - 1, 300);
        return Viewport.fit(mode, unit(mode, 0), unit(mode, last), plotWidth);
    }

    /** The plot area's width for a canvas {@code width} wide. */
    public static double plotWidth(double width) {
        return Math.max(1, width - LABEL_WIDTH - 8);
    }

    /** The y of each lane's centre: run-wide row first, then nodes. */
    public double laneY(int node, double height) {
        double laneH = laneHeight(height);
        double top = AXIS_HEIGHT + RUN_ROW_HEIGHT;
        return node < 0 ? AXIS_HEIGHT + RUN_ROW_HEIGHT / 2 : top + laneH * (node + 0.5);
    }

    private double laneHeight(double height) {
        int n = Math.max(1, trace.nodeCount());
        return Math.max(18, (height - AXIS_HEIGHT - RUN_ROW_HEIGHT - 6) / n);
    }

    /** The visible ordinals' range [from, to) for the viewport. */
    public int[] visibleRange(Viewport v, double plotWidth) {
        double a = v.start();
        double b = v.end(plotWidth);
        if (v.mode() == AxisMode.EVENTS) {
            int from = (int) Math.max(0, Math.floor(a));
            int to = (int) Math.min(trace.size(), Math.ceil(b) + 1);
            return new int[] {Math.min(from, to), to};
        }
        int from = trace.firstAtOrAfterTime((long) Math.floor(a));
        int to = trace.firstAfterTime((long) Math.ceil(b));
        return new int[] {from, to};
    }

    /**
     * Lays out one frame.
     *
     * @param cone the causal past to highlight, or null
     * @param selected the selected event (its mark is ringed), or -1
     * @param cursor the cursor ordinal, or -1
     * @param divergence the first divergence ordinal in diff mode, or -1
     */
    public DiagramFrame frame(Viewport v, double width, double height, int cursor, CausalCone cone, int selected,
            int divergence) {
        double pw = plotWidth(width);
        double left = LABEL_WIDTH;
        List<LaneRow> lanes = new ArrayList<>();
        lanes.add(new LaneRow(-1, "run", laneY(-1, height)));
        double laneH = laneHeight(height);
        for (int node = 0; node < trace.nodeCount(); node++) {
            lanes.add(new LaneRow(node, trace.nodeName(node), laneY(node, height)));
        }
        int[] range = visibleRange(v, pw);
        int from = range[0];
        int to = range[1];

        List<ShadeRect> shadeRects = new ArrayList<>();
        for (Shade s : shades) {
            if (s.from() >= to || s.to() < from) {
                continue;
            }
            double x0 = left + clampX(v.x(unit(v.mode(), s.from())), pw);
            double endUnit = s.to() >= trace.size() ? Math.max(unit(v.mode(), trace.size() - 1), v.end(pw))
                    : unit(v.mode(), s.to());
            double x1 = left + clampX(v.x(endUnit), pw);
            if (x1 <= x0) {
                continue;
            }
            double y = laneY(s.node(), height);
            shadeRects.add(new ShadeRect(x0, x1, y - laneH / 2 + 2, y + laneH / 2 - 2, s.kind(), s.group(), s.label()));
        }

        List<Mark> marks = new ArrayList<>();
        List<Arrow> arrows = new ArrayList<>();
        int lanesCount = trace.nodeCount() + 1;
        int columns = (int) Math.ceil(pw) + 2;
        boolean thin = (to - from) > columns * 2L;
        long[] lastColumn = new long[lanesCount];
        Arrays.fill(lastColumn, Long.MIN_VALUE);
        long[] lastArrowColumn = new long[lanesCount];
        Arrays.fill(lastArrowColumn, Long.MIN_VALUE);
        long[] lastDropColumn = new long[lanesCount];
        Arrays.fill(lastDropColumn, Long.MIN_VALUE);
        int drawn = 0;

        // Messages sent before the window but received inside it: their arrows enter from the left.
        int arrowFrom = from;
        if (v.mode() == AxisMode.TIME) {
            arrowFrom = trace.firstAtOrAfterTime((long) Math.floor(v.start()) - trace.maxMessageSpan());
        }
        for (int i = arrowFrom; i < to; i++) {
            int send = trace.sendOf(i);
            TraceEventKind k = trace.kind(i);
            boolean receive = k == TraceEventKind.MESSAGE_DELIVERED || k == TraceEventKind.MESSAGE_DROPPED;
            if (i < from) {
                // only arrows that cross into the window
                if (!receive || send < 0) {
                    continue;
                }
            }
            if (receive && send >= 0) {
                int dst = trace.lane(i);
                int src = trace.lane(send);
                if (src >= 0 && dst >= 0) {
                    double x0 = left + v.x(unit(v.mode(), send));
                    double x1 = left + v.x(unit(v.mode(), i));
                    if (x1 >= left - 1) {
                        long col = (long) Math.floor(x1);
                        long[] seen = k == TraceEventKind.MESSAGE_DROPPED ? lastDropColumn : lastArrowColumn;
                        if (!thin || seen[dst + 1] != col || (cone != null && cone.contains(i))) {
                            seen[dst + 1] = col;
                            TraceEvent e = trace.event(i);
                            boolean dup = isDuplicateDelivery(send, i);
                            ArrowKind ak = k == TraceEventKind.MESSAGE_DROPPED ? ArrowKind.DROPPED
                                    : dup ? ArrowKind.DUPLICATE : ArrowKind.DELIVERED;
                            String label = e instanceof TraceEvent.MessageDropped d ? d.reason().name().toLowerCase()
                                    : ((TraceEvent.MessageDelivered) e).type();
                            arrows.add(new Arrow(x0, laneY(src, height), x1, laneY(dst, height), ak, label,
                                    cone != null && cone.contains(i) && cone.contains(send), i));
                        }
                    }
                }
            }
            if (i < from) {
                continue;
            }
            int lane = trace.lane(i);
            double x = left + v.x(unit(v.mode(), i));
            long col = (long) Math.floor(x);
            boolean important = i == cursor || i == selected || k == TraceEventKind.INVARIANT_VIOLATED
                    || k == TraceEventKind.NODE_CRASHED;
            if (thin && lastColumn[lane + 1] == col && !important) {
                continue;
            }
            if (k == TraceEventKind.STATE_SNAPSHOT || k == TraceEventKind.INVARIANT_CHECKED) {
                continue; // annotations: shown in the panels, not as marks
            }
            lastColumn[lane + 1] = col;
            marks.add(new Mark(x, laneY(lane, height), i, k, shape(i, k), cone != null && cone.contains(i),
                    i == selected));
            drawn++;
        }

        List<Rule> rules = new ArrayList<>();
        for (int viol : trace.violations()) {
            double x = left + v.x(unit(v.mode(), viol));
            if (x >= left && x <= left + pw) {
                rules.add(new Rule(x, "violation", RuleKind.VIOLATION));
            }
        }
        if (divergence >= 0 && divergence < trace.size()) {
            double x = left + v.x(unit(v.mode(), divergence));
            if (x >= left && x <= left + pw) {
                rules.add(new Rule(x, "first divergence", RuleKind.DIVERGENCE));
            }
        }
        double cursorX = cursor >= 0 && cursor < trace.size() ? left + v.x(unit(v.mode(), cursor)) : -1;
        return new DiagramFrame(width, height, left, AXIS_HEIGHT, lanes, ticks(v, pw, left), shadeRects, arrows, marks,
                rules, cursorX, drawn, thin);
    }

    private boolean isDuplicateDelivery(int send, int delivery) {
        // A delivery of a message id delivered before is the duplicate's.
        int dst = trace.lane(delivery);
        int[] lane = trace.laneEvents(dst);
        int r = trace.laneRank(delivery);
        for (int j = r - 1; j >= 0 && lane[j] > send; j--) {
            if (trace.sendOf(lane[j]) == send && trace.kind(lane[j]) == TraceEventKind.MESSAGE_DELIVERED) {
                return true;
            }
        }
        return false;
    }

    private MarkShape shape(int i, TraceEventKind k) {
        return switch (k) {
            case NODE_CRASHED -> MarkShape.CROSS;
            case NODE_STARTED -> ((TraceEvent.NodeStarted) trace.event(i)).incarnation() > 0 ? MarkShape.RESTART
                    : MarkShape.BAR;
            case INVARIANT_VIOLATED -> MarkShape.DIAMOND;
            case MESSAGE_DROPPED -> MarkShape.DROP;
            default -> MarkShape.DOT;
        };
    }

    private static double clampX(double x, double pw) {
        return Math.max(0, Math.min(pw, x));
    }

    private static List<Tick> ticks(Viewport v, double pw, double left) {
        List<Tick> ticks = new ArrayList<>();
        double span = v.unitsPerPixel() * pw;
        double step = niceStep(span / Math.max(1, pw / 110));
        double first = Math.ceil(v.start() / step) * step;
        for (double u = first; u <= v.end(pw) && ticks.size() < 60; u += step) {
            if (Math.abs(u) < step * 1e-6) {
                u = 0; // no "-0ms"
            }
            ticks.add(new Tick(left + v.x(u), v.mode() == AxisMode.TIME ? timeLabel(u, step) : "#" + (long) u));
        }
        return ticks;
    }

    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
        double m = raw / p;
        double nice = m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10;
        return Math.max(1, nice * p);
    }

    /** A time axis label in ms/s/us as fits the tick step. */
    static String timeLabel(double nanos, double step) {
        if (step >= 1e9) {
            return trim(nanos / 1e9) + "s";
        }
        if (step >= 1e6) {
            return trim(nanos / 1e6) + "ms";
        }
        if (step >= 1e3) {
            return trim(nanos / 1e3) + "us";
        }
        return trim(nanos) + "ns";
    }

    private static String trim(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * The event under pixel ({@code x}, {@code y}), or -1: the nearest mark on the lane under y within a
     * few pixels.
     */
    public int hit(Viewport v, double width, double height, double x, double y) {
        double pw = plotWidth(width);
        int lane = -2;
        double best = Double.MAX_VALUE;
        for (int node = -1; node < trace.nodeCount(); node++) {
            double d = Math.abs(laneY(node, height) - y);
            if (d < best) {
                best = d;
                lane = node;
            }
        }
        if (best > Math.max(PICK_RADIUS, laneHeight(height) / 2)) {
            return -1;
        }
        double u0 = v.valueAt(x - LABEL_WIDTH - PICK_RADIUS);
        double u1 = v.valueAt(x - LABEL_WIDTH + PICK_RADIUS);
        int from;
        int to;
        if (v.mode() == AxisMode.EVENTS) {
            from = (int) Math.max(0, Math.floor(u0));
            to = (int) Math.min(trace.size(), Math.ceil(u1) + 1);
        } else {
            from = trace.firstAtOrAfterTime((long) Math.floor(u0));
            to = trace.firstAfterTime((long) Math.ceil(u1));
        }
        int found = -1;
        double bestDx = Double.MAX_VALUE;
        for (int i = from; i < to && i - from < 100_000; i++) {
            if (trace.lane(i) != lane) {
                continue;
            }
            TraceEventKind k = trace.kind(i);
            if (k == TraceEventKind.STATE_SNAPSHOT || k == TraceEventKind.INVARIANT_CHECKED) {
                continue;
            }
            double dx = Math.abs(LABEL_WIDTH + v.x(unit(v.mode(), i)) - x);
            // the first of several marks at one spot: the event that began the node's step
            if (dx < bestDx - 0.5) {
                bestDx = dx;
                found = i;
            }
        }
        return bestDx <= PICK_RADIUS ? found : -1;
    }
}
