package dev.seedloop.engine.internal.sweep;

import static dev.seedloop.engine.internal.sweep.SweepDigestTests.mix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.CheckOptions;
import dev.seedloop.engine.api.CheckResult;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.EngineError;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.Ratio;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.Seeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edges of a sweep: the seed just past its range, a slow first failure that other threads race past,
 * failures found by two threads in an interleaved order, and a failure whose trace cannot be written.
 */
class SweepEdgeTests {
    @TempDir
    Path dir;

    /** Ticks every millisecond for {@code ticks} milliseconds of virtual time: a run as long as asked. */
    record Ticker(int ticks) implements Node<Object> {
        @Override
        public void onStart(Context<Object> ctx) {
            ctx.setTimer(Duration.ofMillis(1), 1);
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {}

        @Override
        public void onTimer(Context<Object> ctx, Object tag) {
            int n = (int) tag;
            if (n < ticks) {
                ctx.setTimer(Duration.ofMillis(1), n + 1);
            }
        }
    }

    private static Scenario failingOn(long failingSeed, int ticksOfTheFailingSeed) {
        return world -> {
            boolean fails = world.seed() == failingSeed;
            world.start("t", new Ticker(fails ? ticksOfTheFailingSeed : 3));
            world.runFor(Duration.ofSeconds(1_000));
            if (fails) {
                throw new IllegalStateException("seed " + failingSeed + " fails");
            }
        };
    }

    private static CheckOptions quiet(Seeds seeds) {
        return CheckOptions.seeds(seeds).withProgress(null).withTraceDirectory(null);
    }

    @Test
    void aSweepNeverRunsTheSeedJustPastItsRange() {
        Scenario scenario = failingOn(10, 3);
        for (int threads : new int[] {1, 2}) {
            CheckResult result = Simulation.check(scenario, quiet(Seeds.range(0, 10)).withThreads(threads));
            assertThat(result.passed()).as("%d threads", threads).isTrue();
            assertThat(result.seedsChecked()).isEqualTo(10);
        }
        assertThat(Simulation.check(scenario, quiet(Seeds.range(0, 11))).passed()).as("seed 10 does fail").isFalse();
    }

    @Test
    void positionsOtherThreadsRanPastASlowFirstFailureAreLeftOut() {
        // Seed 100, at position 0, fails after 200,000 steps; every other seed takes four. The other thread
        // runs many positions before the failure is known, and none of them may count.
        Scenario scenario = failingOn(100, 200_000);
        Seeds seeds = Seeds.range(100, 400);
        CheckResult oneThread = Simulation.check(scenario, quiet(seeds).withThreads(1));
        CheckResult twoThreads = Simulation.check(scenario, quiet(seeds).withThreads(2));
        long expected = mix(mix(Simulation.replay(scenario, 100).digest() ^ mix(1)) ^ 1);
        for (CheckResult result : List.of(oneThread, twoThreads)) {
            assertThat(result.seedsChecked()).isEqualTo(1);
            assertThat(result.failures()).singleElement().extracting(RunResult::seed).isEqualTo(100L);
            assertThat(result.sweepDigest()).isEqualTo(expected);
        }
    }

