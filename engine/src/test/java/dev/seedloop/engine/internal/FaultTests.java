package dev.seedloop.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.CheckOptions;
import dev.seedloop.engine.api.CheckResult;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Fault;
import dev.seedloop.engine.api.Faults;
import dev.seedloop.engine.api.LinkProfile;
import dev.seedloop.engine.api.LivenessViolation;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.Ratio;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.Seeds;
import dev.seedloop.engine.api.World;
import dev.seedloop.trace.EventKindCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The semantics of every fault kind, their composition, swarm testing, buggify and liveness. */
class FaultTests {
    private static final Duration MS = Duration.ofMillis(1);
    private static final LinkProfile TEN_MS = LinkProfile.DEFAULT.withLatency(MS.multipliedBy(10), MS.multipliedBy(10));

    private final RecordingListener events = new RecordingListener();

    private RunResult run(Scenario scenario, long seed, RunOptions options) {
        RunResult result = ScenarioRunner.run(scenario, seed, options, events);
        assertThat(result.failure()).as("run failure").isNull();
        return result;
    }

    private RunResult run(Scenario scenario) {
        return run(scenario, 1, RunOptions.DEFAULTS);
    }

    /** Sends a numbered message to its peer every 10 ms. */
    static final class Chatter implements Node<Object> {
        private final Address peer;
        private int sent;

        Chatter(Address peer) {
            this.peer = peer;
        }

        @Override
        public void onStart(Context<Object> ctx) {
            ctx.setTimer(MS.multipliedBy(10), "tick");
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {}

        @Override
        public void onTimer(Context<Object> ctx, Object tag) {
            ctx.send(peer, sent++);
            ctx.setTimer(MS.multipliedBy(10), "tick");
        }
    }

    private static Address[] pair(World world, TestNodes.Collector collector) {
        world.network().setDefaultProfile(TEN_MS);
        Address b = world.address("b");
        Address a = world.start("a", new Chatter(b));
        world.start(b, collector);
        return new Address[] {a, b};
    }

    @Test
    void aPinnedPartitionCutsOnlyInsideItsWindowAndRecordsItsParameters() {
        TestNodes.Collector b = new TestNodes.Collector();
        run(world -> {
            Address[] ab = pair(world, b);
            world.runFor(Duration.ofMillis(200),
                    Faults.partition().side(List.of(ab[0])).window(MS.multipliedBy(50), MS.multipliedBy(100)));
        });
        // Messages are sent at 10, 20, ... and arrive 10 ms later; arrivals in [50, 150) are cut.
        assertThat(b.times).allSatisfy(t -> assertThat(t < 50_000_000L || t >= 150_000_000L).isTrue());
        assertThat(b.times).contains(40_000_000L, 150_000_000L);
        assertThat(events.linesStartingWith("fault-begin"))
                .containsExactly("fault-begin #1 partition side=[a] from=PT0.05S to=PT0.15S t=50000000");
        assertThat(events.linesStartingWith("fault-end")).containsExactly("fault-end #1 partition t=150000000");
        assertThat(events.linesStartingWith("drop")).hasSize(10)
                .allSatisfy(l -> assertThat(l).endsWith("reason=" + EventKindCode.DROP_PARTITION));
    }

    @Test
    void unpinnedParametersAreDrawnFromTheSeedAndRecorded() {
        Scenario scenario = world -> {
            pair(world, new TestNodes.Collector());
            world.runFor(Duration.ofSeconds(1), Faults.partition(), Faults.slowLink(), Faults.pause(), Faults.clockSkew());
        };
        Set<String> plans = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            RecordingListener first = new RecordingListener();
            RecordingListener second = new RecordingListener();
            ScenarioRunner.run(scenario, seed, RunOptions.DEFAULTS, first);
            ScenarioRunner.run(scenario, seed, RunOptions.DEFAULTS, second);
            assertThat(second.linesStartingWith("fault-begin")).isEqualTo(first.linesStartingWith("fault-begin"))
                    .hasSize(4);
            plans.add(String.join("|", first.linesStartingWith("fault-begin")));
        }
        assertThat(plans).as("different seeds, different fault plans").hasSizeGreaterThan(15);
    }

