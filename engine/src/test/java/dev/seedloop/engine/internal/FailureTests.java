package dev.seedloop.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.DeadlineExceeded;
import dev.seedloop.engine.api.InvariantViolation;
import dev.seedloop.engine.api.LimitExceeded;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.NodeFailure;
import dev.seedloop.engine.api.QuiescenceFailure;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.ScenarioFailure;
import dev.seedloop.engine.api.SimulationFailure;
import dev.seedloop.engine.api.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each kind of finding, provoked on purpose, with the message a user reads. */
class FailureTests {

    private static SimulationFailure failureOf(Scenario scenario, RunOptions options) {
        RunResult result = ScenarioRunner.run(scenario, 99, options, null);
        assertThat(result.passed()).as("the run should fail").isFalse();
        return result.failure();
    }

    private static SimulationFailure failureOf(Scenario scenario) {
        return failureOf(scenario, RunOptions.DEFAULTS);
    }

    @Test
    void invariantViolationNamesTheInvariantStepTimeAndEvidence() {
        SimulationFailure failure = failureOf(world -> {
            TestNodes.Ticker ticker = new TestNodes.Ticker();
            world.start("ticker", ticker);
            world.always("fewer-than-5-ticks",
                    () -> ticker.ticks < 5 ? Verdict.ok() : Verdict.violated("ticks=" + ticker.ticks));
            world.runFor(Duration.ofSeconds(1));
        });
        assertThat(failure).isInstanceOf(InvariantViolation.class);
        InvariantViolation violation = (InvariantViolation) failure;
        assertThat(violation.invariant()).isEqualTo("fewer-than-5-ticks");
        assertThat(violation.evidence()).isEqualTo("ticks=5");
        assertThat(violation.step()).isEqualTo(6); // the start, then five ticks
        assertThat(violation.timeNanos()).isEqualTo(5_000_000L);
        assertThat(violation.seed()).isEqualTo(99);
        assertThat(violation).hasMessage(
                "seed 99, step 6, t=5.000ms: invariant 'fewer-than-5-ticks' violated: ticks=5");
    }

