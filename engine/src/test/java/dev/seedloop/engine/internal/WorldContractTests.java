package dev.seedloop.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.DeadlineExceeded;
import dev.seedloop.engine.api.DeterministicRandom;
import dev.seedloop.engine.api.EngineError;
import dev.seedloop.engine.api.Faults;
import dev.seedloop.engine.api.Invariant;
import dev.seedloop.engine.api.InvariantViolation;
import dev.seedloop.engine.api.LimitExceeded;
import dev.seedloop.engine.api.LinkProfile;
import dev.seedloop.engine.api.LivenessViolation;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.NodeFailure;
import dev.seedloop.engine.api.QuiescenceFailure;
import dev.seedloop.engine.api.Ratio;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.SimulationFailure;
import dev.seedloop.engine.api.TimerId;
import dev.seedloop.engine.api.Verdict;
import dev.seedloop.engine.api.World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The World's contract at its edges: every precondition is checked at the call (API misuse), every
 * limit holds exactly at its boundary, failures reach the scenario as the very object the result
 * carries, engine errors pass through, and the events a run emits are exact.
 */
class WorldContractTests {
    private static final Duration MS = Duration.ofMillis(1);
    private static final LinkProfile ONE_MS = LinkProfile.DEFAULT.withLatency(MS, MS);

    private final RecordingListener events = new RecordingListener();

    private RunResult run(Scenario scenario) {
        return ScenarioRunner.run(scenario, 1, RunOptions.DEFAULTS, events);
    }

    private RunResult run(Scenario scenario, RunOptions options) {
        return ScenarioRunner.run(scenario, 1, options, events);
    }

    private static void assertPassed(RunResult result) {
        assertThat(result.failure()).as("run failure").isNull();
    }

    /** A node that does what its {@code onStart} consumer says. */
    private static Node<Object> onStart(Consumer<Context<Object>> action) {
        return new Node<>() {
            @Override
            public void onStart(Context<Object> ctx) {
                action.accept(ctx);
            }

            @Override
            public void onMessage(Context<Object> ctx, Address from, Object message) {}
        };
    }

    // ---------------------------------------------------------------- API misuse

    @Test
    void everyWorldCallIsRefusedFromInsideANodeHandler() {
        Map<String, Throwable> refused = new LinkedHashMap<>();
        RunResult result = run(world -> {
            Address crashed = world.start("crashed", () -> new TestNodes.Idle());
            Address unbound = world.address("unbound");
            world.runFor(MS);
            world.crash(crashed);
            Map<String, Runnable> calls = new LinkedHashMap<>();
            calls.put("address", () -> world.address("late"));
            calls.put("start", () -> world.start(unbound, new TestNodes.Idle()));
            calls.put("crash", () -> world.crash(world.addresses().get(2)));
            calls.put("restart", () -> world.restart(crashed));
            calls.put("eventually", () -> world.eventually("p", () -> true, MS));
            calls.put("always", () -> world.always("i", (Invariant) Verdict::ok));
            calls.put("runUntil", () -> world.runUntil("c", () -> true, MS));
            calls.put("note", () -> world.note("n", "d"));
            calls.put("setDefaultProfile", () -> world.network().setDefaultProfile(ONE_MS));
            calls.put("setNodeProfile", () -> world.network().setNodeProfile(crashed, ONE_MS));
            calls.put("setLinkProfile", () -> world.network().setLinkProfile(crashed, unbound, ONE_MS));
            calls.put("partition", () -> world.network().partition(List.of(crashed)));
            calls.put("isolate", () -> world.network().isolate(crashed));
            calls.put("heal", () -> world.network().heal());
            world.start("insider", onStart(ctx -> calls.forEach((name, call) -> {
                try {
                    call.run();
                } catch (RuntimeException e) {
                    refused.put(name, e);
                }
            })));
            world.runFor(MS);
        });
        assertPassed(result);
        assertThat(refused).containsOnlyKeys("address", "start", "crash", "restart", "eventually", "always",
                "runUntil", "note", "setDefaultProfile", "setNodeProfile", "setLinkProfile", "partition", "isolate",
                "heal");
        assertThat(refused.values()).allSatisfy(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be driven from inside a node handler"));
        assertThat(events.linesStartingWith("crash")).as("only the scenario's own crash").hasSize(1);
        assertThat(events.linesStartingWith("network")).isEmpty();
        assertThat(events.linesStartingWith("note")).isEmpty();
    }

    @Test
    void afterAFailureEveryWorldCallRethrowsIt() {
        List<Throwable> rethrown = new ArrayList<>();
        SimulationFailure[] caught = new SimulationFailure[1];
        RunResult result = run(world -> {
            Address a = world.start("a", new TestNodes.Idle());
            try {
                world.runUntil("never", () -> false, MS);
            } catch (QuiescenceFailure e) {
                caught[0] = e;
            }
            List<Runnable> calls = List.of(() -> world.address("x"), () -> world.start("y", new TestNodes.Idle()),
                    () -> world.crash(a), () -> world.restart(a), () -> world.eventually("p", () -> true, MS),
                    () -> world.always("i", (Invariant) Verdict::ok), () -> world.runFor(MS),
                    () -> world.runUntil("c", () -> true, MS), () -> world.note("n", "d"),
                    () -> world.network().setDefaultProfile(ONE_MS), () -> world.network().setNodeProfile(a, ONE_MS),
                    () -> world.network().setLinkProfile(a, a, ONE_MS), () -> world.network().partition(List.of(a)),
                    () -> world.network().isolate(a), () -> world.network().heal());
            for (Runnable call : calls) {
                try {
                    call.run();
                } catch (RuntimeException e) {
                    rethrown.add(e);
                }
            }
        });
        assertThat(result.failure()).isInstanceOf(QuiescenceFailure.class).isSameAs(caught[0]);
        assertThat(rethrown).hasSize(15).allSatisfy(e -> assertThat(e).isSameAs(caught[0]));
    }

    @Test
    void aWorldOrContextKeptAfterTheRunRefusesEveryAction() {
        World[] keptWorld = new World[1];
        List<Context<Object>> keptContext = new ArrayList<>();
        TimerId[] keptTimer = new TimerId[1];
        RunResult result = run(world -> {
            keptWorld[0] = world;
            world.start("a", onStart(ctx -> {
                keptContext.add(ctx);
                keptTimer[0] = ctx.setTimer(Duration.ofSeconds(5), "later"); // still pending when the run ends
            }));
            world.runFor(MS);
        });
        assertPassed(result);
        World world = keptWorld[0];
        Context<Object> ctx = keptContext.get(0);
        int eventsBefore = events.lines().size();
        List<Runnable> calls = List.of(() -> world.address("late"), () -> world.start("b", new TestNodes.Idle()),
                () -> world.runFor(MS), () -> world.runUntil("c", () -> true, MS), () -> world.note("n", "d"),
                () -> world.always("i", (Invariant) Verdict::ok), () -> world.network().heal(),
                () -> ctx.send(ctx.self(), "late"), () -> ctx.setTimer(MS, "t"), () -> ctx.log("late"),
                () -> ctx.buggify("p"), () -> ctx.cancelTimer(keptTimer[0]),
                () -> ctx.resetTimerNanos(keptTimer[0], 1_000, "again"));
        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOf(IllegalStateException.class)
                    .hasMessage("the run of seed 1 has ended: a World, and the Contexts of its nodes, act only while "
                            + "Scenario.run is running; do not keep them after it returns");
        }
        assertThat(events.lines()).as("nothing more was recorded").hasSize(eventsBefore);
    }

