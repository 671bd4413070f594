package dev.seedloop.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.TimerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorldTests {

    private static RunResult run(Scenario scenario, RecordingListener listener) {
        RunResult result = ScenarioRunner.run(scenario, 3, RunOptions.DEFAULTS, listener);
        assertThat(result.failure()).as("run failure").isNull();
        return result;
    }

    /** Records the virtual time of each timer firing, re-arming a one-second timer each time. */
    static final class Periodic implements Node<Object> {
        final List<Long> firedAt = new ArrayList<>();

        @Override
        public void onStart(Context<Object> ctx) {
            ctx.setTimer(Duration.ofSeconds(1), "tick");
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {}

        @Override
        public void onTimer(Context<Object> ctx, Object tag) {
            firedAt.add(ctx.nowNanos());
            ctx.setTimer(Duration.ofSeconds(1), "tick");
        }
    }

    @Test
    void virtualTimeJumpsFromEventToEvent() {
        Periodic periodic = new Periodic();
        long[] end = new long[1];
        RunResult result = run(world -> {
            world.start("periodic", periodic);
            world.runFor(Duration.ofSeconds(10));
            end[0] = world.nowNanos();
        }, null);
        assertThat(periodic.firedAt).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(periodic.firedAt.get(i)).isEqualTo((i + 1) * 1_000_000_000L);
        }
        assertThat(end[0]).isEqualTo(10_000_000_000L);
        assertThat(result.endTimeNanos()).isEqualTo(10_000_000_000L);
        assertThat(result.steps()).isEqualTo(11);
    }

    @Test
    void eventsDueAtTheSameInstantRunInSchedulingOrder() {
        List<String> order = new ArrayList<>();
        run(world -> {
            world.start("a", new Node<Object>() {
                @Override
                public void onStart(Context<Object> ctx) {
                    for (String tag : List.of("first", "second", "third")) {
                        ctx.setTimer(Duration.ofMillis(5), tag);
                    }
                }

                @Override
                public void onMessage(Context<Object> ctx, Address from, Object message) {}

                @Override
                public void onTimer(Context<Object> ctx, Object tag) {
                    order.add((String) tag);
                }
            });
            world.runFor(Duration.ofMillis(10));
        }, null);
        assertThat(order).containsExactly("first", "second", "third");
    }

    @Test
    void aCancelledTimerNeverFiresAndIsRecorded() {
        RecordingListener listener = new RecordingListener();
        List<Object> fired = new ArrayList<>();
        run(world -> {
            world.start("a", new Node<Object>() {
                @Override
                public void onStart(Context<Object> ctx) {
                    TimerId doomed = ctx.setTimer(Duration.ofMillis(5), "doomed");
                    ctx.setTimer(Duration.ofMillis(6), "kept");
                    ctx.cancelTimer(doomed);
                    ctx.cancelTimer(doomed); // a second cancel does nothing
                }

                @Override
                public void onMessage(Context<Object> ctx, Address from, Object message) {}

                @Override
                public void onTimer(Context<Object> ctx, Object tag) {
                    fired.add(tag);
                }
            });
            world.runFor(Duration.ofMillis(10));
        }, listener);
        assertThat(fired).containsExactly("kept");
        assertThat(listener.linesStartingWith("timer-cancelled")).hasSize(1);
    }

    @Test
    void aCrashedNodeStopsAndItsTimersNeverFire() {
        RecordingListener listener = new RecordingListener();
        Periodic periodic = new Periodic();
        run(world -> {
            Address a = world.start("a", periodic);
            world.runFor(Duration.ofMillis(2500));
            world.crash(a);
            world.runFor(Duration.ofSeconds(5));
        }, listener);
        assertThat(periodic.firedAt).hasSize(2);
        assertThat(listener.linesStartingWith("crash")).containsExactly("crash 0 t=2500000000");
    }

    @Test
    void notesAndLogsAreEventsAndEnterTheDigest() {
        RecordingListener listener = new RecordingListener();
        RunResult withNote = run(world -> {
            world.start("a", new LoggingNode("hello"));
            world.runFor(Duration.ofMillis(1));
            world.note("phase", "chaos begins");
        }, listener);
        assertThat(listener.lines()).contains("log 0: hello t=0", "note phase: chaos begins t=1000000");
        RunResult otherNote = run(world -> {
            world.start("a", new LoggingNode("hello"));
            world.runFor(Duration.ofMillis(1));
            world.note("phase", "chaos ends");
        }, null);
        assertThat(otherNote.digest()).isNotEqualTo(withNote.digest());
    }

    private record LoggingNode(String text) implements Node<Object> {
        @Override
        public void onStart(Context<Object> ctx) {
            ctx.log(text);
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {}
    }

    @Test
    void extraDrawsFromTheUserStreamLeaveTheRunUnchanged() {
        Scenario plain = world -> pingPong(world, 0);
        Scenario withExtraDraws = world -> pingPong(world, 1_000);
        RunResult a = run(plain, null);
        RunResult b = run(withExtraDraws, null);
        assertThat(b.digest()).isEqualTo(a.digest());
        assertThat(b.events()).isEqualTo(a.events());
    }

    private static void pingPong(dev.seedloop.engine.api.World world, int extraUserDraws) {
        for (int i = 0; i < extraUserDraws; i++) {
            world.random().nextLong();
        }
        Address b = world.address("b");
        world.start("a", new TestNodes.Burst(b, 50));
        world.start(b, new TestNodes.Idle());
        world.runFor(Duration.ofSeconds(1));
    }

    @Test
    void misuseIsReportedAtTheCall() {
        RunResult result = ScenarioRunner.run(world -> {
            world.address("a");
            assertThatThrownBy(() -> world.address("a")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("an address named 'a' already exists");
            assertThatThrownBy(() -> world.runFor(Duration.ofMillis(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
            Address foreign = new Address(7, "elsewhere");
            assertThatThrownBy(() -> world.start(foreign, new TestNodes.Idle()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not belong to this run");
            Address b = world.start("b", new TestNodes.Idle());
            assertThatThrownBy(() -> world.start(b, new TestNodes.Idle()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already started");
            assertThatThrownBy(() -> world.always(" ", () -> true))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be blank");
        }, 1, RunOptions.DEFAULTS, null);
        assertThat(result.failure()).isNull();
    }

    @Test
    void addressesAndNodesAreListedInCreationOrder() {
        run(world -> {
            Address z = world.address("z");
            Address a = world.start("a", new TestNodes.Idle());
            assertThat(world.addresses()).containsExactly(z, a);
            assertThat(world.node(z)).isNull();
            assertThat(world.node(a)).isInstanceOf(TestNodes.Idle.class);
            assertThat(z.index()).isZero();
            assertThat(a.index()).isOne();
        }, null);
    }
}