    @Test
    void overlappingPartitionsComposeAndOneEndingNeverHealsTheOther() {
        TestNodes.Collector b = new TestNodes.Collector();
        run(world -> {
            Address[] ab = pair(world, b);
            world.runFor(Duration.ofMillis(300),
                    Faults.partition().side(List.of(ab[0])).window(MS.multipliedBy(50), MS.multipliedBy(100)),
                    Faults.partition().side(List.of(ab[1])).window(MS.multipliedBy(100), MS.multipliedBy(100)));
        });
        // Cut from 50 to 200: the first ends at 150 but the second holds until 200.
        assertThat(b.times).allSatisfy(t -> assertThat(t < 50_000_000L || t >= 200_000_000L).isTrue());
        assertThat(b.times).contains(200_000_000L);
    }

    @Test
    void aSlowLinkMultipliesLatencyFixedAtSendTime() {
        TestNodes.Collector b = new TestNodes.Collector();
        run(world -> {
            Address[] ab = pair(world, b);
            world.runFor(Duration.ofMillis(200),
                    Faults.slowLink().between(ab[0], ab[1]).factor(5).window(MS.multipliedBy(55), MS.multipliedBy(20)));
        });
        // Sends at 60 and 70 fall in [55, 75): 50 ms latency. The send at 50 keeps 10 ms; 80 is back to 10 ms.
        assertThat(b.times).contains(60_000_000L, 110_000_000L, 120_000_000L, 90_000_000L);
        assertThat(events.linesStartingWith("send")).filteredOn(l -> l.contains("latency=50000000")).hasSize(2);
    }

    @Test
    void aSlowLinkSlowsTheDuplicatesItCarriesToo() {
        TestNodes.Collector b = new TestNodes.Collector();
        run(world -> {
            Address[] ab = pair(world, b);
            world.network().setDefaultProfile(TEN_MS.withDuplication(Ratio.ONE));
            world.runFor(Duration.ofMillis(200),
                    Faults.slowLink().between(ab[0], ab[1]).factor(5).window(MS.multipliedBy(55), MS.multipliedBy(20)));
        });
        // Every message is duplicated; the two sent at 60 and 70, and their duplicates, take 50 ms.
        assertThat(events.linesStartingWith("duplicate")).filteredOn(l -> l.contains("latency=50000000")).hasSize(2);
        assertThat(events.linesStartingWith("duplicate")).filteredOn(l -> !l.contains("latency=50000000"))
                .isNotEmpty().allSatisfy(l -> assertThat(l).endsWith("latency=10000000"));
    }

    @Test
    void aCrashStopsTheNodeForTheRestOfTheRun() {
        TestNodes.Collector b = new TestNodes.Collector();
        run(world -> {
            Address[] ab = pair(world, b);
            world.runFor(Duration.ofMillis(100), Faults.crash().node(ab[1]).at(MS.multipliedBy(35)));
            world.runFor(Duration.ofMillis(100));
        });
        assertThat(b.times).containsExactly(20_000_000L, 30_000_000L);
        assertThat(events.linesStartingWith("crash")).containsExactly("crash 0 t=35000000");
        // Sent at 30..190 ms, due at 40..200 ms: 17 messages reach a crashed node.
        assertThat(events.linesStartingWith("drop")).hasSize(17)
                .allSatisfy(l -> assertThat(l).endsWith("reason=" + EventKindCode.DROP_CRASHED));
    }

    /** Stores every message it receives, syncing only every third one; remembers what it saw in memory. */
    static final class Recorder implements Node<Object> {
        final List<Object> inMemory = new ArrayList<>();
        final List<List<String>> logsSeenAtStart = new ArrayList<>();

