package dev.seedloop.engine.internal.minimize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.DeadlineExceeded;
import dev.seedloop.engine.api.Faults;
import dev.seedloop.engine.api.LinkProfile;
import dev.seedloop.engine.api.Minimization;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.Ratio;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.ScenarioFailure;
import dev.seedloop.engine.api.SizedScenario;
import dev.seedloop.engine.api.Verdict;
import dev.seedloop.engine.api.World;
import dev.seedloop.engine.internal.minimize.MinimizerTests.Counter;
import dev.seedloop.engine.internal.minimize.MinimizerTests.CountingLink;
import dev.seedloop.engine.internal.minimize.MinimizerTests.SizedOther;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exact results of the minimizer's search, where {@link MinimizerTests} checks that it reduces: which faults
 * remain, which size and seed, which loss divisor, and how many candidate runs it took, within and at the
 * edge of its budget. Every scenario here fails by construction (pinned faults over reliable FIFO links, a
 * size or seed rule, or a burst of lost messages), so each expected value is derived in the comments from
 * the documented algorithm: the size search (the original seed at every smaller size, smallest first, then
 * seeds 0-19 at the sizes below the best, with half the budget), ddmin over the faults that began (the
 * empty set first, then chunks alone, then complements, at granularity 2, 4, ...; a complement that fails
 * lowers the granularity by one, to no less than 2), then the loss search (none, then 1/2 ... 1/1,024).
 */
class MinimizerExactTests {
    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    /** Sends 0 .. count - 1 to its peer in one step, 5 ms after it starts. */
    record Burst(Address peer, int count) implements Node<Object> {
        @Override
        public void onStart(Context<Object> ctx) {
            ctx.setTimer(ms(5), "burst");
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {}

        @Override
        public void onTimer(Context<Object> ctx, Object tag) {
            for (int i = 0; i < count; i++) {
                ctx.send(peer, i);
            }
        }
    }

    /** Counts what it receives; 10 ms after it starts, notes whether any of {@code expected} is missing. */
    static final class Tally implements Node<Object> {
        final int expected;
        int received;
        boolean lost;

        Tally(int expected) {
            this.expected = expected;
        }

        @Override
        public void onStart(Context<Object> ctx) {
            ctx.setTimer(ms(10), "count");
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {
            received++;
        }

        @Override
        public void onTimer(Context<Object> ctx, Object tag) {
            lost = received < expected;
        }
    }

    private static final int BURST = 20_000;

    /**
     * The system of {@link MinimizerTests}' TWO_OF_SIX: counters a->b and c->d over reliable FIFO links,
     * six faults that begin before the failure (index in the order they begin: 0 pause, 1 partition of a,
     * 2 pause, 3 pause, 4 partition of c, 5 pause, all pauses of an idle node) and a seventh, at 600 ms,
     * that begins after it. Each partition cuts its link for 30 ms: the number sent in its first 5 ms
     * arrives within 20 ms (FIFO: never after the one before it, sent 5 ms earlier), inside the window, and
     * is dropped; the next one to arrive shows the gap. Nothing else ever costs a number. So a candidate
     * makes both receivers see a gap exactly when it keeps faults 1 and 4, at every seed.
     */
    private static TwoGaps twoGapsAndNoise(World world) {
        world.network().setDefaultProfile(LinkProfile.reliableFifo());
        return new TwoGaps(CountingLink.start(world, "a", "b"), CountingLink.start(world, "c", "d"));
    }

    /** The two links of {@link #twoGapsAndNoise}; {@link #runPhase} runs its one second of faults. */
    record TwoGaps(CountingLink ab, CountingLink cd) {
        boolean both() {
            return ab.receiver().gap && cd.receiver().gap;
        }

        void runPhase(World world, Address idle) {
            world.runFor(Duration.ofSeconds(1),
                    Faults.pause().node(idle).window(ms(10), ms(20)),
                    Faults.partition().side(List.of(ab.sender())).window(ms(40), ms(30)),
                    Faults.pause().node(idle).window(ms(50), ms(20)),
                    Faults.pause().node(idle).window(ms(80), ms(20)),
                    Faults.partition().side(List.of(cd.sender())).window(ms(110), ms(30)),
                    Faults.pause().node(idle).window(ms(120), ms(20)),
                    Faults.pause().node(idle).window(ms(600), ms(20)));
        }
    }