    @Test
    void failuresFoundByTwoThreadsAreReportedInSeedOrder() {
        // Every seed of 0..3 fails. Seed 0 waits until seed 1 has run, and seed 2 until seeds 0 and 3 have:
        // so one thread runs 0 while the other runs 1, and whichever thread then takes 2 waits while the other
        // runs 3. Each thread ends up with two failures that are not a prefix of the seeds ({0, 3} and {1, 2},
        // or {0, 2} and {1, 3}), so only sorting the threads' findings gives the seeds in order.
        CountDownLatch[] ran = {new CountDownLatch(1), new CountDownLatch(1), new CountDownLatch(1),
            new CountDownLatch(1)};
        AtomicBoolean waitedTooLong = new AtomicBoolean();
        Scenario scenario = world -> {
            int seed = (int) world.seed();
            try {
                boolean inTime = switch (seed) {
                    case 0 -> ran[1].await(10, TimeUnit.SECONDS);
                    case 2 -> ran[0].await(10, TimeUnit.SECONDS) && ran[3].await(10, TimeUnit.SECONDS);
                    default -> true;
                };
                if (!inTime) {
                    waitedTooLong.set(true);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            world.start("t", new Ticker(3));
            world.runFor(Duration.ofSeconds(1));
            ran[seed].countDown();
            throw new IllegalStateException("seed " + seed + " fails");
        };
        CheckResult result = Simulation.check(scenario, quiet(Seeds.range(0, 4)).withThreads(2)
                .withRunTwice(Ratio.ZERO).collectingAllFailures());
        assertThat(waitedTooLong).as("the two threads ran the seeds as planned").isFalse();
        assertThat(result.failures()).extracting(RunResult::seed).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void aFailureWhoseTraceCannotBeWrittenIsStillReportedAndSaysWhy() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("traces"), "a file where the trace directory should be");
        List<String> progress = new ArrayList<>();
        CheckResult result = Simulation.check(failingOn(3, 3), CheckOptions.seeds(Seeds.first(10))
                .withScenarioName("FAILS_ON_3").withProgress(progress::add).withTraceDirectory(notADirectory));
        assertThat(result.firstFailure()).get().extracting(RunResult::seed).isEqualTo(3L);
        assertThat(result.failureTraceIfAny()).isEmpty();
        assertThat(progress).anySatisfy(line -> assertThat(line)
                .startsWith("seedloop: FAILS_ON_3: the trace of seed 3 could not be written: ")
                .contains(notADirectory.toString()));
        assertThat(Files.readString(notADirectory)).as("nothing is overwritten")
                .isEqualTo("a file where the trace directory should be");
        // the result says so too, also when nobody reads the progress lines
        CheckResult silent = Simulation.check(failingOn(3, 3), CheckOptions.seeds(Seeds.first(10))
                .withScenarioName("FAILS_ON_3").withProgress(null).withTraceDirectory(notADirectory));
        assertThat(silent.summary()).contains(System.lineSeparator() + "  trace: not written: ")
                .contains(notADirectory.toString());
        assertThat(silent.traceProblem()).isNotBlank();
    }

    @Test
    void aSweepThreadThatDiesNamesTheSeedItRanAndAJvmErrorReachesTheCallerAsItIs() {
        Scenario engineBreaks = world -> {
            if (world.seed() == 5) {
                throw new EngineError("injected");
            }
            world.runFor(Duration.ofMillis(1));
        };
        Scenario breaksAtOnce = world -> {
            throw new EngineError("injected at the first seed");
        };
        assertThatThrownBy(() -> Simulation.check(breaksAtOnce, quiet(Seeds.first(3)).withThreads(1)
                .withScenarioName("breaksAtOnce")))
                .hasMessageStartingWith("a sweep thread died while running seed 0 of breaksAtOnce");
        for (int threads : new int[] {1, 2}) {
            assertThatThrownBy(() -> Simulation.check(engineBreaks, quiet(Seeds.first(10)).withThreads(threads)
                    .withScenarioName("engineBreaks")))
                    .as("%d threads", threads).isInstanceOf(EngineError.class)
                    .hasMessageStartingWith("a sweep thread died while running seed 5 of engineBreaks; "
                            + "the sweep's results are discarded")
                    .cause().hasMessageStartingWith("injected");
        }
        OutOfMemoryError injected = new OutOfMemoryError("injected at seed 5");
        Scenario outOfMemory = world -> {
            if (world.seed() == 5) {
                throw injected;
            }
            world.runFor(Duration.ofMillis(1));
        };
        assertThatThrownBy(() -> Simulation.check(outOfMemory, quiet(Seeds.first(10)).withThreads(2)))
                .isSameAs(injected);
    }

    @Test
    void aSweepWhoseRunsNeverTakeAStepSaysSo() {
        List<String> progress = new ArrayList<>();
        Scenario forgotten = world -> {
            world.address("a"); // never started, and no virtual time run
            world.always("trivial", () -> true);
        };
        CheckResult idle = Simulation.check(forgotten, CheckOptions.seeds(Seeds.first(10)).withThreads(2)
                .withScenarioName("forgotten").withProgress(progress::add).withTraceDirectory(null));
        assertThat(idle.passed()).isTrue();
        assertThat(progress).contains("seedloop: forgotten: every seed passed without taking a single step: does the "
                + "scenario start its nodes (World.start) and run virtual time (runFor or runUntil)?");

        progress.clear();
        Scenario working = world -> {
            world.start("a", new dev.seedloop.engine.internal.TestNodes.Ticker());
            world.runFor(Duration.ofMillis(10));
        };
        Simulation.check(working, CheckOptions.seeds(Seeds.first(10)).withScenarioName("working")
                .withProgress(progress::add).withTraceDirectory(null));
        assertThat(progress).noneMatch(line -> line.contains("without taking a single step"));
    }
}
