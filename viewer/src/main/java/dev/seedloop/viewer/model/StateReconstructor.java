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
        this(trace, builderFor(trace));
    }

    private static Builder builderFor(LoadedTrace trace) {
        Builder b = new Builder(trace.nodeNames());
        for (int i = 0; i < trace.size(); i++) {
            b.add(i, trace.event(i));
        }
        return b;
    }

    /** The reconstructor of {@code trace} from a builder that was fed its events (at least its first size()). */
    public StateReconstructor(LoadedTrace trace, Builder b) {
        this.trace = trace;
        this.names = b.names;
        int count = Math.max(1, (trace.size() + CHECKPOINT_INTERVAL - 1) / CHECKPOINT_INTERVAL);
        checkpoints = new WorldState[count];
        for (int c = 0; c < count && c < b.checkpoints.size(); c++) {
            checkpoints[c] = b.checkpoints.get(c);
        }
        if (checkpoints[0] == null) {
            checkpoints[0] = new WorldState(names);
        }
        for (Shade s : b.shades) {
            if (s.from() < trace.size()) {
                shades.add(s.to() > trace.size() ? new Shade(s.node(), s.from(), trace.size(), s.kind(), s.group(),
                        s.label()) : s);
            }
        }
        for (int node = 0; node < names.size(); node++) {
            if (b.shadeKey[node] != null && b.shadeFrom[node] < trace.size()) {
                shades.add(new Shade(node, b.shadeFrom[node], trace.size(), b.shadeKind[node], b.shadeGroup[node],
                        b.shadeKey[node]));
            }
        }
        shades.sort(java.util.Comparator.comparingInt(Shade::from));
    }

    /**
     * Applies events one at a time as they are read, keeping a checkpoint every
     * {@link #CHECKPOINT_INTERVAL} events and the lanes' shaded stretches: the checkpoints are built in the
     * same pass as the reading. Checkpoints are immutable once taken, so a reconstructor built from a prefix
     * (a preview) shares them. Not thread-safe.
     */
    public static final class Builder {
        private final List<String> names;
        private final WorldState s;
        private final List<WorldState> checkpoints = new ArrayList<>();
        private final List<Shade> shades = new ArrayList<>();
        private final String[] shadeKey;
        private final int[] shadeFrom;
        private final Shade.Kind[] shadeKind;
        private final int[] shadeGroup;

        public Builder(List<String> nodeNames) {
            names = List.copyOf(nodeNames);
            s = new WorldState(names);
            int n = names.size();
            shadeKey = new String[n];
            shadeFrom = new int[n];
            shadeKind = new Shade.Kind[n];
            shadeGroup = new int[n];
        }

        /** Applies the event at ordinal {@code i}; ordinals must come in order from 0. */
        public void add(int i, TraceEvent e) {
            if (i % CHECKPOINT_INTERVAL == 0) {
                checkpoints.add(s.copy());
            }
            s.apply(e);
            if (e instanceof TraceEvent.NetworkChanged || e instanceof TraceEvent.NodeCrashed
                    || e instanceof TraceEvent.NodeStarted || e instanceof TraceEvent.Note
                    || e instanceof TraceEvent.NodePaused || e instanceof TraceEvent.NodeResumed
                    || e instanceof TraceEvent.FaultBegin || e instanceof TraceEvent.FaultEnd) {
                updateShades(i);
            }
        }

        private void updateShades(int i) {
            for (int node = 0; node < names.size(); node++) {
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
                if (!Objects.equals(key, shadeKey[node])) {
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