        @Override
        public void onStart(Context<Object> ctx) {
            logsSeenAtStart.add(ctx.storage().log());
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {
            inMemory.add(message);
            ctx.storage().append("m" + message);
            if ((int) message % 3 == 2) {
                ctx.storage().sync();
            }
        }
    }

    @Test
    void crashRestartRebuildsTheNodeWithOnlyWhatItSynced() {
        List<Recorder> incarnations = new ArrayList<>();
        run(world -> {
            world.network().setDefaultProfile(TEN_MS);
            Address recorder = world.address("r");
            world.start("a", new Chatter(recorder));
            world.start(recorder, () -> {
                Recorder r = new Recorder();
                incarnations.add(r);
                return r;
            });
            world.runFor(Duration.ofMillis(300),
                    Faults.crashRestart().node(recorder).at(MS.multipliedBy(95), MS.multipliedBy(50)));
        }, 3, RunOptions.DEFAULTS);
        assertThat(incarnations).hasSize(2);
        Recorder before = incarnations.get(0);
        Recorder after = incarnations.get(1);
        assertThat(before.inMemory).isNotEmpty();
        assertThat(after.inMemory).as("in-memory state does not survive").doesNotContainAnyElementsOf(before.inMemory);
        List<String> survived = after.logsSeenAtStart.get(0);
        // Messages 0..7 arrived before the crash at 95 ms; 0..5 were synced (with 2 and 5), 6 and 7 were not.
        assertThat(before.inMemory).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(survived).startsWith("m0", "m1", "m2", "m3", "m4", "m5").hasSizeBetween(6, 8);
        assertThat(events.linesStartingWith("start 0")).hasSize(2);
        assertThat(events.lines()).anySatisfy(l -> assertThat(l).startsWith("start 0 inc=1 t=145000000"));
        assertThat(events.linesStartingWith("drop")).hasSize(5)
                .allSatisfy(l -> assertThat(l).endsWith("reason=" + EventKindCode.DROP_CRASHED));
    }

    @Test
    void unsyncedWritesAreLostAsTheSeedDecidesNoneAPrefixOrTorn() {
        Set<String> outcomes = new HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            List<String> seen = new ArrayList<>();
            ScenarioRunner.run(world -> {
                Address node = world.start("w", () -> new Node<Object>() {
                    @Override
                    public void onStart(Context<Object> ctx) {
                        if (ctx.storage().log().isEmpty()) {
                            ctx.storage().append("synced");
                            ctx.storage().sync();
                            ctx.storage().append("first-unsynced");
                            ctx.storage().append("second-unsynced");
                        } else {
                            seen.addAll(ctx.storage().log());
                        }
                    }

                    @Override
                    public void onMessage(Context<Object> ctx, Address from, Object message) {}
                });
                world.runFor(MS);
                world.crash(node);
                world.restart(node);
                world.runFor(MS);
            }, seed, RunOptions.DEFAULTS, null);
            assertThat(seen).startsWith("synced");
            outcomes.add(seen.size() == 1 ? "none kept"
                    : seen.equals(List.of("synced", "first-unsynced")) ? "prefix"
                    : seen.equals(List.of("synced", "first-unsynced", "second-unsynced")) ? "all kept"
                    : "torn");
        }
        assertThat(outcomes).containsExactlyInAnyOrder("none kept", "prefix", "all kept", "torn");
    }

    /** Logs every message and timer with its local time. */
    static final class Witness implements Node<Object> {
        final List<String> handled = new ArrayList<>();

        @Override
        public void onStart(Context<Object> ctx) {
            ctx.setTimer(MS.multipliedBy(75), "alarm");
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {
            handled.add("msg " + message + " @" + ctx.nowNanos() / 1_000_000);
        }

        @Override
        public void onTimer(Context<Object> ctx, Object tag) {
            handled.add(tag + " @" + ctx.nowNanos() / 1_000_000);
        }
    }