    /**
     * {@link #twoGapsAndNoise}, plus a link e->f that loses every message, over which e sends a burst of
     * 20,000 at 5 ms; the invariant fails when both receivers saw a gap and f missed some of the burst
     * (known at 10 ms, long before either gap). With the loss divided by k, f misses none with probability
     * (1 - 1/k)^20,000: e^-19.5 (3e-9) at k = 1,024. So the failure needs faults 1 and 4 and any loss the
     * search tries; only no loss at all passes. The burst's loss draws come before any fault begins, so at a
     * given divisor they are the same whichever faults a candidate keeps.
     */
    private static final Scenario TWO_FAULTS_AND_LOSS = world -> {
        Address idle = world.start("idle", new Counter(null));
        TwoGaps gaps = twoGapsAndNoise(world);
        Address f = world.address("f");
        Address e = world.start("e", new Burst(f, BURST));
        Tally tally = new Tally(BURST);
        world.start(f, tally);
        world.network().setLinkProfile(e, f, LinkProfile.DEFAULT.withLatency(ms(1), ms(1)).withLoss(Ratio.ONE));
        world.always("gaps-and-loss", () -> gaps.both() && tally.lost
                ? Verdict.violated("b and d skipped, f missed " + (BURST - tally.received)) : Verdict.ok());
        gaps.runPhase(world, idle);
    };

    @Test
    void aFailureThatNeedsTwoFaultsAndLossKeepsThePairAndTheLeastLossThatStillFails() {
        // ddmin over the six faults (a candidate fails iff it keeps 1 and 4), counting candidate runs:
        //   1: {} passes.
        //   granularity 2: [0 1 2] [3 4 5] alone, then their complements: all pass (2-5); granularity 4.
        //   granularity 4: [0] [1 2] [3] [4 5] alone pass (6-9); complement of [0], 1 2 3 4 5, fails (10); 3.
        //   granularity 3 on 1 2 3 4 5: [1] [2 3] [4 5] pass (11-13); 2 3 4 5 passes (14), 1 4 5 fails (15); 2.
        //   granularity 2 on 1 4 5: [1] [4 5] and the complements 4 5, 1 pass (16-19); 4.
        //   granularity 3 (the size): [1] [4] [5] pass (20-22); 4 5 and 1 5 pass (23, 24), 1 4 fails (25); 2.
        //   granularity 2 on 1 4: [1] [4] and their complements pass (26-29): granularity = size, done.
        // Then the loss search: none passes (30); 1/2, 1/4, ... 1/1,024 all fail (31-40), and it stops there.
        Minimization result = Simulation.minimize(TWO_FAULTS_AND_LOSS, 1, RunOptions.DEFAULTS, null, "TWO_FAULTS_AND_LOSS");
        assertThat(result.original().failure()).hasMessageContaining("gaps-and-loss");
        assertThat(result.originalFaults()).isEqualTo(6);
        assertThat(result.minimizedFaults()).as("the two partitions").isEqualTo(2);
        assertThat(result.lossDivisor()).as("the largest divisor tried").isEqualTo(1024);
        assertThat(result.candidatesTried()).isEqualTo(40);
        assertThat(result.minimized().failure()).hasMessageContaining("gaps-and-loss");
        assertThat(result.summary()).contains("faults 6 -> 2").contains("loss and duplication divided by 1024");
    }

    @Test
    void whenTheBudgetRunsOutBeforeTheLossSearchTheLossStaysAsConfigured() {
        // Ten candidates: ddmin's tenth run (above) is the complement 1 2 3 4 5, which fails, and then the
        // budget is spent. The loss search runs nothing, so the loss stays undivided (divisor 1), and the
        // reported run, which keeps those five faults and all the loss, still fails. Without loss it would pass.
        Minimization result = Minimizer.minimize(TWO_FAULTS_AND_LOSS, 1, RunOptions.DEFAULTS, null,
                "TWO_FAULTS_AND_LOSS", 10);
        assertThat(result.candidatesTried()).isEqualTo(10);
        assertThat(result.minimizedFaults()).as("all but the first pause").isEqualTo(5);
        assertThat(result.lossDivisor()).isEqualTo(1);
        assertThat(result.minimized().failure()).as("the reported run").isNotNull()
                .hasMessageContaining("gaps-and-loss");
        assertThat(result.summary()).contains("faults 6 -> 5").contains("loss and duplication as configured");
    }

