package dev.seedloop.engine.internal;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Check;
import dev.seedloop.engine.api.LinkProfile;
import dev.seedloop.engine.api.Network;
import dev.seedloop.engine.api.Ratio;
import dev.seedloop.trace.EventKindCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The network's configuration and reachability: which profile applies to each directed link, which
 * nodes can reach which, and the FIFO clocks of reliable links.
 *
 * <p>Effective profiles are resolved into a dense matrix indexed by (sender, receiver) and rebuilt only
 * when the configuration or the number of addresses changes, so a send costs one array read.
 * Reachability is a group number per node plus an isolation flag: two nodes reach each other when
 * neither is isolated and both are in the same group.
 */
final class SimNetwork implements Network {
    private static final int NO_REASON = 0;

    private final SimulationRun run;

    private LinkProfile defaultProfile = LinkProfile.DEFAULT;
    private LinkProfile[] nodeProfiles = new LinkProfile[0];
    // Looked up by key only, never iterated, so hash order cannot reach the run.
    private final Map<Long, LinkProfile> linkProfiles = new HashMap<>();

    private LinkProfile[] resolved = new LinkProfile[0];
    private int resolvedFor = -1;
    private long resolvedDivisor = 1;

    private int[] group = new int[0];
    private boolean[] isolated = new boolean[0];
    // Partitions injected as faults, each a group number per node; several may be active at once.
    private final List<PartitionLayer> layers = new ArrayList<>();
    // True while no partition, isolation or injected partition exists: the common case, one test per message.
    private boolean fullyConnected = true;
    private long[] latencyFactor = new long[0];
    private long[] fifoClock = new long[0];
    private int fifoFor;

    SimNetwork(SimulationRun run) {
        this.run = run;
    }

    /** Makes room for the address with index {@code count - 1}. */
    void addressAdded(int count) {
        nodeProfiles = Arrays.copyOf(nodeProfiles, count);
        group = Arrays.copyOf(group, count);
        isolated = Arrays.copyOf(isolated, count);
        resolvedFor = -1;
        long[] clocks = new long[count * count];
        long[] factors = new long[count * count];
        Arrays.fill(factors, 1);
        for (int src = 0; src < fifoFor; src++) {
            System.arraycopy(fifoClock, src * fifoFor, clocks, src * count, fifoFor);
            System.arraycopy(latencyFactor, src * fifoFor, factors, src * count, fifoFor);
        }
        fifoClock = clocks;
        latencyFactor = factors;
        fifoFor = count;
        for (PartitionLayer layer : layers) {
            layer.grow(count);
        }
    }

    /** The profile for a message from {@code src} to {@code dst}, loss and duplication divided by {@code lossDivisor}. */
    LinkProfile profile(int src, int dst, long lossDivisor) {
        int n = group.length;
        if (resolvedFor != n || resolvedDivisor != lossDivisor) {
            resolvedDivisor = lossDivisor;
            resolve(n);
        }
        return resolved[src * n + dst];
    }

    /**
     * For a reliable link: the delivery time that keeps FIFO order, never before {@code proposed} nor
     * before the previous delivery on the same link. Equal times keep FIFO through the queue's sequence.
     */
    long fifoDeliveryTime(int src, int dst, long proposed) {
        int i = src * fifoFor + dst;
        long at = Math.max(proposed, fifoClock[i]);
        fifoClock[i] = at;
        return at;
    }

    /** Zero if a message from {@code src} may reach {@code dst} now, else the drop reason code. */
    int unreachableReason(int src, int dst) {
        if (fullyConnected) {
            return NO_REASON;
        }
        if (isolated[src] || isolated[dst]) {
            return EventKindCode.DROP_ISOLATED;
        }
        if (group[src] != group[dst]) {
            return EventKindCode.DROP_PARTITION;
        }
        for (int i = 0, n = layers.size(); i < n; i++) {
            if (layers.get(i).cuts(src, dst)) {
                return EventKindCode.DROP_PARTITION;
            }
        }
        return NO_REASON;
    }

    /** The factor latency on the link {@code src}→{@code dst} is multiplied by now (1 unless slowed). */
    long latencyFactor(int src, int dst) {
        return latencyFactor[src * fifoFor + dst];
    }

    /** Multiplies (or, with {@code undo}, divides back) the latency of both directions between two nodes. */
    void slowLink(int a, int b, long factor, boolean undo) {
        for (int i : new int[] {a * fifoFor + b, b * fifoFor + a}) {
            latencyFactor[i] = undo ? latencyFactor[i] / factor : latencyFactor[i] * factor;
        }
    }

    /** Adds an injected partition: {@code side} against every other node. Returns its handle for removal. */
    Object addPartitionLayer(int[] side) {
        PartitionLayer layer = new PartitionLayer(group.length, side);
        layers.add(layer);
        fullyConnected = false;
        return layer;
    }