    /**
     * A chatter sends to {@code witness} every 10 ms (10 ms latency) for 200 ms; the witness is paused from
     * 45 to 105 ms, with the faults {@code more} makes for its address besides.
     */
    private void runPausedWitness(Witness witness, Function<Address, List<Fault>> more) {
        run(world -> {
            world.network().setDefaultProfile(TEN_MS);
            Address w = world.address("w");
            world.start("a", new Chatter(w));
            world.start(w, witness);
            List<Fault> faults = new ArrayList<>(more.apply(w));
            faults.add(Faults.pause().node(w).window(MS.multipliedBy(45), MS.multipliedBy(60)));
            world.runFor(Duration.ofMillis(200), faults.toArray(Fault[]::new));
        });
    }

    @Test
    void aPausedNodeHandlesItsBacklogInArrivalOrderWhenItResumes() {
        Witness witness = new Witness();
        runPausedWitness(witness, w -> List.of());
        // Arrivals at 50, 60, 70 (and the alarm at 75), 80, 90, 100 wait until the pause ends at 105.
        assertThat(witness.handled).startsWith("msg 0 @20", "msg 1 @30", "msg 2 @40",
                "msg 3 @105", "msg 4 @105", "msg 5 @105", "alarm @105", "msg 6 @105", "msg 7 @105", "msg 8 @105",
                "msg 9 @110");
        assertThat(events.linesStartingWith("pause")).containsExactly("pause 0 t=45000000 until=105000000");
        assertThat(events.linesStartingWith("resume")).containsExactly("resume 0 t=105000000");
    }

    @Test
    void messagesThatReachedAPausedNodeAreDroppedWhenItCrashes() {
        Witness witness = new Witness();
        runPausedWitness(witness, w -> List.of(Faults.crash().node(w).at(MS.multipliedBy(85))));
        // Messages #4 to #7 arrived at 50, 60, 70 and 80 and wait in the paused node's memory: the crash at
        // 85 loses them; #8 is still in flight and is dropped on arrival at 90, like every later one.
        assertThat(witness.handled).containsExactly("msg 0 @20", "msg 1 @30", "msg 2 @40");
        assertThat(events.linesStartingWith("drop")).startsWith("drop #4 1->0 t=85000000 reason=4",
                "drop #5 1->0 t=85000000 reason=4", "drop #6 1->0 t=85000000 reason=4",
                "drop #7 1->0 t=85000000 reason=4", "drop #8 1->0 t=90000000 reason=4");
    }

    @Test
    void aMessageThatArrivesAtAPausedNodeAcrossAPartitionIsDroppedOnArrival() {
        Witness witness = new Witness();
        // The witness is cut off from 55 to 75 ms, inside its pause (45 to 105 ms).
        runPausedWitness(witness, w -> List.of(
                Faults.partition().side(List.of(w)).window(MS.multipliedBy(55), MS.multipliedBy(20))));
        // Message #5 (sent at 50) and #6 (sent at 60) arrive at 60 and 70, while the link is cut: a paused
        // host is still a host the partition keeps them from, so they are dropped then, not kept for later.
        // #4 arrived at 50 and #7 at 80, on either side of the cut, and wait for the pause to end.
        assertThat(events.linesStartingWith("drop")).containsExactly(
                "drop #5 1->0 t=60000000 reason=" + EventKindCode.DROP_PARTITION,
                "drop #6 1->0 t=70000000 reason=" + EventKindCode.DROP_PARTITION);
        assertThat(witness.handled).startsWith("msg 0 @20", "msg 1 @30", "msg 2 @40",
                "msg 3 @105", "alarm @105", "msg 6 @105", "msg 7 @105", "msg 8 @105", "msg 9 @110");
    }

