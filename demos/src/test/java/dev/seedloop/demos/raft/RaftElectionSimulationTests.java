package dev.seedloop.demos.raft;

import dev.seedloop.engine.api.World;
import dev.seedloop.engine.junit.ExpectFailure;
import dev.seedloop.engine.junit.Replay;
import dev.seedloop.engine.junit.SimulationTest;

/**
 * The Raft election as simulation tests: each method body is the scenario, swept by the seedloop JUnit
 * extension as one test. Before sweeping, the extension audits the bytecode of the election's classes
 * for escapes from the simulation; they have none.
 *
 * <p>Nightly soak: {@code ./mvnw -pl demos -am test -Dtest=RaftElectionSimulationTests
 * -Dsurefire.failIfNoSpecifiedTests=false -Dseedloop.seeds=1000000}.
 */
class RaftElectionSimulationTests {

    @SimulationTest(seeds = 1000)
    void theCorrectElectionNeverHasTwoLeadersInATerm(World world) {
        RaftElection.correct().run(world);
    }

    @SimulationTest(seeds = 200, runTwicePercent = 10)
    void theFiveNodeElectionIsSafeAndEverySampledSeedReplaysIdentically(World world) {
        RaftElection.correct().withNodes(5).run(world);
    }

    /** The buggy twin: the sweep must find the split-brain within 200 seeds, or the tool is broken. */
    @SimulationTest(seeds = 200)
    @ExpectFailure(invariant = RaftElection.INVARIANT)
    void theFlawedElectionSplitsTheBrainWithin200Seeds(World world) {
        RaftElection.buggy().run(world);
    }

    /** Seed 13 is the split-brain of the golden trace and the demo: pinned, it must keep showing the bug. */
    @SimulationTest
    @Replay(seed = 13)
    @ExpectFailure(invariant = RaftElection.INVARIANT)
    void seed13StillSplitsTheBrainOfTheFlawedElection(World world) {
        RaftElection.buggy().run(world);
    }

    /** The same seed on the correct election: a regression seed that must keep passing. */
    @SimulationTest
    @Replay(seed = 13)
    void seed13IsSafeWithTheSingleVoteRule(World world) {
        RaftElection.correct().run(world);
    }
}
