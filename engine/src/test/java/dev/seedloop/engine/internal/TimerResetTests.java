package dev.seedloop.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.NodeFailure;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.Schedule;
import dev.seedloop.engine.api.TimerId;
import dev.seedloop.engine.api.TraceOutput;
import dev.seedloop.engine.api.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Context#resetTimerNanos} is an optimization, not a new behaviour: a run that resets timers is
 * the same run, event for event, as one that cancels and sets them.
 */
class TimerResetTests {

    /**
     * Gossips with random peers and keeps two timers: a timeout restarted after every message (pending
     * when reset), and a tick restarted when it fires (already fired when reset), under random delays,
     * zero delays included so that timers tie with messages.
     */
    static final class Restarter implements Node<Object> {
        private final List<Address> peers;
        private final boolean useReset;
        private TimerId timeout;
        private TimerId tick;

        Restarter(List<Address> peers, boolean useReset) {
            this.peers = peers;
            this.useReset = useReset;
        }

        @Override
        public void onStart(Context<Object> ctx) {
            timeout = restart(ctx, timeout, "timeout");
            tick = restart(ctx, tick, "tick");
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {
            if ((int) message > 0 && ctx.random().nextInt(3) > 0) {
                ctx.send(peers.get(ctx.random().nextInt(peers.size())), (int) message - 1);
            }
            timeout = restart(ctx, timeout, "timeout");
        }

        @Override
        public void onTimer(Context<Object> ctx, Object tag) {
            ctx.send(peers.get(ctx.random().nextInt(peers.size())), 6);
            if (tag.equals("tick")) {
                tick = restart(ctx, tick, "tick"); // the handle's timer has just fired
            } else {
                timeout = restart(ctx, timeout, "timeout");
            }
        }

        private TimerId restart(Context<Object> ctx, TimerId timer, String tag) {
            long delay = ctx.random().nextInt(4) == 0 ? 0 : ctx.random().between(1, 30_000_000);
            if (useReset) {
                return ctx.resetTimerNanos(timer, delay, tag);
            }
            if (timer != null) {
                ctx.cancelTimer(timer);
            }
            return ctx.setTimerNanos(delay, tag);
        }
    }

    private static Scenario gossip(boolean useReset) {
        return world -> {
            List<Address> nodes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                nodes.add(world.address("n" + i));
            }
            for (Address node : nodes) {
                world.start(node, new Restarter(nodes, useReset));
            }
            world.runFor(Duration.ofSeconds(1));
        };
    }

    private static void runAlone(World world, Node<Object> node) {
        world.start("n", node);
        world.runFor(Duration.ofMillis(1));
    }

    @Test
    void resettingATimerRunsExactlyLikeCancellingAndSettingOne() {
        for (Schedule schedule : List.of(Schedule.fifo(), Schedule.randomTies(), Schedule.pct(3))) {
            RunOptions options = RunOptions.DEFAULTS.withSchedule(schedule);
            for (long seed = 0; seed < 100; seed++) {
                RunResult reset = Simulation.replay(gossip(true), seed, options);
                RunResult cancelAndSet = Simulation.replay(gossip(false), seed, options);
                assertThat(reset.failure()).as("seed %s under %s", seed, schedule).isNull();
                assertThat(reset.events()).as("events, seed %s under %s", seed, schedule)
                        .isEqualTo(cancelAndSet.events()).isGreaterThan(500);
                assertThat(reset.digest()).as("digest, seed %s under %s", seed, schedule)
                        .isEqualTo(cancelAndSet.digest());
            }
        }
    }

    @Test
    void resettingATimerWritesTheSameTraceBytes(@TempDir Path dir) throws Exception {
        Path reset = dir.resolve("reset.trace");
        Path cancelAndSet = dir.resolve("cancel-and-set.trace");
        Simulation.replay(gossip(true), 7, RunOptions.DEFAULTS, TraceOutput.events(reset, "gossip").withStableProvenance());
        Simulation.replay(gossip(false), 7, RunOptions.DEFAULTS,
                TraceOutput.events(cancelAndSet, "gossip").withStableProvenance());
        assertThat(Files.readAllBytes(reset)).isEqualTo(Files.readAllBytes(cancelAndSet));
    }