    /** Removes an injected partition; others stay. */
    void removePartitionLayer(Object layer) {
        layers.remove(layer);
        updateConnected();
    }

    private void updateConnected() {
        boolean anyIsolated = false;
        boolean anyGroup = false;
        for (int i = 0; i < group.length; i++) {
            anyIsolated |= isolated[i];
            anyGroup |= group[i] != 0;
        }
        fullyConnected = !anyIsolated && !anyGroup && layers.isEmpty();
    }

    /** One injected two-way partition: which nodes are on the chosen side. */
    private static final class PartitionLayer {
        private boolean[] onSide;

        PartitionLayer(int count, int[] side) {
            onSide = new boolean[count];
            for (int member : side) {
                onSide[member] = true;
            }
        }

        void grow(int count) {
            onSide = Arrays.copyOf(onSide, count);
        }

        boolean cuts(int src, int dst) {
            return onSide[src] != onSide[dst];
        }
    }

    @Override
    public LinkProfile defaultProfile() {
        return defaultProfile;
    }

    @Override
    public void setDefaultProfile(LinkProfile profile) {
        run.checkUsable();
        defaultProfile = Check.notNull(profile, "profile");
        resolvedFor = -1;
    }

    @Override
    public void setNodeProfile(Address node, LinkProfile profile) {
        run.checkUsable();
        nodeProfiles[run.indexOf(node)] = Check.notNull(profile, "profile");
        resolvedFor = -1;
    }

    @Override
    public void setLinkProfile(Address from, Address to, LinkProfile profile) {
        run.checkUsable();
        linkProfiles.put(linkKey(run.indexOf(from), run.indexOf(to)), Check.notNull(profile, "profile"));
        resolvedFor = -1;
    }

    @Override
    public void partition(Collection<Address> side) {
        Check.notNull(side, "side");
        partition(List.of(side));
    }

    @Override
    public void partition(List<? extends Collection<Address>> groups) {
        Check.notNull(groups, "groups");
        run.checkUsable();
        int[] assigned = new int[group.length];
        List<int[]> recorded = new ArrayList<>();
        int groupNumber = 0;
        for (Collection<Address> members : groups) {
            Check.argument(members != null && !members.isEmpty(), "partition group %s is empty", groupNumber + 1);
            groupNumber++;
            int[] indexes = members.stream().mapToInt(run::indexOf).sorted().toArray();
            for (int index : indexes) {
                Check.argument(assigned[index] == 0,
                        "%s appears in more than one partition group", run.addressAt(index));
                assigned[index] = groupNumber;
            }
            recorded.add(indexes);
        }
        int[] rest = IntStream.range(0, assigned.length).filter(i -> assigned[i] == 0).toArray();
        if (rest.length > 0) {
            recorded.add(rest);
        }
        group = assigned;
        updateConnected();
        run.recorder().partitioned(run.nowNanos(), recorded.toArray(new int[0][]));
    }

    @Override
    public void isolate(Address node) {
        run.checkUsable();
        int index = run.indexOf(node);
        isolated[index] = true;
        fullyConnected = false;
        run.recorder().isolated(run.nowNanos(), index);
    }

    @Override
    public void heal() {
        run.checkUsable();
        Arrays.fill(group, 0);
        Arrays.fill(isolated, false);
        updateConnected();
        run.recorder().healed(run.nowNanos());
    }

    @Override
    public boolean canReach(Address from, Address to) {
        return unreachableReason(run.indexOf(from), run.indexOf(to)) == NO_REASON;
    }

    private void resolve(int n) {
        LinkProfile[] matrix = new LinkProfile[n * n];
        for (int src = 0; src < n; src++) {
            for (int dst = 0; dst < n; dst++) {
                LinkProfile p = linkProfiles.get(linkKey(src, dst));
                if (p == null) {
                    p = nodeProfiles[src];
                }
                if (p == null) {
                    p = nodeProfiles[dst];
                }
                matrix[src * n + dst] = divide(p == null ? defaultProfile : p, resolvedDivisor);
            }
        }
        resolved = matrix;
        resolvedFor = n;
    }

    private static LinkProfile divide(LinkProfile p, long divisor) {
        if (divisor == 1 || p.reliable()) {
            return p;
        }
        Ratio loss = divisor == 0 ? Ratio.ZERO : Ratio.of(p.loss().numerator(), p.loss().denominator() * divisor);
        Ratio dup = divisor == 0 ? Ratio.ZERO
                : Ratio.of(p.duplication().numerator(), p.duplication().denominator() * divisor);
        return p.withLoss(loss).withDuplication(dup);
    }

    private static long linkKey(int src, int dst) {
        return ((long) src << 32) | (dst & 0xFFFF_FFFFL);
    }
}