    @Test
    void anInvariantThatThrowsIsReportedAsItsViolationWithTheCause() {
        SimulationFailure failure = failureOf(world -> {
            world.start("ticker", new TestNodes.Ticker());
            world.always("broken", (dev.seedloop.engine.api.Invariant) () -> {
                throw new IllegalStateException("invariant bug");
            });
            world.runFor(Duration.ofSeconds(1));
        });
        assertThat(failure).isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("invariant 'broken' violated: the invariant itself threw")
                .hasMessageContaining("invariant bug")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void aThrowingHandlerFailsTheRunWithTheNodeHandlerAndStack() {
        SimulationFailure failure = failureOf(world -> {
            Address victim = world.address("victim");
            world.start("sender", new TestNodes.Burst(victim, 1));
            world.start(victim, new Node<Object>() {
                @Override
                public void onStart(Context<Object> ctx) {}

                @Override
                public void onMessage(Context<Object> ctx, Address from, Object message) {
                    throw new IllegalStateException("cannot handle " + message);
                }
            });
            world.runFor(Duration.ofSeconds(1));
        });
        assertThat(failure).isInstanceOf(NodeFailure.class);
        NodeFailure nodeFailure = (NodeFailure) failure;
        assertThat(nodeFailure.node()).isEqualTo("victim");
        assertThat(nodeFailure.handler()).isEqualTo("onMessage");
        assertThat(nodeFailure.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("cannot handle 0");
        assertThat(nodeFailure.getCause().getStackTrace()[0].getMethodName()).isEqualTo("onMessage");
        assertThat(nodeFailure).hasMessageContaining("node 'victim' threw in onMessage");
    }

    @Test
    void aStackOverflowInANodeIsAFindingNotACrashOfTheSweep() {
        SimulationFailure failure = failureOf(world -> {
            world.start("recursive", new Node<Object>() {
                @Override
                public void onStart(Context<Object> ctx) {
                    recurse(0);
                }

                private int recurse(int depth) {
                    return recurse(depth + 1) + 1;
                }

                @Override
                public void onMessage(Context<Object> ctx, Address from, Object message) {}
            });
            world.runFor(Duration.ofSeconds(1));
        });
        assertThat(failure).isInstanceOf(NodeFailure.class).hasCauseInstanceOf(StackOverflowError.class)
                .hasMessageContaining("threw in onStart");
    }

    @Test
    void scenarioCodeThatThrowsIsAScenarioFailure() {
        SimulationFailure failure = failureOf(world -> {
            world.runFor(Duration.ofMillis(3));
            throw new java.io.IOException("fixture missing");
        });
        assertThat(failure).isInstanceOf(ScenarioFailure.class)
                .hasMessage("seed 99, step 0, t=3.000ms: scenario threw: java.io.IOException: fixture missing")
                .hasCauseInstanceOf(java.io.IOException.class);
    }

    @Test
    void aFindingTheScenarioMadeUpItselfIsAScenarioFailureNotTheEngines() {
        // The engine found nothing: an InvariantViolation built and thrown by the scenario's own code is a
        // bug in that code, reported as such, never as a broken invariant of the run.
        InvariantViolation madeUp = new InvariantViolation(1, 2, 3, "one leader", "two leaders", null);
        SimulationFailure failure = failureOf(world -> {
            world.runFor(Duration.ofMillis(3));
            throw madeUp;
        });
        assertThat(failure).isInstanceOf(ScenarioFailure.class).hasCause(madeUp)
                .hasMessageStartingWith("seed 99, step 0, t=3.000ms: scenario threw: ");
    }

    @Test
    void runUntilOnAQuietSystemIsAQuiescenceFailure() {
        SimulationFailure failure = failureOf(world -> {
            world.start("idle", new TestNodes.Idle());
            world.runUntil("a leader exists", () -> false, Duration.ofSeconds(10));
        });
        assertThat(failure).isInstanceOf(QuiescenceFailure.class)
                .hasMessageContaining("quiescent while waiting for 'a leader exists'")
                .hasMessageContaining("step 1");
    }

    @Test
    void runUntilPastItsDeadlineIsADeadlineExceeded() {
        SimulationFailure failure = failureOf(world -> {
            world.start("ticker", new TestNodes.Ticker());
            world.runUntil("never", () -> false, Duration.ofMillis(20));
        });
        assertThat(failure).isInstanceOf(DeadlineExceeded.class)
                .hasMessageContaining("'never' still false at its deadline of 20.000ms");
        assertThat(failure.timeNanos()).isEqualTo(20_000_000L);
    }

    @Test
    void runUntilReturnsAsSoonAsItsConditionHolds() {
        long[] when = new long[1];
        RunResult result = ScenarioRunner.run(world -> {
            TestNodes.Ticker ticker = new TestNodes.Ticker();
            world.start("ticker", ticker);
            world.runUntil("ten ticks", () -> ticker.ticks >= 10, Duration.ofSeconds(1));
            when[0] = world.nowNanos();
        }, 1, RunOptions.DEFAULTS, null);
        assertThat(result.passed()).isTrue();
        assertThat(when[0]).isEqualTo(10_000_000L);
    }

    @Test
    void zeroDelayTimersForeverAreALivelock() {
        SimulationFailure failure = failureOf(world -> {
            world.start("spinner", new Node<Object>() {
                @Override
                public void onStart(Context<Object> ctx) {
                    ctx.setTimerNanos(0, "again");
                }

                @Override
                public void onMessage(Context<Object> ctx, Address from, Object message) {}

                @Override
                public void onTimer(Context<Object> ctx, Object tag) {
                    ctx.setTimerNanos(0, "again");
                }
            });
            world.runFor(Duration.ofSeconds(1));
        }, RunOptions.DEFAULTS.withMaxStepsWithoutTimeAdvance(1_000));
        assertThat(failure).isInstanceOf(LimitExceeded.class)
                .hasMessageContaining("livelock")
                .hasMessageContaining("RunOptions.maxStepsWithoutTimeAdvance = 1000")
                .hasMessageContaining("withMaxStepsWithoutTimeAdvance");
        assertThat(((LimitExceeded) failure).limit()).isEqualTo("maxStepsWithoutTimeAdvance");
        assertThat(failure.step()).as("exactly the budget was processed").isEqualTo(1_000);
    }

    @Test
    void theStepBudgetIsALimit() {
        SimulationFailure failure = failureOf(world -> {
            world.start("ticker", new TestNodes.Ticker());
            world.runFor(Duration.ofSeconds(1));
        }, RunOptions.DEFAULTS.withMaxSteps(50));
        assertThat(failure).isInstanceOf(LimitExceeded.class).hasMessageContaining("RunOptions.maxSteps = 50");
    }

    @Test
    void theVirtualTimeLimitIsALimit() {
        SimulationFailure failure = failureOf(world -> {
            world.start("ticker", new TestNodes.Ticker());
            world.runFor(Duration.ofSeconds(2));
        }, RunOptions.DEFAULTS.withMaxVirtualTimeNanos(Duration.ofSeconds(1).toNanos()));
        assertThat(failure).isInstanceOf(LimitExceeded.class)
                .hasMessageContaining("virtual-time limit")
                .hasMessageContaining("maxVirtualTimeNanos");
    }

    @Test
    void tooManyPendingEventsIsALimitAndFailsInsideTheSendingNode() {
        SimulationFailure failure = failureOf(world -> {
            Address sink = world.address("sink");
            world.start("flood", new TestNodes.Burst(sink, 100));
            world.start(sink, new TestNodes.Idle());
            world.runFor(Duration.ofSeconds(1));
        }, RunOptions.DEFAULTS.withMaxPendingEvents(10));
        assertThat(failure).isInstanceOf(LimitExceeded.class).hasMessageContaining("maxPendingEvents = 10");
    }

    @Test
    void aScenarioThatCatchesTheFailureCannotHideIt() {
        SimulationFailure failure = failureOf(world -> {
            world.start("ticker", new TestNodes.Ticker());
            world.always("never", () -> false);
            try {
                world.runFor(Duration.ofSeconds(1));
            } catch (SimulationFailure swallowed) {
                // a careless scenario
            }
        });
        assertThat(failure).isInstanceOf(InvariantViolation.class).hasMessageContaining("'never'");
    }

    @Test
    void drivingTheWorldFromInsideANodeIsRefused() {
        SimulationFailure failure = failureOf(world -> {
            world.start("rogue", new Node<Object>() {
                @Override
                public void onStart(Context<Object> ctx) {
                    world.runFor(Duration.ofSeconds(1));
                }

                @Override
                public void onMessage(Context<Object> ctx, Address from, Object message) {}
            });
            world.runFor(Duration.ofMillis(1));
        });
        assertThat(failure).isInstanceOf(NodeFailure.class);
        assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be driven from inside a node handler");
    }
}
