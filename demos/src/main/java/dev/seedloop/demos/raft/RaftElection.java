package dev.seedloop.demos.raft;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.SizedScenario;
import dev.seedloop.engine.api.World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Raft leader-election scenario: {@code nodes} servers named n1, n2, ... elect leaders for
 * {@code duration} of virtual time over the default network (latency uniform in [1, 20] ms), under the
 * invariant {@value ElectionSafety#NAME}.
 *
 * @param nodes how many servers
 * @param duration how much virtual time to run
 * @param flawed whether the servers omit the single-vote-per-term rule
 * @param timing election timeout and heartbeat interval
 */
public record RaftElection(int nodes, Duration duration, boolean flawed, RaftTiming timing) implements SizedScenario {
    /** The invariant the scenario states. */
    public static final String INVARIANT = ElectionSafety.NAME;

    /** Validates the configuration. */
    public RaftElection {
        if (nodes < 1 || nodes > 64) {
            throw new IllegalArgumentException("nodes must be in 1..64, got " + nodes);
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, got " + duration);
        }
    }

    /** Three correct servers for three virtual seconds. */
    public static RaftElection correct() {
        return new RaftElection(3, Duration.ofSeconds(3), false, RaftTiming.DEFAULT);
    }

    /** Three servers with the labelled flaw, for three virtual seconds. */
    public static RaftElection buggy() {
        return new RaftElection(3, Duration.ofSeconds(3), true, RaftTiming.DEFAULT);
    }

    /** This scenario with {@code count} servers. */
    public RaftElection withNodes(int count) {
        return new RaftElection(count, duration, flawed, timing);
    }

    /** This scenario running for {@code length} of virtual time. */
    public RaftElection withDuration(Duration length) {
        return new RaftElection(nodes, length, flawed, timing);
    }

    /** The number of servers: minimization may try fewer, down to {@link #minSize()}. */
    @Override
    public int size() {
        return nodes;
    }

    /** Three: the smallest cluster in which two candidates can compete for a shared voter. */
    @Override
    public int minSize() {
        return 3;
    }

    @Override
    public RaftElection withSize(int size) {
        return withNodes(size);
    }

    /** How this scenario is written in Java, for replay instructions. */
    public String describe() {
        String base = flawed ? "RaftElection.buggy()" : "RaftElection.correct()";
        if (nodes != 3) {
            base += ".withNodes(" + nodes + ")";
        }
        if (!duration.equals(Duration.ofSeconds(3))) {
            base += ".withDuration(Duration.parse(\"" + duration + "\"))";
        }
        return base;
    }

    @Override
    public void run(World world) {
        List<Address> cluster = new ArrayList<>(nodes);
        for (int i = 1; i <= nodes; i++) {
            cluster.add(world.address("n" + i));
        }
        RaftNode[] servers = new RaftNode[nodes];
        for (int i = 0; i < nodes; i++) {
            servers[i] = new RaftNode(cluster, flawed, timing);
            world.start(cluster.get(i), servers[i]);
        }
        world.always(INVARIANT, new ElectionSafety(cluster, servers));
        world.runFor(duration);
    }
}
