package dev.seedloop.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.DeterministicRandom;
import dev.seedloop.engine.api.Faults;
import dev.seedloop.engine.api.LinkProfile;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.Ratio;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.Schedule;
import dev.seedloop.engine.api.TimerId;
import dev.seedloop.trace.EventKindCode;
import dev.seedloop.trace.RunDigest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every event the engine reports is digested: the digest counts exactly the events a listener sees. */
class EventDigestTests {
    private static final Duration MS = Duration.ofMillis(1);

    /** Uses every service once: timers set, fired and cancelled, storage, buggify, messages. */
    static final class Busy implements Node<Object> {
        private final Address peer;

        Busy(Address peer) {
            this.peer = peer;
        }

        @Override
        public void onStart(Context<Object> ctx) {
            TimerId doomed = ctx.setTimer(MS.multipliedBy(50), "doomed");
            ctx.cancelTimer(doomed);
            ctx.setTimer(MS, "tick");
            ctx.storage().put("k", "value");
            ctx.storage().sync();
            ctx.storage().append("unsynced entry");
            ctx.storage().append("another unsynced entry");
            ctx.storage().append("a third unsynced entry");
            ctx.buggify("point");
            ctx.log("started");
            if (peer != null) {
                ctx.send(peer, "hello");
            }
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {}

        @Override
        public void onTimer(Context<Object> ctx, Object tag) {
            if (peer != null) {
                ctx.send(peer, "tick");
            }
        }
    }

    private static final Scenario EVERYTHING = world -> {
        world.network().setDefaultProfile(LinkProfile.DEFAULT.withLatency(MS, MS));
        Address b = world.address("b");
        Address a = world.start("a", () -> new Busy(b));
        world.start(b, () -> new Busy(null));
        world.start("c", new TestNodes.Idle());
        world.runFor(MS.multipliedBy(10), Faults.pause().node(b).window(MS.multipliedBy(2), MS.multipliedBy(3)),
                Faults.crashRestart().node(a).at(MS.multipliedBy(6), MS.multipliedBy(1)));
        world.network().isolate(a);
        world.network().heal();
        world.network().partition(List.of(a));
        world.note("label", "detail");
        world.crash(b);
        world.runFor(MS.multipliedBy(10));
    };

    @Test
    void theDigestCountsEveryReportedEvent() {
        RecordingListener listener = new RecordingListener();
        RunResult result = ScenarioRunner.run(EVERYTHING, 3,
                RunOptions.DEFAULTS.withBuggify(Ratio.ONE, Ratio.ONE).withSchedule(new Schedule(Schedule.Strategy.PCT, 2, 1_000, 1_000)), listener);
        assertThat(result.failure()).isNull();
        List<String> reported = listener.lines().stream()
                .filter(l -> !l.startsWith("address ") && !l.startsWith("swarm ")).toList();
        for (String kind : List.of("start", "crash", "send", "deliver", "timer-set", "timer-fired", "timer-cancelled",
                "network", "note", "log", "pause", "resume", "fault-begin", "fault-end", "buggify", "sync",
                "storage-lost", "decision")) {
            assertThat(reported).as(kind).anySatisfy(l -> assertThat(l).startsWith(kind + " "));
        }
        assertThat(listener.linesStartingWith("network")).containsExactly(
                "network 2 node=1 groups=[] t=10000000", "network 3 node=-1 groups=[] t=10000000",
                "network 1 node=-1 groups=[[1], [0, 2]] t=10000000");
        assertThat(result.events()).isEqualTo(reported.size());
    }

    @Test
    void eachKindOfEventChangesTheDigest() {
        long baseline = digestOf(world -> {});
        List<Scenario> variants = List.of(
                world -> world.crash(world.addresses().get(0)),
                world -> world.network().isolate(world.addresses().get(0)),
                world -> world.network().heal(),
                world -> world.note("x", "y"));
        for (Scenario variant : variants) {
            assertThat(digestOf(variant)).isNotEqualTo(baseline);
        }
    }

    /**
     * A node that makes one unsynced append and is crashed at 1 ms: the run's digest is its events (the
     * start, the crash and, unless the append survived, the loss) folded by the algorithm of trace-format.md
     * §8.1, the loss with id = writes lost and value = 1 when the lost write was torn, 0 when it was lost
     * whole. §8.2's table stops at kind 13; those words are the ones trace-format's
     * {@code TraceEvent.StorageLost} gives, with which a reader verifies a trace.
     */
    @Test
    void aStorageLossDigestsWhetherItsWriteWasTorn() {
        long ms = MS.toNanos();
        Set<String> outcomes = new HashSet<>();
        for (long seed = 0; seed < 24; seed++) {
            // The crash's "faults" draws (determinism.md): nextInt(1 + 1) writes survive; if none did,
            // nextBoolean() says whether the lost one is torn (and a further draw where, which is not digested).
            DeterministicRandom faults = DeterministicRandom.derive(seed, "faults");
            boolean lost = faults.nextInt(2) == 0;
            boolean torn = lost && faults.nextBoolean();

            RunDigest expected = new RunDigest();
            expected.event(EventKindCode.NODE_STARTED, 0, 0, -1, 0, 0);
            expected.event(EventKindCode.NODE_CRASHED, ms, 0, -1, 0, 0);
            if (lost) {
                expected.event(EventKindCode.STORAGE_LOST, ms, 0, -1, 1, torn ? 1 : 0);
            }
            RecordingListener listener = new RecordingListener();
            RunResult result = ScenarioRunner.run(world -> {
                Address writer = world.start("writer", new Node<Object>() {
                    @Override
                    public void onStart(Context<Object> ctx) {
                        ctx.storage().append("an entry long enough to tear");
                    }

                    @Override
                    public void onMessage(Context<Object> ctx, Address from, Object message) {}
                });
                world.runFor(MS);
                world.crash(writer);
            }, seed, RunOptions.DEFAULTS, listener);

            String outcome = lost ? (torn ? "torn" : "lost whole") : "kept";
            String what = "seed " + seed + ": " + outcome;
            assertThat(listener.linesStartingWith("storage-lost")).as(what)
                    .isEqualTo(lost ? List.of("storage-lost 0 lost=1 torn=" + torn + " t=" + ms) : List.of());
            assertThat(result.digest()).as(what).isEqualTo(expected.value());
            outcomes.add(outcome);
        }
        assertThat(outcomes).containsExactlyInAnyOrder("kept", "lost whole", "torn");
    }

    private static long digestOf(Scenario extra) {
        return ScenarioRunner.run(world -> {
            world.start("a", new TestNodes.Idle());
            world.runFor(MS);
            extra.run(world);
        }, 1, RunOptions.DEFAULTS, null).digest();
    }
}
