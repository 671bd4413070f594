package dev.seedloop.viewer.model;

import dev.seedloop.trace.NetworkChangeKind;
import dev.seedloop.trace.TraceEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the events alone say about the world after some event: each node's status and incarnation, its
 * pending timers, the messages in flight to it, and the network's partition. Built by applying events in
 * order ({@link #apply}); {@link StateReconstructor} keeps copies as checkpoints. Mutable while building,
 * then only read through the accessors.
 */
public final class WorldState {

    private final NodeStatus[] status;
    private final long[] incarnation;
    private final int[] inFlightTo;
    private final List<TreeMap<Long, String>> timers;
    private List<List<Integer>> partition;
    private List<List<Integer>> manualPartition;
    // Partitions injected as faults, by fault id; the latest one that is still active is shown.
    private TreeMap<Long, List<List<Integer>>> faultPartitions;
    private final boolean[] isolated;
    private final List<String> nodeNames;

    /** The state before any event of a run of {@code nodeNames.size()} nodes. */
    public WorldState(List<String> nodeNames) {
        int n = nodeNames.size();
        this.nodeNames = List.copyOf(nodeNames);
        status = new NodeStatus[n];
        Arrays.fill(status, NodeStatus.NOT_STARTED);
        incarnation = new long[n];
        inFlightTo = new int[n];
        timers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            timers.add(new TreeMap<>());
        }
        partition = List.of();
        manualPartition = List.of();
        faultPartitions = new TreeMap<>();
        isolated = new boolean[n];
    }

    private WorldState(WorldState o) {
        nodeNames = o.nodeNames;
        status = o.status.clone();
        incarnation = o.incarnation.clone();
        inFlightTo = o.inFlightTo.clone();
        timers = new ArrayList<>(o.timers.size());
        o.timers.forEach(t -> timers.add(new TreeMap<>(t)));
        partition = o.partition;
        manualPartition = o.manualPartition;
        faultPartitions = new TreeMap<>(o.faultPartitions);
        isolated = o.isolated.clone();
    }

    /** An independent copy. */
    public WorldState copy() {
        return new WorldState(this);
    }

    private boolean valid(int node) {
        return node >= 0 && node < status.length;
    }

    /** Applies one event. Events naming nodes outside the header are ignored. */
    public void apply(TraceEvent e) {
        switch (e) {
            case TraceEvent.NodeStarted s when valid(s.node()) -> {
                status[s.node()] = NodeStatus.UP;
                incarnation[s.node()] = s.incarnation();
                timers.get(s.node()).clear();
            }
            case TraceEvent.NodeCrashed c when valid(c.node()) -> {
                status[c.node()] = NodeStatus.CRASHED;
                timers.get(c.node()).clear();
            }
            case TraceEvent.MessageSent m when valid(m.dst()) -> inFlightTo[m.dst()]++;
            case TraceEvent.MessageDuplicated m when valid(m.dst()) -> inFlightTo[m.dst()]++;
            case TraceEvent.MessageDelivered m when valid(m.dst()) -> inFlightTo[m.dst()] = Math.max(0, inFlightTo[m.dst()] - 1);
            case TraceEvent.MessageDropped m when valid(m.dst()) -> inFlightTo[m.dst()] = Math.max(0, inFlightTo[m.dst()] - 1);
            case TraceEvent.TimerSet t when valid(t.node()) -> timers.get(t.node()).put(t.timerId(), t.tag());
            case TraceEvent.TimerFired t when valid(t.node()) -> timers.get(t.node()).remove(t.timerId());
            case TraceEvent.TimerCancelled t when valid(t.node()) -> timers.get(t.node()).remove(t.timerId());
            case TraceEvent.NetworkChanged n -> {
                if (n.change() == NetworkChangeKind.PARTITION) {
                    manualPartition = n.groups();
                } else if (n.change() == NetworkChangeKind.ISOLATE && valid(n.node())) {
                    isolated[n.node()] = true;
                } else if (n.change() == NetworkChangeKind.HEAL) {
                    manualPartition = List.of();
                    Arrays.fill(isolated, false);
                }
                showPartition();
            }
            case TraceEvent.FaultBegin f when f.fault().equals("partition") -> {
                faultPartitions.put(f.faultId(), PartitionFault.groups(f.description(), nodeNames));
                showPartition();
            }
            case TraceEvent.FaultEnd f when f.fault().equals("partition") -> {
                faultPartitions.remove(f.faultId());
                showPartition();
            }
            case TraceEvent.NodePaused p when valid(p.node()) -> {
                if (status[p.node()] == NodeStatus.UP) {
                    status[p.node()] = NodeStatus.PAUSED;
                }
            }
            case TraceEvent.NodeResumed r when valid(r.node()) -> {
                if (status[r.node()] == NodeStatus.PAUSED) {
                    status[r.node()] = NodeStatus.UP;
                }
            }
            default -> { }
        }
    }

    private void showPartition() {
        partition = faultPartitions.isEmpty() ? manualPartition : faultPartitions.lastEntry().getValue();
    }

    public int nodeCount() {
        return status.length;
    }

    public NodeStatus status(int node) {
        return status[node];
    }

    public long incarnation(int node) {
        return incarnation[node];
    }

    /** Messages sent (or duplicated) to {@code node} and not yet delivered or dropped. */
    public int inFlightTo(int node) {
        return inFlightTo[node];
    }

    /** The node's pending timers: id to tag. */
    public SortedMap<Long, String> timers(int node) {
        return Collections.unmodifiableSortedMap(timers.get(node));
    }

    /** The current partition groups, empty when the network is whole. */
    public List<List<Integer>> partition() {
        return partition;
    }

    public boolean isolated(int node) {
        return isolated[node];
    }

    /** The group of {@code node} in the partition as "{n1,n2}", "isolated", or "connected". */
    public String networkOf(int node) {
        if (isolated[node]) {
            return "isolated";
        }
        for (List<Integer> g : partition) {
            if (g.contains(node)) {
                StringBuilder b = new StringBuilder("{");
                for (int i = 0; i < g.size(); i++) {
                    b.append(i > 0 ? "," : "").append(nodeNames.get(g.get(i)));
                }
                return b.append('}').toString();
            }
        }
        return partition.isEmpty() ? "connected" : "cut off";
    }

    /** Compares every part (used by tests of exact reconstruction). */
    @Override
    public boolean equals(Object o) {
        return o instanceof WorldState w && Arrays.equals(status, w.status) && Arrays.equals(incarnation, w.incarnation)
                && Arrays.equals(inFlightTo, w.inFlightTo) && timers.equals(w.timers) && partition.equals(w.partition)
                && Arrays.equals(isolated, w.isolated);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(status) * 31 + Arrays.hashCode(inFlightTo);
    }

    @Override
    public String toString() {
        return "WorldState" + Arrays.toString(status) + Arrays.toString(incarnation) + Arrays.toString(inFlightTo)
                + timers + partition + Arrays.toString(isolated);
    }
}