    @Test
    void aResetTimerFiresOnceAtItsNewTimeAndItsHandleFollowsTheRestart() {
        List<String> fired = new ArrayList<>();
        long[] ids = new long[3];
        RunResult result = Simulation.replay(world -> runAlone(world, new Node<Object>() {
            private TimerId tick;

            @Override
            public void onStart(Context<Object> ctx) {
                TimerId first = ctx.setTimerNanos(10, "first");
                ids[0] = first.id();
                TimerId second = ctx.resetTimerNanos(first, 20, "second");
                assertThat(second).as("the same handle, now the new timer's").isSameAs(first);
                ids[1] = second.id();
                TimerId doomed = ctx.setTimerNanos(30, "doomed");
                ctx.cancelTimer(ctx.resetTimerNanos(doomed, 40, "cancelled after its restart"));
                tick = ctx.setTimerNanos(5, "tick");
            }

            @Override
            public void onMessage(Context<Object> ctx, Address from, Object message) {}

            @Override
            public void onTimer(Context<Object> ctx, Object tag) {
                fired.add(tag + "@" + ctx.nowNanos());
                if (tag.equals("tick") && fired.size() == 1) {
                    TimerId again = ctx.resetTimerNanos(tick, 100, "tick"); // fired: nothing to cancel
                    assertThat(again).isSameAs(tick);
                    ids[2] = again.id();
                }
            }
        }), 1, RunOptions.DEFAULTS);
        assertThat(result.failure()).isNull();
        assertThat(fired).containsExactly("tick@5", "second@20", "tick@105");
        assertThat(ids[1]).isGreaterThan(ids[0]);
        assertThat(ids[2]).isGreaterThan(ids[1]);
    }

    @Test
    void aResetWithABadDelayOrAnotherNodesTimerFailsTheNodeWithAClearMessage() {
        TimerId[] foreign = new TimerId[1];
        Node<Object> owner = new Node<>() {
            @Override
            public void onStart(Context<Object> ctx) {
                foreign[0] = ctx.setTimerNanos(50, "owner's");
            }

            @Override
            public void onMessage(Context<Object> ctx, Address from, Object message) {}

            @Override
            public void onTimer(Context<Object> ctx, Object tag) {}
        };
        Node<Object> thief = new Node<>() {
            @Override
            public void onStart(Context<Object> ctx) {
                ctx.setTimerNanos(10, "go");
            }

            @Override
            public void onMessage(Context<Object> ctx, Address from, Object message) {}

            @Override
            public void onTimer(Context<Object> ctx, Object tag) {
                ctx.resetTimerNanos(foreign[0], 5, "stolen");
            }
        };
        RunResult stolen = Simulation.replay(world -> {
            world.start("owner", owner);
            world.start("thief", thief);
            world.runFor(Duration.ofMillis(1));
        }, 1, RunOptions.DEFAULTS);
        assertThat(stolen.failure()).isInstanceOf(NodeFailure.class);
        assertThat(stolen.failure().getCause()).hasMessageContaining("cannot cancel a timer of node 'owner'");

        RunResult badDelay = Simulation.replay(world -> runAlone(world, new Node<Object>() {
            @Override
            public void onStart(Context<Object> ctx) {
                TimerId pending = ctx.setTimerNanos(10, "kept");
                ctx.resetTimerNanos(pending, -1, "never");
            }

            @Override
            public void onMessage(Context<Object> ctx, Address from, Object message) {}

            @Override
            public void onTimer(Context<Object> ctx, Object tag) {}
        }), 1, RunOptions.DEFAULTS);
        assertThat(badDelay.failure()).isInstanceOf(NodeFailure.class);
        assertThat(badDelay.failure().getCause()).hasMessageContaining("must not be negative");
    }

    @Test
    void resettingAPendingTimerFitsInAFullQueue() {
        RunResult result = Simulation.replay(world -> {
            world.start("n", new Node<Object>() {
                private TimerId timer;

                @Override
                public void onStart(Context<Object> ctx) {
                    timer = ctx.setTimerNanos(100, "t");
                    for (int i = 0; i < 5; i++) {
                        timer = ctx.resetTimerNanos(timer, 100 + i, "t"); // the queue holds one event
                    }
                }

                @Override
                public void onMessage(Context<Object> ctx, Address from, Object message) {}

                @Override
                public void onTimer(Context<Object> ctx, Object tag) {}
            });
            world.runFor(Duration.ofMillis(1));
        }, 1, RunOptions.DEFAULTS.withMaxPendingEvents(1));
        assertThat(result.failure()).isNull();
        assertThat(result.steps()).isEqualTo(2); // the start and the one timer
    }
}
