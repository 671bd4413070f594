package dev.seedloop.trace.diff;

import dev.seedloop.trace.TraceEvent;
import java.util.Optional;

/**
 * Where one node's own sequence of events first differs in shape between two traces. Shapes ignore ids
 * and times (see {@link EventShape}), so two different seeds can be compared node by node.
 *
 * @param node the node, or -1 for run-wide events (network changes, notes, invariants)
 * @param index the position within that node's own digested events
 * @param a trace A's event there, empty if A's lane ended
 * @param b trace B's event there, empty if B's lane ended
 */
public record LaneDivergence(int node, long index, Optional<TraceEvent> a, Optional<TraceEvent> b) {}