    @Test
    void aConditionOrPropertyThatThrowsIsNamedInTheFailure() {
        RunResult condition = run(world -> {
            world.start("a", new TestNodes.Idle());
            world.runUntil("c", () -> {
                throw new IllegalArgumentException("cond boom");
            }, MS);
        });
        assertThat(condition.failure()).isInstanceOf(dev.seedloop.engine.api.ScenarioFailure.class)
                .hasMessageContaining("the runUntil condition 'c' threw java.lang.IllegalArgumentException: cond boom");

        int[] calls = {0};
        RunResult property = run(world -> {
            world.start("a", onStart(ctx -> ctx.setTimer(MS, "t")));
            world.eventually("e", () -> {
                if (++calls[0] > 1) {
                    throw new IllegalArgumentException("prop boom"); // after the first step, not at registration
                }
                return false;
            }, Duration.ofSeconds(1));
            world.runFor(Duration.ofMillis(10));
        });
        assertThat(property.failure()).isInstanceOf(dev.seedloop.engine.api.ScenarioFailure.class)
                .hasMessageContaining("the eventually property 'e' threw java.lang.IllegalArgumentException: prop boom");
        assertThat(property.failure().step()).isPositive();
    }

    @Test
    void aRunThatGoesQuietSaysWhichAddressesLostMessagesForWantOfANode() {
        boolean[] heard = {false};
        RunResult result = run(world -> {
            Address b = world.address("b"); // never started: the usual forgotten wiring
            world.start("a", onStart(ctx -> {
                ctx.send(b, "hello");
                ctx.send(b, "hello again");
            }));
            world.runUntil("b got hello", () -> heard[0], Duration.ofSeconds(1));
        });
        assertThat(result.failure()).isInstanceOf(QuiescenceFailure.class).hasMessageEndingWith(
                "the condition is still false; 2 messages to 'b' dropped because no node was started there: "
                        + "start one with World.start");

        RunResult plain = run(world -> {
            world.start("a", new TestNodes.Idle());
            world.runUntil("never", () -> false, MS);
        });
        assertThat(plain.failure()).hasMessageEndingWith("and the condition is still false");
    }

