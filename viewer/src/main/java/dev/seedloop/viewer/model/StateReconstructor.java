package dev.seedloop.viewer.model;

import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceEvent.StateSnapshot;
import dev.seedloop.trace.TraceEvent.StateSnapshot.Field;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The state of every node at any ordinal, exactly, in either direction.
 *
 * <p>Node fields come from the latest {@link StateSnapshot} of that node at or before the ordinal, found by
 * binary search in the per-node snapshot index (snapshots are whole states, so nothing is accumulated).
 * The event-derived part ({@link WorldState}: status, timers, in-flight messages, partition) is rebuilt
 * from a checkpoint kept every {@link #CHECKPOINT_INTERVAL} events plus at most that many applied events,
 * so stepping backward costs the same as stepping forward and never depends on the path taken.
 */
public final class StateReconstructor {
    /** Events between two checkpoints. */
    public static final int CHECKPOINT_INTERVAL = 1024;

    private final LoadedTrace trace;
    private final List<String> names;
    private final WorldState[] checkpoints;
    private final List<Shade> shades = new ArrayList<>();

    /** Builds the checkpoints: one pass over the trace. */
    public StateReconstructor(LoadedTrace trace) {
        this.trace = trace;
        List<String> n = new ArrayList<>();
        for (int i = 0; i < trace.nodeCount(); i++) {
            n.add(trace.nodeName(i));
        }
        names = List.copyOf(n);
        int count = (trace.size() + CHECKPOINT_INTERVAL - 1) / CHECKPOINT_INTERVAL;
        checkpoints = new WorldState[Math.max(1, count)];
        WorldState s = new WorldState(names);
        String[] shadeKey = new String[trace.nodeCount()];
        int[] shadeFrom = new int[trace.nodeCount()];
        Shade.Kind[] shadeKind = new Shade.Kind[trace.nodeCount()];
        int[] shadeGroup = new int[trace.nodeCount()];
        for (int i = 0; i < trace.size(); i++) {
            if (i % CHECKPOINT_INTERVAL == 0) {
                checkpoints[i / CHECKPOINT_INTERVAL] = s.copy();
            }
            TraceEvent e = trace.event(i);
            s.apply(e);
            if (e instanceof TraceEvent.NetworkChanged || e instanceof TraceEvent.NodeCrashed
                    || e instanceof TraceEvent.NodeStarted || e instanceof TraceEvent.Note) {
                for (int node = 0; node < trace.nodeCount(); node++) {
                    Shade.Kind kind = null;
                    int group = -1;
                    String key = null;
                    if (s.status(node) == NodeStatus.CRASHED) {
                        kind = Shade.Kind.CRASHED;
                        key = "crashed";
                    } else if (s.status(node) == NodeStatus.PAUSED) {
                        kind = Shade.Kind.PAUSED;
                        key = "paused";
                    } else if (s.isolated(node)) {
                        kind = Shade.Kind.ISOLATED;
                        key = "isolated";
                    } else if (!s.partition().isEmpty()) {
                        kind = Shade.Kind.PARTITIONED;
                        key = "partition " + s.networkOf(node);
                        for (int g = 0; g < s.partition().size(); g++) {
                            if (s.partition().get(g).contains(node)) {
                                group = g;
                            }
                        }
                    }
                    if (!java.util.Objects.equals(key, shadeKey[node])) {
                        if (shadeKey[node] != null) {
                            shades.add(new Shade(node, shadeFrom[node], i, shadeKind[node], shadeGroup[node],
                                    shadeKey[node]));
                        }
                        shadeKey[node] = key;
                        shadeFrom[node] = i;
                        shadeKind[node] = kind;
                        shadeGroup[node] = group;
                    }
                }
            }
        }
        for (int node = 0; node < trace.nodeCount(); node++) {
            if (shadeKey[node] != null) {
                shades.add(new Shade(node, shadeFrom[node], trace.size(), shadeKind[node], shadeGroup[node],
                        shadeKey[node]));
            }
        }
        shades.sort(java.util.Comparator.comparingInt(Shade::from));
        if (checkpoints[0] == null) {
            checkpoints[0] = s.copy();
        }
    }

    /** Every shaded stretch of every lane, by start. */
    public List<Shade> shades() {
        return java.util.Collections.unmodifiableList(shades);
    }

    /** The world state after the event at {@code ordinal} (before any event if -1). */
    public WorldState worldAt(int ordinal) {
        if (ordinal < 0) {
            return new WorldState(names);
        }
        int c = ordinal / CHECKPOINT_INTERVAL;
        WorldState s = checkpoints[c].copy();
        for (int i = c * CHECKPOINT_INTERVAL; i <= ordinal; i++) {
            s.apply(trace.event(i));
        }
        return s;
    }

    /** Every node as it is after the event at {@code ordinal}, with the fields this step changed. */
    public List<NodeView> nodesAt(int ordinal) {
        WorldState w = worldAt(ordinal);
        int baseline = ordinal < 0 ? -1 : trace.firstOfStepOf(ordinal) - 1;
        List<NodeView> out = new ArrayList<>(trace.nodeCount());
        for (int node = 0; node < trace.nodeCount(); node++) {
            int snap = ordinal < 0 ? -1 : trace.snapshotAtOrBefore(node, ordinal);
            List<Field> fields = snap < 0 ? List.of() : ((StateSnapshot) trace.event(snap)).fields();
            Set<String> changed = Set.of();
            if (snap >= 0 && snap > baseline) {
                int before = baseline < 0 ? -1 : trace.snapshotAtOrBefore(node, baseline);
                List<Field> old = before < 0 ? List.of() : ((StateSnapshot) trace.event(before)).fields();
                changed = changedFields(old, fields);
            }
            out.add(new NodeView(node, names.get(node), fields, snap, changed, w.status(node), w.incarnation(node),
                    w.timers(node), w.inFlightTo(node), w.networkOf(node)));
        }
        return out;
    }

    static Set<String> changedFields(List<Field> old, List<Field> now) {
        Set<String> changed = new LinkedHashSet<>();
        for (Field f : now) {
            String before = null;
            for (Field o : old) {
                if (o.name().equals(f.name())) {
                    before = o.value();
                    break;
                }
            }
            if (!Objects.equals(before, f.value())) {
                changed.add(f.name());
            }
        }
        return Set.copyOf(changed);
    }
}
