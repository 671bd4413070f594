package dev.seedloop.engine.junit;

import dev.seedloop.engine.SometimesFails;
import dev.seedloop.engine.api.World;
import dev.seedloop.engine.audit.AllowNondeterminism;
import dev.seedloop.engine.audit.sibling.nodes.WallClockNode;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Simulation tests run by {@link SimulationExtensionTests} through the JUnit Platform test kit, never by
 * Surefire directly (nested classes are not selected). Some fail on purpose.
 */
final class Fixtures {
    private Fixtures() {}

    /** Seeds each fixture saw, per fixture, so tests can check which seeds ran. */
    static final Set<String> SEEN = new ConcurrentSkipListSet<>();

    /** Two nodes ping-pong; "no-seed-3-mod-7" fails after 50 ms for seeds 24, 31, 38, ... */
    static void pingPong(World world, String fixture) {
        SEEN.add(fixture + ":" + world.seed());
        SometimesFails.run(world, Duration.ofMillis(200));
    }

    static long seenCount(String fixture) {
        return SEEN.stream().filter(s -> s.startsWith(fixture + ":")).count();
    }

    static void forget(String fixture) {
        SEEN.removeIf(s -> s.startsWith(fixture + ":"));
    }

    static boolean saw(String fixture, long seed) {
        return SEEN.contains(fixture + ":" + seed);
    }

    static class Passing {
        @SimulationTest(seeds = 20)
        void pingPongForTwentySeeds(World world) {
            pingPong(world, "passing");
        }
    }

    static class Failing {
        @SimulationTest(seeds = 100)
        void pingPongUpToSeed100(World world) {
            pingPong(world, "failing");
        }
    }

    static class Expected {
        @SimulationTest(seeds = 100)
        @ExpectFailure(invariant = "no-seed-3-mod-7")
        void theSweepFindsSeed24(World world) {
            pingPong(world, "expected");
        }
    }

    static class ExpectedButPassed {
        @SimulationTest(seeds = 20)
        @ExpectFailure(invariant = "no-seed-3-mod-7")
        void noFailureBelowSeed20(World world) {
            pingPong(world, "expectedButPassed");
        }
    }

    static class ExpectedAnotherInvariant {
        @SimulationTest(seeds = 100)
        @ExpectFailure(invariant = "some-other-invariant")
        void failsWithTheWrongInvariant(World world) {
            pingPong(world, "expectedAnother");
        }
    }

    static class Pinned {
        @SimulationTest(seeds = 1000)
        @Replay(seed = {31, 24})
        void pinnedSeeds(World world) {
            pingPong(world, "pinned");
        }
    }

    static class BodyAsserts {
        @SimulationTest(seeds = 10)
        void anAssertionInTheBodyFailsItsSeed(World world) {
            world.runFor(Duration.ofMillis(5));
            if (world.seed() == 6) {
                throw new AssertionError("seed six is unlucky");
            }
        }
    }

    static class Invalid {
        @SimulationTest(seeds = 0)
        void zeroSeeds(World world) {}

        @SimulationTest(runTwicePercent = 150)
        void notAPercentage(World world) {}

        @SimulationTest
        @Replay(seed = {})
        void noPinnedSeed(World world) {}

        @SimulationTest
        void noWorld() {}
    }

    static class Leaky {
        @SimulationTest(seeds = 3)
        void readsTheWallClock(World world) {
            world.note("started", Long.toString(System.nanoTime()));
        }
    }

    static class LeakyButAllowed {
        @SimulationTest(seeds = 3)
        @AllowNondeterminism("the note is for people, it decides nothing")
        void readsTheWallClockForANote(World world) {
            world.note("started", Long.toString(System.nanoTime()));
        }
    }

    /** Starts a node from a sibling package, which the default audit (this package) does not read. */
    static class SiblingNode {
        @SimulationTest(seeds = 3)
        void startsANodeFromASiblingPackage(World world) {
            world.start("n1", new WallClockNode());
            world.runFor(Duration.ofMillis(10));
        }
    }

    /** The same test, asking for a complete audit, which the sibling package it does not read denies. */
    static class SiblingNodeAuditComplete {
        @SimulationTest(seeds = 3, auditComplete = true)
        void startsANodeFromASiblingPackage(World world) {
            world.start("n1", new WallClockNode());
            world.runFor(Duration.ofMillis(10));
        }
    }

    /** The same test, auditing the node's package too, as the report of {@link SiblingNode} says to. */
    static class SiblingNodeAudited {
        @SimulationTest(seeds = 3, auditPackages = {"dev.seedloop.engine.audit.sibling.nodes", "dev.seedloop.engine.junit"})
        void startsANodeFromASiblingPackage(World world) {
            world.start("n1", new WallClockNode());
            world.runFor(Duration.ofMillis(10));
        }
    }

    static class Sharded {
        @SimulationTest(seeds = 100)
        void pingPongSharded(World world) {
            pingPong(world, "sharded");
        }
    }
}