    @Test
    void worldArgumentsAreCheckedAtTheCall() {
        Map<String, Throwable> thrown = new LinkedHashMap<>();
        RunResult result = run(world -> {
            Address instance = world.start("instance", new TestNodes.Idle());
            Address factoryMade = world.start("factory-made", () -> new TestNodes.Idle());
            Address unbound = world.address("unbound");
            world.runFor(MS);
            Map<String, Runnable> calls = new LinkedHashMap<>();
            calls.put("blank address", () -> world.address(" "));
            calls.put("null address", () -> world.address(null));
            calls.put("factory returns null", () -> world.start("nothing", () -> null));
            calls.put("factory returns null at address", () -> world.start(unbound, () -> null));
            calls.put("crash unbound", () -> world.crash(unbound));
            calls.put("restart running", () -> world.restart(factoryMade));
            calls.put("blank liveness", () -> world.eventually(" ", () -> true, MS));
            calls.put("negative within", () -> world.eventually("p", () -> true, MS.negated()));
            calls.put("blank condition", () -> world.runUntil(" ", () -> true, MS));
            calls.put("negative deadline", () -> world.runUntil("c", () -> true, MS.negated()));
            calls.put("blank invariant", () -> world.always(" ", (Invariant) Verdict::ok));
            calls.put("first of a name", () -> world.always("unique", (Invariant) Verdict::ok));
            calls.put("same name again", () -> world.always("unique", () -> true));
            calls.put("empty partition group", () -> world.network().partition(List.of(List.of(instance), List.of())));
            calls.put("node in two groups", () -> world.network().partition(List.of(List.of(instance), List.of(instance))));
            calls.forEach((name, call) -> {
                try {
                    call.run();
                } catch (RuntimeException e) {
                    thrown.put(name, e);
                }
            });
            world.crash(instance);
            try {
                world.crash(instance);
            } catch (RuntimeException e) {
                thrown.put("crash crashed", e);
            }
            try {
                world.restart(instance);
            } catch (RuntimeException e) {
                thrown.put("restart instance", e);
            }
        });
        assertPassed(result);
        assertThat(thrown.keySet()).containsExactly("blank address", "null address", "factory returns null",
                "factory returns null at address", "crash unbound", "restart running", "blank liveness",
                "negative within", "blank condition", "negative deadline", "blank invariant", "same name again",
                "empty partition group",
                "node in two groups", "crash crashed", "restart instance");
        assertThat(thrown.get("blank address")).hasMessage("address name must not be blank");
        assertThat(thrown.get("null address")).hasMessage("address name must not be blank");
        assertThat(thrown.get("factory returns null")).hasMessage("the factory for 'nothing' returned null");
        assertThat(thrown.get("factory returns null at address")).hasMessageContaining("returned null");
        assertThat(thrown.get("crash unbound")).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot crash 'unbound': it is unbound");
        assertThat(thrown.get("restart running")).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot restart 'factory-made': it is running, not crashed");
        assertThat(thrown.get("blank liveness")).hasMessage("liveness property name must not be blank");
        assertThat(thrown.get("negative within")).hasMessageStartingWith("within must not be negative");
        assertThat(thrown.get("blank condition")).hasMessage("condition name must not be blank");
        assertThat(thrown.get("negative deadline")).hasMessageStartingWith("deadline must not be negative");
        assertThat(thrown.get("blank invariant")).hasMessage("invariant name must not be blank");
        assertThat(thrown.get("same name again")).isInstanceOf(IllegalArgumentException.class).hasMessage(
                "an invariant named 'unique' is already checked in this run; give each invariant its own name, "
                        + "so that a violation says which one broke");
        assertThat(thrown.get("empty partition group")).hasMessage("partition group 2 is empty");
        assertThat(thrown.get("node in two groups")).hasMessageContaining("appears in more than one partition group");
        assertThat(thrown.get("crash crashed")).hasMessage("cannot crash 'instance': it is crashed");
        assertThat(thrown.get("restart instance")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("it was started with a node instance");
        assertThat(events.linesStartingWith("crash")).hasSize(1);
        assertThat(events.linesStartingWith("network")).isEmpty();
    }

    @Test
    void aNodeStartingButNotYetStartedCanBeCrashedAndNeverStarts() {
        RunResult result = run(world -> {
            Address a = world.start("a", new TestNodes.Idle());
            world.crash(a);
            world.runFor(MS);
        });
        assertPassed(result);
        assertThat(events.lines()).containsExactly("address 0 a", "crash 0 t=0");
    }

    @Test
    void aFactoryThatReturnsNullOnRestartIsRefused() {
        int[] built = new int[1];
        RunResult result = run(world -> {
            Address a = world.start("a", () -> built[0]++ == 0 ? new TestNodes.Idle() : null);
            world.runFor(MS);
            world.crash(a);
            assertThatThrownBy(() -> world.restart(a)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("the factory of 'a' returned null on restart");
        });
        assertPassed(result);
    }

    @Test
    void addressesFromAnotherRunAreRefusedEvenWhenTheirIndexExists() {
        RunResult result = run(world -> {
            Address a = world.start("a", new TestNodes.Idle());
            assertThatThrownBy(() -> world.crash(new Address(1, "b"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not belong to this run");
            assertThatThrownBy(() -> world.crash(new Address(0, "other"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not belong to this run");
            // An equal copy of a handed-out address is the same address.
            world.crash(new Address(a.index(), a.name()));
        });
        assertPassed(result);
        assertThat(events.linesStartingWith("crash")).containsExactly("crash 0 t=0");
    }

    @Test
    void contextArgumentsAreCheckedAtTheCall() {
        Map<String, Throwable> thrown = new LinkedHashMap<>();
        TimerId[] otherTimer = new TimerId[1];
        RunResult result = run(world -> {
            world.start("first", onStart(ctx -> otherTimer[0] = ctx.setTimer(Duration.ofSeconds(5), "t")));
            world.start("second", onStart(ctx -> {
                Map<String, Runnable> calls = new LinkedHashMap<>();
                calls.put("negative delay", () -> ctx.setTimerNanos(-1, "x"));
                calls.put("foreign handle", () -> ctx.cancelTimer(() -> 7L));
                calls.put("other node's timer", () -> ctx.cancelTimer(otherTimer[0]));
                calls.forEach((name, call) -> {
                    try {
                        call.run();
                    } catch (RuntimeException e) {
                        thrown.put(name, e);
                    }
                });
            }));
            world.runFor(MS);
        });
        assertPassed(result);
        assertThat(thrown.keySet()).containsExactly("negative delay", "foreign handle", "other node's timer");
        assertThat(thrown.get("negative delay")).hasMessage("a timer delay must not be negative, got -1 ns");
        assertThat(thrown.get("foreign handle")).hasMessageContaining("is not a timer handle from this engine");
        assertThat(thrown.get("other node's timer")).hasMessage("node 'second' cannot cancel a timer of node 'first'");
        assertThat(events.linesStartingWith("timer-cancelled")).isEmpty();
        assertThat(events.linesStartingWith("timer-set")).hasSize(1);
    }

    // ---------------------------------------------------------------- timers and steps, exactly

    @Test
    void timersGetIncreasingIdsAndACancelIsRecordedOnceOnlyForAPendingTimer() {
        RunResult result = run(world -> {
            world.start("n", new Node<Object>() {
                TimerId early;

                @Override
                public void onStart(Context<Object> ctx) {
                    early = ctx.setTimerNanos(1_000, "early");
                    TimerId late = ctx.setTimerNanos(5_000, "late");
                    ctx.cancelTimer(late);
                    ctx.cancelTimer(late);
                    ctx.cancelTimer(ctx.setTimer(MS, "cancelled"));
                }

                @Override
                public void onMessage(Context<Object> ctx, Address from, Object message) {}

                @Override
                public void onTimer(Context<Object> ctx, Object tag) {
                    ctx.cancelTimer(early); // already fired: nothing to cancel
                }
            });
            world.runFor(MS);
        });
        assertPassed(result);
        assertThat(events.lines()).containsExactly(
                "address 0 n",
                "start 0 inc=0 t=0 step=1",
                "timer-set 0 id=1 t=0 at=1000 tag=early",
                "timer-set 0 id=2 t=0 at=5000 tag=late",
                "timer-cancelled 0 id=2 t=0",
                "timer-set 0 id=3 t=0 at=1000000 tag=cancelled",
                "timer-cancelled 0 id=3 t=0",
                "timer-fired 0 id=1 t=1000");
        assertThat(result.steps()).isEqualTo(2);
    }

    @Test
    void eachStepIsNumberedInTheEventsItEmits() {
        RunResult result = run(world -> {
            world.start("a", new TestNodes.Idle());
            world.start("b", new TestNodes.Idle());
            world.start("c", new TestNodes.Idle());
            world.runFor(MS);
        });
        assertPassed(result);
        assertThat(events.linesStartingWith("start")).containsExactly(
                "start 0 inc=0 t=0 step=1", "start 1 inc=0 t=0 step=2", "start 2 inc=0 t=0 step=3");
    }

    @Test
    void deliveriesAreRecordedBeforeTheHandlerRuns() {
        RunResult result = run(world -> {
            world.network().setDefaultProfile(ONE_MS);
            Address b = world.address("b");
            world.start("a", new TestNodes.Burst(b, 2));
            world.start(b, new TestNodes.Collector());
            world.runFor(MS.multipliedBy(2));
        });
        assertPassed(result);
        assertThat(events.lines()).containsExactly(
                "address 0 b", "address 1 a",
                "start 1 inc=0 t=0 step=1",
                "send #1 1->0 t=0 latency=1000000 0",
                "send #2 1->0 t=0 latency=1000000 1",
                "start 0 inc=0 t=0 step=2",
                "deliver #1 1->0 t=1000000",
                "deliver #2 1->0 t=1000000");
    }

    // ---------------------------------------------------------------- limits at their boundaries

    @Test
    void thePendingEventLimitAdmitsExactlyItsSizeAtEverySchedulingSite() {
        RunOptions two = RunOptions.DEFAULTS.withMaxPendingEvents(2);
        // Starts: two fit, the third does not.
        assertThat(limitHit(world -> {
            world.start("a", new TestNodes.Idle());
            world.start("b", new TestNodes.Idle());
            world.runFor(MS);
        }, two)).isNull();
        assertThat(limitHit(world -> {
            world.start("a", new TestNodes.Idle());
            world.start("b", new TestNodes.Idle());
            world.start("c", new TestNodes.Idle());
        }, two)).isNotNull();
        // Sends and timers from a handler.
        assertThat(limitHit(world -> {
            Address sink = world.start("sink", new TestNodes.Idle());
            world.runFor(MS);
            world.start("a", new TestNodes.Burst(sink, 2));
            world.runFor(MS);
        }, two)).isNull();
        assertThat(limitHit(world -> {
            Address sink = world.start("sink", new TestNodes.Idle());
            world.runFor(MS);
            world.start("a", new TestNodes.Burst(sink, 3));
            world.runFor(MS);
        }, two)).isNotNull();
        assertThat(limitHit(world -> {
            world.start("a", onStart(ctx -> {
                for (int i = 0; i < 3; i++) {
                    ctx.setTimer(MS, i);
                }
            }));
            world.runFor(MS);
        }, two)).isNotNull();
        // A duplicate counts as an event of its own: one message and its copy do not fit in one slot.
        RunOptions one = RunOptions.DEFAULTS.withMaxPendingEvents(1);
        for (Ratio duplication : List.of(Ratio.ZERO, Ratio.ONE)) {
            LimitExceeded hit = limitHit(world -> {
                world.network().setDefaultProfile(LinkProfile.DEFAULT.withDuplication(duplication));
                Address sink = world.start("sink", new TestNodes.Idle());
                world.runFor(MS);
                world.start("a", new TestNodes.Burst(sink, 1));
                world.runFor(MS);
            }, one);
            assertThat(hit != null).as("limit hit with duplication %s", duplication).isEqualTo(duplication.equals(Ratio.ONE));
        }
        // Fault actions.
        assertThat(limitHit(world -> {
            Address a = world.start("a", new TestNodes.Idle());
            world.runFor(MS);
            world.runFor(MS.multipliedBy(10), Faults.crash().node(a).at(MS), Faults.crash().node(a).at(MS.multipliedBy(2)),
                    Faults.crash().node(a).at(MS.multipliedBy(3)));
        }, two)).isNotNull();
        // A restart's start.
        assertThat(limitHit(world -> {
            Address a = world.start("a", () -> new TestNodes.Idle());
            world.runFor(MS);
            world.start("b", new TestNodes.Idle());
            world.crash(a);
            world.restart(a);
        }, RunOptions.DEFAULTS.withMaxPendingEvents(1))).isNotNull();
    }

    private static LimitExceeded limitHit(Scenario scenario, RunOptions options) {
        RunResult result = ScenarioRunner.run(scenario, 1, options, null);
        if (result.failure() == null) {
            return null;
        }
        assertThat(result.failure()).isInstanceOf(LimitExceeded.class).hasMessageContaining("maxPendingEvents");
        return (LimitExceeded) result.failure();
    }

    @Test
    void theStepBudgetAdmitsExactlyItsSize() {
        Scenario threeStarts = world -> {
            world.start("a", new TestNodes.Idle());
            world.start("b", new TestNodes.Idle());
            world.start("c", new TestNodes.Idle());
            world.runFor(MS);
        };
        assertPassed(ScenarioRunner.run(threeStarts, 1, RunOptions.DEFAULTS.withMaxSteps(3), null));
        assertThat(ScenarioRunner.run(threeStarts, 1, RunOptions.DEFAULTS.withMaxSteps(2), null).failure())
                .isInstanceOf(LimitExceeded.class).hasMessageContaining("maxSteps");
    }

    @Test
    void theVirtualTimeLimitAdmitsAnEventAndARunExactlyAtIt() {
        Scenario timerAtTen = world -> {
            world.start("a", onStart(ctx -> ctx.setTimerNanos(10, "t")));
            world.runFor(Duration.ofNanos(10));
        };
        assertPassed(ScenarioRunner.run(timerAtTen, 1, RunOptions.DEFAULTS.withMaxVirtualTimeNanos(10), null));
        assertThat(ScenarioRunner.run(timerAtTen, 1, RunOptions.DEFAULTS.withMaxVirtualTimeNanos(9), null).failure())
                .isInstanceOf(LimitExceeded.class).hasMessageContaining("maxVirtualTimeNanos");
        Scenario idleRun = world -> world.runFor(Duration.ofNanos(10));
        assertPassed(ScenarioRunner.run(idleRun, 1, RunOptions.DEFAULTS.withMaxVirtualTimeNanos(10), null));
        assertThat(ScenarioRunner.run(idleRun, 1, RunOptions.DEFAULTS.withMaxVirtualTimeNanos(9), null).failure())
                .isInstanceOf(LimitExceeded.class).hasMessageContaining("past the virtual-time limit");
    }

    @Test
    void stepsAtOneInstantCountAcrossRunForCallsThatDoNotAdvanceTime() {
        RunOptions two = RunOptions.DEFAULTS.withMaxStepsWithoutTimeAdvance(2);
        RunResult result = ScenarioRunner.run(world -> {
            world.start("a", new TestNodes.Idle());
            world.start("b", new TestNodes.Idle());
            world.runFor(Duration.ZERO);
            world.start("c", new TestNodes.Idle());
            world.runFor(Duration.ZERO);
        }, 1, two, null);
        assertThat(result.failure()).isInstanceOf(LimitExceeded.class).hasMessageContaining("livelock");
        RunResult advanced = ScenarioRunner.run(world -> {
            world.start("a", new TestNodes.Idle());
            world.start("b", new TestNodes.Idle());
            world.runFor(Duration.ofNanos(1));
            world.start("c", new TestNodes.Idle());
            world.runFor(Duration.ZERO);
        }, 1, two, null);
        assertPassed(advanced);
    }

    @Test
    void runForProcessesAnEventDueExactlyAtItsEnd() {
        List<Object> fired = new ArrayList<>();
        RunResult result = run(world -> {
            world.start("a", new Node<Object>() {
                @Override
                public void onStart(Context<Object> ctx) {
                    ctx.setTimer(MS.multipliedBy(10), "at ten");
                }

                @Override
                public void onMessage(Context<Object> ctx, Address from, Object message) {}

                @Override
                public void onTimer(Context<Object> ctx, Object tag) {
                    fired.add(tag);
                }
            });
            world.runFor(MS.multipliedBy(10));
            assertThat(fired).containsExactly("at ten");
            assertThat(world.nowNanos()).isEqualTo(10_000_000L);
        });
        assertPassed(result);
    }

    @Test
    void runUntilProcessesAnEventDueExactlyAtItsDeadlineAndStopsTheClockThere() {
        List<Object> fired = new ArrayList<>();
        RunResult result = run(world -> {
            world.start("a", new Node<Object>() {
                @Override
                public void onStart(Context<Object> ctx) {
                    ctx.setTimer(MS.multipliedBy(10), "at ten");
                    ctx.setTimer(MS.multipliedBy(30), "at thirty");
                }

                @Override
                public void onMessage(Context<Object> ctx, Address from, Object message) {}

                @Override
                public void onTimer(Context<Object> ctx, Object tag) {
                    fired.add(tag);
                }
            });
            world.runUntil("fired", () -> !fired.isEmpty(), MS.multipliedBy(10));
            assertThat(world.nowNanos()).isEqualTo(10_000_000L);
            DeadlineExceeded[] caught = new DeadlineExceeded[1];
            try {
                world.runUntil("twice", () -> fired.size() == 2, MS.multipliedBy(5));
            } catch (DeadlineExceeded e) {
                caught[0] = e;
            }
            assertThat(caught[0]).isNotNull();
            assertThat(caught[0].timeNanos()).as("the clock stops at the deadline").isEqualTo(15_000_000L);
            assertThat(world.nowNanos()).isEqualTo(15_000_000L);
        });
        assertThat(result.failure()).isInstanceOf(DeadlineExceeded.class);
        assertThat(result.endTimeNanos()).isEqualTo(15_000_000L);
    }

    // ---------------------------------------------------------------- liveness

    /** Raises a flag at 2 ms and lowers it again at 4 ms. */
    static final class Blinker implements Node<Object> {
        final boolean[] up;

        Blinker(boolean[] up) {
            this.up = up;
        }

        @Override
        public void onStart(Context<Object> ctx) {
            ctx.setTimer(MS.multipliedBy(2), "up");
            ctx.setTimer(MS.multipliedBy(4), "down");
        }

        @Override
        public void onTimer(Context<Object> ctx, Object tag) {
            up[0] = tag.equals("up");
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {}
    }

    @Test
    void aLivenessPropertyThatHeldAfterAnyStepIsSatisfiedForGood() {
        // "Eventually" asks for one moment: the flag is up only between the 2 ms and 4 ms steps, and the
        // 10 ms deadline, at which it is down again, is not a violation.
        boolean[] up = new boolean[1];
        RunResult result = run(world -> {
            world.start("blinker", new Blinker(up));
            world.eventually("the flag goes up", () -> up[0], MS.multipliedBy(10));
            world.runFor(MS.multipliedBy(20));
        });

        assertPassed(result);
        assertThat(up[0]).isFalse();

        RunResult neverUp = run(world -> {
            world.start("blinker", new Blinker(up));
            world.eventually("the flag goes up", () -> up[0], MS);
            world.runFor(MS.multipliedBy(20));
        });
        assertThat(neverUp.failure()).isInstanceOf(LivenessViolation.class);
    }

    @Test
    void aLivenessPropertyMadeTrueByTheScenarioItselfCountsWithoutAStep() {
        boolean[] done = new boolean[1];
        RunResult result = run(world -> {
            world.eventually("the scenario sets it", () -> done[0], MS.multipliedBy(10));
            done[0] = true; // no node, no event: the property is only looked at when time passes its deadline
            world.runFor(MS.multipliedBy(20));
        });

        assertPassed(result);
    }

    @Test
    void ofTwoPropertiesMissedAtTheSameDeadlineTheOneStatedFirstIsReported() {
        RunResult result = run(world -> {
            world.eventually("first", () -> false, MS.multipliedBy(10));
            world.eventually("second", () -> false, MS.multipliedBy(10));
            world.eventually("later", () -> false, MS.multipliedBy(5).plus(MS.multipliedBy(6)));
            world.runFor(MS.multipliedBy(20));
        });

        assertThat(result.failure()).isInstanceOf(LivenessViolation.class).hasMessageContaining("first");
        assertThat(result.failure().getMessage()).doesNotContain("second");
    }

    @Test
    void aLivenessDeadlineIsMissedOnlyWhenTimeGoesPastIt() {
        Scenario exactlyToTheDeadline = world -> {
            world.eventually("never", () -> false, MS.multipliedBy(10));
            world.runFor(MS.multipliedBy(10));
        };
        assertPassed(ScenarioRunner.run(exactlyToTheDeadline, 1, RunOptions.DEFAULTS, null));
        RecordingListener listener = new RecordingListener();
        RunResult past = ScenarioRunner.run(world -> {
            world.eventually("never", () -> false, MS.multipliedBy(10));
            world.runFor(MS.multipliedBy(10).plusNanos(1));
        }, 1, RunOptions.DEFAULTS, listener);
        assertThat(past.failure()).isInstanceOf(LivenessViolation.class);
        assertThat(past.failure().timeNanos()).isEqualTo(10_000_000L);
        assertThat(listener.linesStartingWith("violated"))
                .containsExactly("violated never: still false 10.000ms after it was required t=10000000 step=0");
    }

    @Test
    void aLivenessPropertyThatStaysFalseWhileEventsHappenFailsAtTheFirstEventPastItsDeadline() {
        RunResult result = run(world -> {
            world.network().setDefaultProfile(ONE_MS);
            world.start("ticker", new Node<Object>() {
                @Override
                public void onStart(Context<Object> ctx) {
                    ctx.setTimer(MS.multipliedBy(3), "tick");
                }

                @Override
                public void onMessage(Context<Object> ctx, Address from, Object message) {}

                @Override
                public void onTimer(Context<Object> ctx, Object tag) {
                    ctx.setTimer(MS.multipliedBy(3), "tick");
                }
            });
            world.eventually("first", () -> false, MS.multipliedBy(10));
            world.eventually("second", () -> false, MS.multipliedBy(10));
            world.eventually("holds", () -> true, MS.multipliedBy(5));
            world.runFor(Duration.ofSeconds(1));
        });
        // The first missed deadline is reported, and of two equal deadlines the first registered.
        assertThat(result.failure()).isInstanceOf(LivenessViolation.class).hasMessageContaining("'first'");
        assertThat(result.failure().timeNanos()).isEqualTo(10_000_000L);
        assertThat(events.linesStartingWith("violated")).singleElement().asString().startsWith("violated first:");
    }

    // ---------------------------------------------------------------- invariants and handlers

    @Test
    void anInvariantThatReturnsNullIsAViolationSaidInWords() {
        RunResult result = run(world -> {
            world.start("a", new TestNodes.Idle());
            world.always("sloppy", (Invariant) () -> null);
            world.runFor(MS);
        });
        assertThat(result.failure()).isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("the invariant returned null instead of a Verdict");
        assertThat(events.linesStartingWith("violated"))
                .containsExactly("violated sloppy: the invariant returned null instead of a Verdict t=0 step=1");
    }

    @Test
    void anInvariantThatThrowsIsRecordedAsViolated() {
        RunResult result = run(world -> {
            world.start("a", new TestNodes.Idle());
            world.always("buggy", (Invariant) () -> {
                throw new IllegalStateException("oops");
            });
            world.runFor(MS);
        });
        assertThat(result.failure()).isInstanceOf(InvariantViolation.class);
        assertThat(events.linesStartingWith("violated")).singleElement().asString()
                .startsWith("violated buggy: the invariant itself threw java.lang.IllegalStateException: oops");
    }

    @Test
    void engineErrorsAndFatalErrorsPassThroughInvariantsAndHandlers() {
        assertThatThrownBy(() -> ScenarioRunner.run(world -> {
            world.start("a", new TestNodes.Idle());
            world.always("engine", (Invariant) () -> {
                throw new EngineError("from an invariant");
            });
            world.runFor(MS);
        }, 1, RunOptions.DEFAULTS, null)).isInstanceOf(EngineError.class).hasMessageStartingWith("from an invariant");
        assertThatThrownBy(() -> ScenarioRunner.run(world -> {
            world.start("a", onStart(ctx -> {
                throw new EngineError("from a handler");
            }));
            world.runFor(MS);
        }, 1, RunOptions.DEFAULTS, null)).isInstanceOf(EngineError.class).hasMessageStartingWith("from a handler");
        assertThatThrownBy(() -> ScenarioRunner.run(world -> {
            world.start("a", onStart(ctx -> {
                throw new OutOfMemoryError("pretend");
            }));
            world.runFor(MS);
        }, 1, RunOptions.DEFAULTS, null)).isInstanceOf(OutOfMemoryError.class);
        assertThatThrownBy(() -> ScenarioRunner.run(world -> {
            throw new OutOfMemoryError("scenario");
        }, 1, RunOptions.DEFAULTS, null)).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void theScenarioCatchesTheVeryFailureTheResultCarries() {
        List<SimulationFailure> caught = new ArrayList<>();
        Consumer<Runnable> catching = call -> {
            try {
                call.run();
            } catch (SimulationFailure e) {
                caught.add(e);
            }
        };
        // A limit hit inside a handler's own send.
        RunResult limit = ScenarioRunner.run(world -> catching.accept(() -> {
            Address sink = world.start("sink", new TestNodes.Idle());
            world.start("a", new TestNodes.Burst(sink, 5));
            world.runFor(MS);
        }), 1, RunOptions.DEFAULTS.withMaxPendingEvents(3), null);
        assertThat(limit.failure()).isInstanceOf(LimitExceeded.class);
        assertThat(caught).singleElement().isSameAs(limit.failure());
        // A handler that throws.
        caught.clear();
        RunResult thrown = ScenarioRunner.run(world -> catching.accept(() -> {
            world.start("a", onStart(ctx -> {
                throw new IllegalStateException("bug");
            }));
            world.runFor(MS);
        }), 1, RunOptions.DEFAULTS, null);
        assertThat(thrown.failure()).isInstanceOf(NodeFailure.class);
        assertThat(caught).singleElement().isSameAs(thrown.failure());
        // runUntil on a quiet system.
        caught.clear();
        RunResult quiet = ScenarioRunner.run(world -> catching.accept(() -> world.runUntil("x", () -> false, MS)),
                1, RunOptions.DEFAULTS, null);
        assertThat(quiet.failure()).isInstanceOf(QuiescenceFailure.class);
        assertThat(caught).singleElement().isSameAs(quiet.failure());
    }

    // ---------------------------------------------------------------- storage, buggify, swarm

    @Test
    void aCrashRecordsLostWritesOnlyWhenThereWereUnsyncedOnes() {
        for (long seed = 1; seed <= 8; seed++) {
            RecordingListener listener = new RecordingListener();
            RunResult result = ScenarioRunner.run(world -> {
                Address clean = world.start("clean", onStart(ctx -> {
                    ctx.storage().put("k", "v");
                    ctx.storage().sync();
                }));
                Address dirty = world.start("dirty", onStart(ctx -> {
                    ctx.storage().put("k", "v");
                    ctx.storage().append("e");
                }));
                world.runFor(MS);
                world.crash(clean);
                world.crash(dirty);
            }, seed, RunOptions.DEFAULTS, listener);
            assertPassed(result);
            // The only "faults" draws: the dirty node keeps a uniform prefix of its two unsynced writes.
            long kept = DeterministicRandom.derive(seed, "faults").nextInt(3);
            assertThat(listener.linesStartingWith("sync")).containsExactly("sync 0 writes=1 t=0");
            assertThat(listener.linesStartingWith("storage-lost")).singleElement().asString()
                    .startsWith("storage-lost 1 lost=" + (2 - kept) + " torn=");
        }
    }

    @Test
    void buggifyAlwaysOnFiresEveryTimeAndAlwaysOffNever() {
        int[] fired = new int[1];
        Scenario scenario = world -> {
            world.start("b", onStart(ctx -> {
                for (int i = 0; i < 10; i++) {
                    fired[0] += ctx.buggify("p") ? 1 : 0;
                }
            }));
            world.runFor(MS);
        };
        ScenarioRunner.run(scenario, 1, RunOptions.DEFAULTS.withBuggify(Ratio.ONE, Ratio.ONE), events);
        assertThat(fired[0]).isEqualTo(10);
        assertThat(events.linesStartingWith("buggify")).hasSize(10).allSatisfy(l -> assertThat(l).isEqualTo("buggify 0 p t=0"));
        fired[0] = 0;
        ScenarioRunner.run(scenario, 1, RunOptions.DEFAULTS.withBuggify(Ratio.ONE, Ratio.ZERO), null);
        assertThat(fired[0]).isZero();
    }

    @Test
    void theSwarmPlanIsDrawnFromTheSwarmStreamAndSetsTheDefaultProfile() {
        Pattern loss = Pattern.compile("loss=(\\d+)%");
        int lossySeeds = 0;
        for (long seed = 0; seed < 12; seed++) {
            RecordingListener listener = new RecordingListener();
            RunResult result = ScenarioRunner.run(world -> {
                Address sink = world.start("sink", new TestNodes.Idle());
                world.start("a", new TestNodes.Burst(sink, 200));
                world.runFor(Duration.ofSeconds(1));
            }, seed, RunOptions.DEFAULTS.withSwarm(true), listener);
            assertPassed(result);
            // The definition: one nextBoolean per kind in declaration order, then loss in [0, 30], duplication in [0, 50].
            DeterministicRandom swarm = DeterministicRandom.derive(seed, "swarm");
            List<String> kinds = new ArrayList<>();
            for (FaultKind kind : FaultKind.values()) {
                if (swarm.nextBoolean()) {
                    kinds.add(kind.label());
                }
            }
            long lossPercent = swarm.between(0, 30);
            long duplicationPercent = swarm.between(0, 50);
            assertThat(listener.linesStartingWith("swarm")).containsExactly("swarm kinds=" + String.join(",", kinds)
                    + " loss=" + lossPercent + "% duplication=" + duplicationPercent + "%");
            Matcher m = loss.matcher(listener.linesStartingWith("swarm").get(0));
            assertThat(m.find()).isTrue();
            if (lossPercent >= 10) {
                lossySeeds++;
                assertThat(listener.linesStartingWith("drop")).as("seed %s loses messages", seed).isNotEmpty();
            }
            if (duplicationPercent >= 10) {
                assertThat(listener.linesStartingWith("duplicate")).as("seed %s duplicates", seed).isNotEmpty();
            }
        }
        assertThat(lossySeeds).isGreaterThan(2);
    }

    // ---------------------------------------------------------------- clocks

    @Test
    void aClockJumpMovesPendingTimersByTheJump() {
        List<Long> firedAt = new ArrayList<>();
        List<Long> localAt = new ArrayList<>();
        RunResult result = run(world -> {
            Address n = world.start("n", new Node<Object>() {
                @Override
                public void onStart(Context<Object> ctx) {
                    ctx.setTimer(MS.multipliedBy(100), "alarm");
                }

                @Override
                public void onMessage(Context<Object> ctx, Address from, Object message) {}

                @Override
                public void onTimer(Context<Object> ctx, Object tag) {
                    localAt.add(ctx.nowNanos());
                }
            });
            world.runFor(MS.multipliedBy(10));
            // At 20 ms the clock jumps 30 ms ahead and runs at +100,000 ppm until 220 ms.
            world.runFor(MS.multipliedBy(300), Faults.clockSkew().node(n).drift(100_000).jump(MS.multipliedBy(30))
                    .window(MS.multipliedBy(10), MS.multipliedBy(200)));
            firedAt.add(world.nowNanos());
        });
        assertPassed(result);
        // At global 20 ms the local clock reads 50 ms; 50 ms more local time at 1.1x is 45.454545 ms global.
        assertThat(events.linesStartingWith("timer-fired")).containsExactly("timer-fired 0 id=1 t=65454545");
        assertThat(localAt).containsExactly(99_999_999L);
    }
}
