package dev.seedloop.demos.raftlog;

import dev.seedloop.demos.twins.Twins;
import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Fault;
import dev.seedloop.engine.api.Faults;
import dev.seedloop.engine.api.LinkProfile;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Raft log-replication scenario: {@code servers} servers named n1, n2, ... replicate commands their
 * leaders propose, for {@code phases} phases of {@code phaseLength}. In every phase the server leading at
 * its start crashes and restarts from its storage, and a partition splits the cluster, all at seed-chosen
 * times: a storm of leader changes with entries still in flight, which is what Figure 8 needs. A healed
 * phase of 1.5 s follows (no faults, no message loss), in which a leader must commit an entry of its own term
 * ({@value #COMMITS_ONCE_HEALED}), so that the correct twin cannot pass by never committing. The invariant is {@value StateMachineSafety#NAME}.
 *
 * @param servers how many servers
 * @param phases how many fault phases
 * @param phaseLength how long each phase lasts
 * @param flawed whether leaders commit entries of earlier terms by counting replicas
 * @param tuning timeouts, proposal rate and batch size
 */
public record RaftLog(int servers, int phases, Duration phaseLength, boolean flawed, RaftLogTuning tuning)
        implements Scenario {
    /** The invariant the scenario states. */
    public static final String INVARIANT = StateMachineSafety.NAME;

    /** The liveness property of the healed phase at the end: a leader commits an entry of its own term. */
    public static final String COMMITS_ONCE_HEALED = "commits-once-healed";

    /** How long the healed phase at the end lasts. */
    static final Duration HEALED_PHASE = Duration.ofMillis(1500);

    /**
     * K: the buggy twin is caught within seeds {@code 0..K-1}. Measured: about 1 seed in 22 fails (91 of
     * the first 2000), the first at seed 3; 400 leaves a miss probability near one in a hundred million.
     */
    public static final int CATCH_WITHIN = 400;

    /** How many seeds the correct twin passes in the tests and the demo. */
    public static final int CORRECT_SEEDS = 2000;

    /** Validates the configuration. */
    public RaftLog {
        if (servers < 3 || servers > 64) {
            throw new IllegalArgumentException("servers must be in 3..64, got " + servers);
        }
        if (phases < 1 || phaseLength.isNegative() || phaseLength.isZero()) {
            throw new IllegalArgumentException("need at least one phase of positive length, got " + phases + " x " + phaseLength);
        }
    }

    /** Five correct servers, 40 phases of 50 ms (two virtual seconds). */
    public static RaftLog correct() {
        return new RaftLog(5, 40, Duration.ofMillis(50), false, RaftLogTuning.DEFAULT);
    }

    /** Five servers with the Figure 8 flaw, the same fault plan. */
    public static RaftLog buggy() {
        return new RaftLog(5, 40, Duration.ofMillis(50), true, RaftLogTuning.DEFAULT);
    }

    /** The buggy and the correct twin, for the demos and the zoo. */
    public static Twins twins() {
        return new Twins("Raft log replication (Figure 8)",
                "a leader commits an entry of an earlier term as soon as a majority stores it",
                buggy(), buggy().describe(), correct(), correct().describe(), INVARIANT, CATCH_WITHIN, CORRECT_SEEDS);
    }

    /** How this scenario is written in Java, for replay instructions. */
    public String describe() {
        return flawed ? "RaftLog.buggy()" : "RaftLog.correct()";
    }

    /**
     * The faults of one phase, Jepsen's "kill the leader" nemesis: the server leading when the phase begins
     * crashes and restarts at a seed-chosen time, and a seed-chosen partition splits the cluster for a
     * seed-chosen window. Without a leader, only the partition.
     */
    static Fault[] faultsOfAPhase(Address leader) {
        return leader == null ? new Fault[] {Faults.partition()}
                : new Fault[] {Faults.crashRestart().node(leader), Faults.partition()};
    }

    @Override
    public void run(World world) {
        List<Address> cluster = new ArrayList<>(servers);
        for (int i = 1; i <= servers; i++) {
            cluster.add(world.address("n" + i));
        }
        for (Address address : cluster) {
            world.start(address, () -> new RaftLogNode(cluster, flawed, tuning));
        }
        world.always(INVARIANT, new StateMachineSafety(world, cluster));
        for (int phase = 0; phase < phases; phase++) {
            world.runFor(phaseLength, faultsOfAPhase(currentLeader(world, cluster)));
        }
        // A healed phase: without it, a storm that never lets anything commit would pass vacuously.
        world.note("healed", "no more faults, no loss: a leader must commit an entry of its own term");
        world.network().setDefaultProfile(LinkProfile.DEFAULT); // undoes swarm testing's loss and duplication
        world.eventually(COMMITS_ONCE_HEALED, () -> aLeaderCommittedInItsTerm(world, cluster), HEALED_PHASE.minusMillis(100));
        world.runFor(HEALED_PHASE);
    }

    private static boolean aLeaderCommittedInItsTerm(World world, List<Address> cluster) {
        for (Address address : cluster) {
            if (world.node(address) instanceof RaftLogNode server && server.role() == RaftLogNode.Role.LEADER
                    && server.commitIndex() > 0 && server.log().get(server.commitIndex() - 1).term() == server.term()) {
                return true;
            }
        }
        return false;
    }

    /** The leader of the highest term among running servers, or null if there is none. */
    static Address currentLeader(World world, List<Address> cluster) {
        Address leader = null;
        int term = -1;
        for (Address address : cluster) {
            if (world.node(address) instanceof RaftLogNode server && server.role() == RaftLogNode.Role.LEADER
                    && server.term() > term) {
                leader = address;
                term = server.term();
            }
        }
        return leader;
    }
}