    @Test
    void aFailureThatNeedsNoFaultLosesThemAllInOneCandidate() {
        // The invariant fails at 100 ms whatever happens; three pauses of the only node began by then.
        // The first candidate, no fault at all, fails: ddmin stops there. The loss search's first candidate,
        // no loss, fails too. Two candidates.
        Scenario late = world -> {
            Address idle = world.start("idle", new Counter(null));
            world.always("before-100-ms", () -> world.nowNanos() < 100_000_000L);
            world.runFor(Duration.ofSeconds(1),
                    Faults.pause().node(idle).window(ms(10), ms(5)),
                    Faults.pause().node(idle).window(ms(20), ms(5)),
                    Faults.pause().node(idle).window(ms(30), ms(5)));
        };
        Minimization result = Simulation.minimize(late, 1, RunOptions.DEFAULTS, null, "late");
        assertThat(result.originalFaults()).isEqualTo(3);
        assertThat(result.minimizedFaults()).isZero();
        assertThat(result.candidatesTried()).isEqualTo(2);
        assertThat(result.minimized().failure()).hasMessageContaining("before-100-ms");
    }

    @Test
    void ofTwoFaultsTheOneThatMattersIsFoundByHalving() {
        // Two faults began: a pause of an idle node, then the partition that makes b skip. {} passes (1);
        // the halves alone: [pause] passes (2), [partition] fails (3). One fault left; no loss fails (4).
        Scenario scenario = world -> {
            world.network().setDefaultProfile(LinkProfile.reliableFifo());
            CountingLink ab = CountingLink.start(world, "a", "b");
            Address idle = world.start("idle", new Counter(null));
            world.always("no-gap-at-b", () -> !ab.receiver().gap);
            world.runFor(Duration.ofSeconds(1),
                    Faults.pause().node(idle).window(ms(10), ms(20)),
                    Faults.partition().side(List.of(ab.sender())).window(ms(40), ms(30)));
        };
        Minimization result = Simulation.minimize(scenario, 1, RunOptions.DEFAULTS, null, "pause and partition");
        assertThat(result.originalFaults()).isEqualTo(2);
        assertThat(result.minimizedFaults()).isEqualTo(1);
        assertThat(result.candidatesTried()).isEqualTo(4);
        assertThat(result.minimized().failure()).hasMessageContaining("no-gap-at-b");
    }

    // ---------------------------------------------------------------- size search and budget

    @Test
    void theSizeSearchMakesTwoPassesAndCountsEveryCandidate() {
        // SizedOther(5) at seed 3: the first pass tries seed 3 at sizes 1, 2, 3 (pass) and 4 (fails): 4 runs.
        // The second pass, below size 4: size 1 at the 19 seeds 0-19 but 3 (all pass), then size 2 at seed 0
        // (0 % 4 == 0: fails): 20 runs. Nothing is below size 2 at a seed not yet tried, so no more runs.
        // No fault began; the loss search's first candidate, no loss, fails. 4 + 20 + 1 = 25.
        Minimization result = Simulation.minimize(new SizedOther(5), 3, RunOptions.DEFAULTS, null, "SizedOther(5)");
        assertThat(result.minimizedSize()).isEqualTo(2);
        assertThat(result.minimized().seed()).isZero();
        assertThat(result.candidatesTried()).isEqualTo(25);
        assertThat(result.summary()).contains("in 25 candidate runs");
    }

    @Test
    void theSizeSearchRunsAtMostHalfTheBudgetTheLastCandidateIncluded() {
        // Half of 46 is 23: the 4 runs of the first pass and the 19 at size 1. Size 2 at seed 0, the 24th,
        // is not run: size 4 at seed 3 stays the smallest. The fault search then runs its one candidate.
        Minimization short23 = Minimizer.minimize(new SizedOther(5), 3, RunOptions.DEFAULTS, null, "SizedOther(5)", 46);
        assertThat(short23.minimizedSize()).isEqualTo(4);
        assertThat(short23.minimized().seed()).isEqualTo(3);
        assertThat(short23.candidatesTried()).isEqualTo(24);
        assertThat(short23.minimized().failure()).hasMessageContaining("small-or-even");

        // Half of 48 is 24: the 24th candidate is run, and finds size 2 at seed 0.
        Minimization enough24 = Minimizer.minimize(new SizedOther(5), 3, RunOptions.DEFAULTS, null, "SizedOther(5)", 48);
        assertThat(enough24.minimizedSize()).isEqualTo(2);
        assertThat(enough24.minimized().seed()).isZero();
        assertThat(enough24.candidatesTried()).isEqualTo(25);
    }

