package dev.seedloop.engine.internal.minimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Faults;
import dev.seedloop.engine.api.InvariantViolation;
import dev.seedloop.engine.api.LinkProfile;
import dev.seedloop.engine.api.Minimization;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.NondeterminismDetected;
import dev.seedloop.engine.api.Ratio;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Verdict;
import dev.seedloop.engine.api.World;
import dev.seedloop.engine.internal.RunTweaks;
import dev.seedloop.engine.internal.ScenarioRunner;
import dev.seedloop.trace.Trace;
import dev.seedloop.trace.TraceVerifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MinimizerTests {
    @TempDir
    Path dir;

    /** Sends 0, 1, 2, ... to its peer every 5 ms. */
    record Counter(Address peer) implements Node<Object> {
        @Override
        public void onStart(Context<Object> ctx) {
            ctx.setTimer(Duration.ofMillis(5), 0);
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {}

        @Override
        public void onTimer(Context<Object> ctx, Object tag) {
            int next = (int) tag;
            if (peer != null) {
                ctx.send(peer, next);
            }
            ctx.setTimer(Duration.ofMillis(5), next + 1);
        }
    }

    /** Remembers the last number received and whether one was ever skipped. */
    static final class GapDetector implements Node<Object> {
        int last = -1;
        boolean gap;

        @Override
        public void onStart(Context<Object> ctx) {}

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {
            int n = (int) message;
            gap |= n != last + 1;
            last = n;
        }
    }

    /** A {@link Counter} started as {@code from}, sending to a {@link GapDetector} started as {@code to}. */
    record CountingLink(Address sender, Address receiverAddress, GapDetector receiver) {
        static CountingLink start(World world, String from, String to) {
            Address receiverAddress = world.address(to);
            Address sender = world.start(from, new Counter(receiverAddress));
            GapDetector receiver = new GapDetector();
            world.start(receiverAddress, receiver);
            return new CountingLink(sender, receiverAddress, receiver);
        }
    }

    /**
     * Five faults, of which only the partition between a and b can skip a number: the link a->b is
     * reliable FIFO, and loss is configured only on the irrelevant link c->d.
     */
    private static final Scenario FIVE_FAULTS = world -> {
        world.network().setDefaultProfile(LinkProfile.reliableFifo());
        Address b = world.address("b");
        Address d = world.address("d");
        Address a = world.start("a", new Counter(b));
        GapDetector detector = new GapDetector();
        world.start(b, detector);
        Address c = world.start("c", () -> new Counter(d));
        world.start(d, () -> new GapDetector());
        world.network().setLinkProfile(c, d, LinkProfile.DEFAULT.withLoss(Ratio.percent(20)));
        world.always("no-gap-at-b", () -> detector.gap ? Verdict.violated("b skipped after " + detector.last)
                : Verdict.ok());
        world.runFor(Duration.ofSeconds(1),
                Faults.pause().node(c),
                Faults.clockSkew().node(d),
                Faults.partition().side(List.of(a)).window(Duration.ofMillis(300), Duration.ofMillis(100)),
                Faults.slowLink().between(c, d),
                Faults.crashRestart().node(c));
    };

    @Test
    void keepsOnlyTheFaultThatMattersAndWritesTheMinimizedTrace() throws Exception {
        Path trace = dir.resolve("minimized.trace");
        Minimization result = Simulation.minimize(FIVE_FAULTS, 3, RunOptions.DEFAULTS, trace, "FIVE_FAULTS");
        assertThat(result.original().failure()).isInstanceOf(InvariantViolation.class);
        // Faults drawn to begin after the failure never began; at this seed three did, the partition among them.
        assertThat(result.originalFaults()).isEqualTo(3);
        assertThat(result.minimizedFaults()).isEqualTo(1);
        assertThat(result.lossDivisor()).as("the loss on c->d is irrelevant").isZero();
        assertThat(result.minimized().failure()).isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("no-gap-at-b");
        // Fewer faults is not always fewer events (a node no longer crashed keeps talking); time is bounded.
        assertThat(result.minimized().endTimeNanos()).isLessThanOrEqualTo(result.original().endTimeNanos());
        assertThat(TraceVerifier.verify(trace).ok()).isTrue();
        assertThat(Trace.read(trace).footer().orElseThrow().digest())
                .as("the trace is the minimized run itself").isEqualTo(result.minimized().digest());
        assertThat(result.summary()).contains("faults 3 -> 1").contains("loss and duplication not needed (set to zero)")
                .contains("trace: " + trace.toAbsolutePath());
    }

    /**
     * Six faults begin before the failure, and only two of them together cause it: the invariant breaks
     * when both b and d have seen a gap, and each partition alone makes only one of them see one. The four
     * pauses of an idle node are noise. No single chunk of a halving fails, so ddmin has to go to finer
     * chunks and complements to find the pair.
     */
    private static final Scenario TWO_OF_SIX = world -> {
        world.network().setDefaultProfile(LinkProfile.reliableFifo());
        CountingLink ab = CountingLink.start(world, "a", "b");
        CountingLink cd = CountingLink.start(world, "c", "d");
        Address a = ab.sender();
        Address c = cd.sender();
        GapDetector atB = ab.receiver();
        GapDetector atD = cd.receiver();
        Address idle = world.start("idle", new Counter(null));
        world.always("not-both-gaps", () -> atB.gap && atD.gap ? Verdict.violated("b and d both skipped")
                : Verdict.ok());
        world.runFor(Duration.ofSeconds(1),
                Faults.pause().node(idle).window(Duration.ofMillis(10), Duration.ofMillis(20)),
                Faults.partition().side(List.of(a)).window(Duration.ofMillis(40), Duration.ofMillis(30)),
                Faults.pause().node(idle).window(Duration.ofMillis(50), Duration.ofMillis(20)),
                Faults.pause().node(idle).window(Duration.ofMillis(80), Duration.ofMillis(20)),
                Faults.partition().side(List.of(c)).window(Duration.ofMillis(110), Duration.ofMillis(30)),
                Faults.pause().node(idle).window(Duration.ofMillis(120), Duration.ofMillis(20)),
                Faults.pause().node(idle).window(Duration.ofMillis(600), Duration.ofMillis(20)));
    };

    @Test
    void findsThePairOfFaultsThatOnlyFailTogether() throws Exception {
        Path trace = dir.resolve("pair.trace");
        Minimization result = Simulation.minimize(TWO_OF_SIX, 1, RunOptions.DEFAULTS, trace, "TWO_OF_SIX");
        assertThat(result.original().failure()).isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("not-both-gaps");
        assertThat(result.originalFaults()).as("the pause at 600 ms begins after the failure").isEqualTo(6);
        assertThat(result.minimizedFaults()).isEqualTo(2);
        assertThat(result.minimized().failure()).isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("not-both-gaps");
        List<String> began = Trace.read(trace).events().stream()
                .filter(e -> e instanceof dev.seedloop.trace.TraceEvent.FaultBegin)
                .map(e -> ((dev.seedloop.trace.TraceEvent.FaultBegin) e).fault())
                .toList();
        assertThat(began).as("the minimized run begins the two partitions and nothing else")
                .containsExactly("partition", "partition");
    }

    @Test
    void theSearchNeverRunsMoreCandidatesThanItsBudgetAndStillReportsAFailingRun() {
        for (int budget = 1; budget <= 12; budget++) {
            Minimization result = Minimizer.minimize(TWO_OF_SIX, 1, RunOptions.DEFAULTS, null, "TWO_OF_SIX", budget);
            assertThat(result.candidatesTried()).as("budget %d", budget).isBetween(1, budget);
            assertThat(result.minimizedFaults()).as("budget %d", budget).isBetween(2, 6);
            assertThat(result.minimized().failure()).as("budget %d", budget)
                    .hasMessageContaining("not-both-gaps");
        }
        Minimization unbounded = Minimizer.minimize(TWO_OF_SIX, 1, RunOptions.DEFAULTS, null, "TWO_OF_SIX", 200);
        assertThat(unbounded.candidatesTried()).as("the search ends on its own").isLessThan(200);

        Minimization sized = Minimizer.minimize(new SizedOther(5), 3, RunOptions.DEFAULTS, null, "SizedOther(5)", 4);
        assertThat(sized.candidatesTried()).isBetween(1, 4);
        assertThat(sized.minimized().failure()).hasMessageContaining("small-or-even");

        assertThatThrownBy(() -> Minimizer.minimize(TWO_OF_SIX, 1, RunOptions.DEFAULTS, null, "TWO_OF_SIX", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxCandidates must be at least 1, got 0");
    }

    @Test
    void aCandidateThatFailsAnotherWayDoesNotCount() {
        // Without the partition the run still fails, later and on another invariant: that is not a
        // reproduction, so the partition must stay.
        Scenario scenario = world -> {
            world.network().setDefaultProfile(LinkProfile.reliableFifo());
            CountingLink ab = CountingLink.start(world, "a", "b");
            Address a = ab.sender();
            world.always("no-gap-at-b", () -> !ab.receiver().gap);
            world.always("before-400-ms", () -> world.nowNanos() < 400_000_000L);
            world.runFor(Duration.ofSeconds(1),
                    Faults.partition().side(List.of(a)).window(Duration.ofMillis(50), Duration.ofMillis(30)));
        };
        Minimization result = Simulation.minimize(scenario, 2, RunOptions.DEFAULTS, null, "two invariants");
        assertThat(result.original().failure()).isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("no-gap-at-b");
        assertThat(result.minimizedFaults()).isEqualTo(1);
        assertThat(result.minimized().failure()).hasMessageContaining("no-gap-at-b");
    }

    @Test
    void lossThatTheFailureNeedsIsDividedOnlyAsFarAsItStillFails() {
        // Half of a->b's messages are lost and b must see every number: the failure needs loss, but far
        // less than half. One fixed latency keeps the link in order, so only a loss makes a gap. The
        // minimizer reports the largest power-of-two divisor that still fails.
        Scenario lossy = world -> {
            CountingLink ab = CountingLink.start(world, "a", "b");
            world.network().setLinkProfile(ab.sender(), ab.receiverAddress(),
                    LinkProfile.DEFAULT.withLatency(Duration.ofMillis(3), Duration.ofMillis(3))
                            .withLoss(Ratio.percent(50)));
            world.always("no-gap-at-b", () -> !ab.receiver().gap);
            world.runFor(Duration.ofSeconds(1));
        };
        long seed = 4;
        Minimization result = Simulation.minimize(lossy, seed, RunOptions.DEFAULTS, null, "lossy");
        assertThat(result.original().failure()).isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("no-gap-at-b");
        long divisor = result.lossDivisor();
        assertThat(divisor).as("a quarter of 200 messages lost still skips one").isGreaterThanOrEqualTo(2);
        assertThat(Long.bitCount(divisor)).as("a power of two").isEqualTo(1);
        assertThat(divisor).isLessThanOrEqualTo(1024);
        assertThat(result.minimized().failure()).hasMessageContaining("no-gap-at-b");
        assertThat(result.summary()).contains("loss and duplication divided by " + divisor);

        RunResult atDivisor = ScenarioRunner.run(lossy, seed, RunOptions.DEFAULTS, null,
                RunTweaks.keeping(Set.of(), divisor));
        assertThat(atDivisor.passed()).isFalse();
        assertThat(atDivisor.digest()).as("the reported run is the run at that divisor")
                .isEqualTo(result.minimized().digest());
        if (divisor < 1024) {
            RunResult halved = ScenarioRunner.run(lossy, seed, RunOptions.DEFAULTS, null,
                    RunTweaks.keeping(Set.of(), 2 * divisor));
            assertThat(halved.passed()).as("the search stops at the first divisor that passes").isTrue();
        }
        RunResult none = ScenarioRunner.run(lossy, seed, RunOptions.DEFAULTS, null, RunTweaks.keeping(Set.of(), 0));
        assertThat(none.passed()).as("without loss nothing is skipped").isTrue();
    }

    @Test
    void aMinimizedRunThatDoesNotReplayIsReportedAsNondeterminism() throws Exception {
        AtomicLong runs = new AtomicLong(); // state shared between runs: every other run notes one more event
        Scenario leaky = world -> {
            long run = runs.incrementAndGet();
            Address b = world.address("b");
            world.start("a", new Counter(b));
            world.start(b, new GapDetector());
            if (run % 2 == 0) {
                world.note("leak", "run " + run);
            }
            world.always("before-20-ms", () -> world.nowNanos() < 20_000_000);
            world.runFor(Duration.ofSeconds(1));
        };
        Path trace = dir.resolve("leaky.trace");
        Minimization result = Simulation.minimize(leaky, 5, RunOptions.DEFAULTS, trace, "leaky");
        assertThat(result.original().failure()).isInstanceOf(InvariantViolation.class);
        assertThat(result.minimized().failure()).isInstanceOf(NondeterminismDetected.class)
                .hasMessageContaining("seed 5 ran with digest")
                .hasMessageContaining("as the minimized candidate but")
                .hasMessageContaining("when re-run");
        assertThat(result.summary()).contains("but it does not replay, so the reduction cannot be trusted");
        assertThat(TraceVerifier.verify(trace).ok()).as("the trace is still written whole").isTrue();
    }

    @Test
    void minimizingIsDeterministic() {
        Minimization first = Simulation.minimize(FIVE_FAULTS, 3, RunOptions.DEFAULTS, null, "FIVE_FAULTS");
        Minimization second = Simulation.minimize(FIVE_FAULTS, 3, RunOptions.DEFAULTS, null, "FIVE_FAULTS");
        assertThat(second.minimized().digest()).isEqualTo(first.minimized().digest());
        assertThat(second.candidatesTried()).isEqualTo(first.candidatesTried());
    }

    @Test
    void aPassingSeedHasNothingToMinimize() {
        Scenario passes = world -> world.runFor(Duration.ofMillis(1));
        assertThatThrownBy(() -> Simulation.minimize(passes, 1, RunOptions.DEFAULTS, null, "passes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seed 1 of passes passes: there is no failure to minimize");
    }

    /**
     * Fails at size 2 or more for odd seeds, and at size 2 also for seeds divisible by 4: the size 5 failure
     * of seed 3 reproduces at size 2 at the same seed; {@link SizedOther}'s only at another seed.
     */
    record Sized(int size) implements dev.seedloop.engine.api.SizedScenario {
        @Override
        public int minSize() {
            return 1;
        }

        @Override
        public dev.seedloop.engine.api.SizedScenario withSize(int n) {
            return new Sized(n);
        }

        @Override
        public void run(dev.seedloop.engine.api.World world) {
            for (int i = 0; i < size; i++) {
                world.start("n" + i, new GapDetector());
            }
            world.always("small-or-even", () -> size < 2 || world.seed() % 2 == 0);
            world.runFor(Duration.ofMillis(1));
        }
    }

    /** Fails at size 4 or more for odd seeds, and at size 2 only for seeds divisible by 4. */
    record SizedOther(int size) implements dev.seedloop.engine.api.SizedScenario {
        @Override
        public int minSize() {
            return 1;
        }

        @Override
        public dev.seedloop.engine.api.SizedScenario withSize(int n) {
            return new SizedOther(n);
        }

        @Override
        public void run(dev.seedloop.engine.api.World world) {
            for (int i = 0; i < size; i++) {
                world.start("n" + i, new GapDetector());
            }
            long seed = world.seed();
            world.always("small-or-even", () -> !((size >= 4 && seed % 2 == 1) || (size == 2 && seed % 4 == 0)));
            world.runFor(Duration.ofMillis(1));
        }
    }

    @Test
    void aSizedScenarioIsTriedAtFewerNodesFirstAtTheSameSeedThenAtOthers() {
        Minimization atSameSeed = Simulation.minimize(new Sized(5), 3, RunOptions.DEFAULTS, null, "Sized(5)");
        assertThat(atSameSeed.originalSize()).isEqualTo(5);
        assertThat(atSameSeed.minimizedSize()).as("size 1 passes, size 2 fails at seed 3").isEqualTo(2);
        assertThat(atSameSeed.minimized().seed()).isEqualTo(3);
        assertThat(atSameSeed.scenario()).isEqualTo(new Sized(2));
        assertThat(atSameSeed.summary()).contains("size 5 -> 2").doesNotContain("(at seed");

        Minimization atOtherSeed = Simulation.minimize(new SizedOther(5), 3, RunOptions.DEFAULTS, null, "SizedOther(5)");
        assertThat(atOtherSeed.minimizedSize()).as("sizes 1..3 pass at seed 3; size 2 fails at seed 0").isEqualTo(2);
        assertThat(atOtherSeed.minimized().seed()).isZero();
        assertThat(atOtherSeed.summary()).contains("minimized seed 3 (at seed 0)").contains("size 5 -> 2");

        Minimization plain = Simulation.minimize(FIVE_FAULTS, 3, RunOptions.DEFAULTS, null, "FIVE_FAULTS");
        assertThat(plain.originalSize()).as("not a SizedScenario").isZero();
        assertThat(plain.summary()).doesNotContain("size ");
    }
}