    @Test
    void clockSkewChangesTheNodesClockAndTimersButNotGlobalTime() {
        Witness witness = new Witness();
        long[] end = new long[1];
        run(world -> {
            Address w = world.start("w", witness);
            // +500,000 ppm: the local clock runs 1.5x fast from 0 to 100 ms, then keeps its 50 ms lead.
            world.runFor(Duration.ofMillis(200), Faults.clockSkew().node(w).drift(500_000)
                    .window(Duration.ZERO, MS.multipliedBy(100)));
            end[0] = world.nowNanos();
        });
        // The 75 ms alarm fires after 50 ms of global time, when the local clock reads 75 ms.
        assertThat(witness.handled).containsExactly("alarm @75");
        assertThat(events.linesStartingWith("timer-fired")).singleElement()
                .satisfies(l -> assertThat(l).endsWith("t=50000000"));
        assertThat(end[0]).isEqualTo(200_000_000L);
    }

    @Test
    void everyHandleIsValidatedBeforeAnyIsCommitted() {
        RunResult result = ScenarioRunner.run(world -> {
            Address[] ab = pair(world, new TestNodes.Collector());
            assertThatThrownBy(() -> world.runFor(Duration.ofMillis(100),
                    Faults.partition().side(List.of(ab[0])),
                    Faults.pause().node(ab[1]).window(MS.multipliedBy(90), MS.multipliedBy(20))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("pause fault window")
                    .hasMessageContaining("ends after its runFor phase");
            assertThatThrownBy(() -> world.runFor(Duration.ofMillis(100),
                    Faults.crashRestart().node(ab[0]))).hasMessageContaining("started from a factory");
            world.runFor(Duration.ofMillis(100));
        }, 1, RunOptions.DEFAULTS, events);
        assertThat(result.passed()).isTrue();
        assertThat(events.linesStartingWith("fault")).as("nothing of the rejected calls was scheduled").isEmpty();
    }

    @Test
    void swarmTestingEnablesEveryKindOverManySeedsAndSkipsTheRest() {
        Set<String> seenKinds = new HashSet<>();
        Set<String> skipped = new HashSet<>();
        Scenario everything = world -> {
            Address b = world.address("b");
            world.start("a", () -> new Chatter(b));
            world.start(b, () -> new TestNodes.Collector());
            world.start("c", () -> new TestNodes.Idle());
            world.runFor(Duration.ofSeconds(1), Faults.partition(), Faults.slowLink(), Faults.crash(),
                    Faults.crashRestart(), Faults.pause(), Faults.clockSkew());
        };
        for (long seed = 0; seed < 40; seed++) {
            RecordingListener listener = new RecordingListener();
            RunResult result = ScenarioRunner.run(everything, seed, RunOptions.DEFAULTS.withSwarm(true), listener);
            assertThat(result.passed()).isTrue();
            assertThat(listener.linesStartingWith("swarm ")).hasSize(1);
            listener.linesStartingWith("fault-begin").forEach(l -> seenKinds.add(l.split(" ")[2]));
            listener.linesStartingWith("note swarm").forEach(skipped::add);
        }
        assertThat(seenKinds).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(FaultKind.values()).map(FaultKind::label).toList());
        assertThat(skipped).isNotEmpty();
    }

    @Test
    void buggifyPointsAreEnabledPerRunFireBySeedAndAreRecordedAsInjected() {
        int[] fired = new int[2];
        Scenario scenario = world -> world.start("b", new Node<Object>() {
            @Override
            public void onStart(Context<Object> ctx) {
                for (int i = 0; i < 100; i++) {
                    fired[0] += ctx.buggify("slow-ack") ? 1 : 0;
                    fired[1] += ctx.buggify("drop-cache") ? 1 : 0;
                }
            }

            @Override
            public void onMessage(Context<Object> ctx, Address from, Object message) {}
        });
        Set<String> patterns = new HashSet<>();
        for (long seed = 0; seed < 64; seed++) {
            fired[0] = 0;
            fired[1] = 0;
            RecordingListener listener = new RecordingListener();
            ScenarioRunner.run(world -> {
                scenario.run(world);
                world.runFor(MS);
            }, seed, RunOptions.DEFAULTS.withBuggify(Ratio.percent(50), Ratio.percent(25)), listener);
            assertThat(listener.linesStartingWith("buggify")).hasSize(fired[0] + fired[1]);
            for (int count : fired) {
                // Disabled: never fires. Enabled: fires about 25 times in 100 (5 standard deviations: 3..47).
                assertThat(count == 0 || (count > 3 && count < 47)).as("fired %s", count).isTrue();
            }
            patterns.add((fired[0] > 0) + "/" + (fired[1] > 0));
        }
        assertThat(patterns).as("each point is switched on or off per run, independently")
                .containsExactlyInAnyOrder("true/true", "true/false", "false/true", "false/false");

        fired[0] = 0;
        ScenarioRunner.run(world -> {
            scenario.run(world);
            world.runFor(MS);
        }, 1, RunOptions.DEFAULTS.withBuggify(Ratio.ZERO, Ratio.ONE), null);
        assertThat(fired[0]).as("buggify switched off").isZero();
    }

    @Test
    void aLivenessPropertyThatNeverHoldsFailsWithWhatAndSinceWhen() {
        RunResult result = ScenarioRunner.run(world -> {
            world.start("idle", new TestNodes.Idle());
            world.runFor(MS.multipliedBy(10));
            world.eventually("a leader is elected", () -> false, MS.multipliedBy(500));
            world.runFor(Duration.ofSeconds(2));
        }, 1, RunOptions.DEFAULTS, null);
        assertThat(result.failure()).isInstanceOf(LivenessViolation.class)
                .hasMessageContaining("liveness 'a leader is elected' still false at 510.000ms")
                .hasMessageContaining("expected within 500.000ms of 10.000ms");
    }

    @Test
    void aLivenessPropertyThatHoldsInTimeIsSatisfiedForGood() {
        TestNodes.Collector b = new TestNodes.Collector();
        RunResult result = ScenarioRunner.run(world -> {
            pair(world, b);
            world.eventually("five messages arrive", () -> b.received.size() >= 5, MS.multipliedBy(100));
            world.runFor(Duration.ofSeconds(1));
        }, 1, RunOptions.DEFAULTS, null);
        assertThat(result.passed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void runsWithEveryFaultKindReplayExactlyWhateverTheThreadCount(int threads) {
        Scenario chaos = world -> {
            world.network().setDefaultProfile(LinkProfile.DEFAULT.withLoss(Ratio.percent(5)).withDuplication(Ratio.percent(5)));
            Address b = world.address("b");
            Address c = world.address("c");
            world.start("a", () -> new Chatter(b));
            world.start(b, () -> new Chatter(c));
            world.start(c, () -> new Recorder());
            world.runFor(Duration.ofMillis(500), Faults.partition(), Faults.slowLink(), Faults.crashRestart(),
                    Faults.pause(), Faults.clockSkew(), Faults.crash());
            world.runFor(Duration.ofMillis(200));
        };
        CheckOptions options = CheckOptions.seeds(Seeds.first(1000)).withProgress(null).withTraceDirectory(null)
                .withRunOptions(RunOptions.DEFAULTS.withSwarm(true));
        CheckResult reference = Simulation.check(chaos, options.withThreads(1));
        CheckResult result = Simulation.check(chaos, options.withThreads(threads));
        assertThat(result.sweepDigest()).isEqualTo(reference.sweepDigest());
        assertThat(result.seedsChecked()).isEqualTo(1000);
        for (long seed : new long[] {0, 17, 999}) {
            assertThat(Simulation.replay(chaos, seed, RunOptions.DEFAULTS.withSwarm(true)).digest())
                    .isEqualTo(Simulation.replay(chaos, seed, RunOptions.DEFAULTS.withSwarm(true)).digest());
        }
    }
}