    /**
     * {@link #twoGapsAndNoise} with {@code size} idle nodes, the first of them the paused one: the failure
     * is the same at every size from 1 and at every seed.
     */
    record PairsAndIdleNodes(int size) implements SizedScenario {
        @Override
        public int minSize() {
            return 1;
        }

        @Override
        public SizedScenario withSize(int n) {
            return new PairsAndIdleNodes(n);
        }

        @Override
        public void run(World world) {
            Address first = world.start("idle0", new Counter(null));
            for (int i = 1; i < size; i++) {
                world.start("idle" + i, new Counter(null));
            }
            TwoGaps gaps = twoGapsAndNoise(world);
            world.always("not-both-gaps", () -> gaps.both() ? Verdict.violated("b and d both skipped") : Verdict.ok());
            gaps.runPhase(world, first);
        }
    }

    @Test
    void theFaultSearchGetsOnlyTheBudgetTheSizeSearchLeft() {
        // Of 25 candidates, the size search spends 1: size 1 at the same seed fails at once, and no size is
        // smaller. ddmin gets the other 24. In the count of the first test (ddmin alone, no loss), its 24th
        // run is the complement 1 5; the 25th, 1 4, would find the pair but is not run. So three faults remain
        // (1 4 5) and the loss search runs nothing.
        Minimization result = Minimizer.minimize(new PairsAndIdleNodes(3), 1, RunOptions.DEFAULTS, null,
                "PairsAndIdleNodes(3)", 25);
        assertThat(result.minimizedSize()).isEqualTo(1);
        assertThat(result.candidatesTried()).isEqualTo(25);
        assertThat(result.originalFaults()).isEqualTo(6);
        assertThat(result.minimizedFaults()).isEqualTo(3);
        assertThat(result.lossDivisor()).isEqualTo(1);
        assertThat(result.minimized().failure()).hasMessageContaining("not-both-gaps");
    }

    // ---------------------------------------------------------------- other failure kinds

    @Test
    void aDeadlineFailureIsMinimizedByItsKind() {
        // b must get 0 to 60 without a gap by 1 s; the partition makes it skip, so the wait runs out. Of the
        // two faults only the partition is needed: {} passes, [pause] passes, [partition] fails; no loss fails.
        Scenario waits = world -> {
            world.network().setDefaultProfile(LinkProfile.reliableFifo());
            CountingLink ab = CountingLink.start(world, "a", "b");
            Address idle = world.start("idle", new Counter(null));
            world.runFor(ms(200),
                    Faults.pause().node(idle).window(ms(10), ms(20)),
                    Faults.partition().side(List.of(ab.sender())).window(ms(40), ms(30)));
            world.runUntil("b got 0 to 60 in order", () -> !ab.receiver().gap && ab.receiver().last >= 60,
                    Duration.ofSeconds(1));
        };
        Minimization result = Simulation.minimize(waits, 1, RunOptions.DEFAULTS, null, "waits");
        assertThat(result.original().failure()).isInstanceOf(DeadlineExceeded.class);
        assertThat(result.minimizedFaults()).isEqualTo(1);
        assertThat(result.candidatesTried()).isEqualTo(4);
        assertThat(result.minimized().failure()).isInstanceOf(DeadlineExceeded.class)
                .hasMessageContaining("b got 0 to 60 in order");
    }

    @Test
    void aScenarioFailureCountsOnlyWithTheSameExceptionType() {
        // The scenario throws either way after its phase, but an IllegalStateException only when b skipped:
        // without the partition it throws another type, which is not the same failure, so the partition stays.
        Scenario throwing = world -> {
            world.network().setDefaultProfile(LinkProfile.reliableFifo());
            CountingLink ab = CountingLink.start(world, "a", "b");
            world.runFor(ms(200), Faults.partition().side(List.of(ab.sender())).window(ms(40), ms(30)));
            if (ab.receiver().gap) {
                throw new IllegalStateException("b skipped a number");
            }
            throw new UnsupportedOperationException("no gap");
        };
        Minimization result = Simulation.minimize(throwing, 1, RunOptions.DEFAULTS, null, "throwing");
        assertThat(result.original().failure()).isInstanceOf(ScenarioFailure.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(result.minimizedFaults()).isEqualTo(1);
        assertThat(result.minimized().failure()).hasCauseInstanceOf(IllegalStateException.class);
    }
}
