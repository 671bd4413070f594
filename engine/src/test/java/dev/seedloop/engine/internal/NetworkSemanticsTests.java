package dev.seedloop.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Faults;
import dev.seedloop.engine.api.LinkProfile;
import dev.seedloop.engine.api.Ratio;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.trace.EventKindCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NetworkSemanticsTests {
    private static final LinkProfile TEN_MS =
            LinkProfile.DEFAULT.withLatency(Duration.ofMillis(10), Duration.ofMillis(10));

    private final RecordingListener events = new RecordingListener();

    private RunResult run(Scenario scenario) {
        return run(scenario, 1);
    }

    private RunResult run(Scenario scenario, long seed) {
        RunResult result = ScenarioRunner.run(scenario, seed, RunOptions.DEFAULTS, events);
        assertThat(result.failure()).as("run failure").isNull();
        return result;
    }

    @Test
    void aPartitionOpenedWhileAMessageIsInFlightCutsIt() {
        TestNodes.Collector b = new TestNodes.Collector();
        run(world -> {
            world.network().setDefaultProfile(TEN_MS);
            Address bAddress = world.address("b");
            Address a = world.start("a", new TestNodes.Burst(bAddress, 1));
            world.start(bAddress, b);
            world.runFor(Duration.ofMillis(5)); // sent at 0, due at 10 ms
            world.network().partition(List.of(a));
            world.runFor(Duration.ofMillis(20));
        });
        assertThat(b.received).isEmpty();
        assertThat(events.linesStartingWith("drop"))
                .containsExactly("drop #1 1->0 t=10000000 reason=" + EventKindCode.DROP_PARTITION); // b is index 0
    }

    @Test
    void aPartitionHealedBeforeDeliveryLetsTheMessageThrough() {
        TestNodes.Collector b = new TestNodes.Collector();
        run(world -> {
            world.network().setDefaultProfile(TEN_MS);
            Address bAddress = world.address("b");
            Address a = world.address("a");
            world.network().partition(List.of(a)); // cut before the message is even sent
            world.start(a, new TestNodes.Burst(bAddress, 1));
            world.start(bAddress, b);
            world.runFor(Duration.ofMillis(5));
            assertThat(world.network().canReach(a, bAddress)).isFalse();
            world.network().heal();
            world.runFor(Duration.ofMillis(20));
        });
        assertThat(b.received).containsExactly(0);
        assertThat(b.times).containsExactly(10_000_000L);
        assertThat(events.linesStartingWith("drop")).isEmpty();
    }

    /** Sends {@code message} to {@code target} when its timer fires {@code afterNanos} after its start. */
    private static final class SendLater implements dev.seedloop.engine.api.Node<Object> {
        private final Address target;
        private final long afterNanos;

        SendLater(Address target, long afterNanos) {
            this.target = target;
            this.afterNanos = afterNanos;
        }

        @Override
        public void onStart(dev.seedloop.engine.api.Context<Object> ctx) {
            ctx.setTimerNanos(afterNanos, "send");
        }

        @Override
        public void onMessage(dev.seedloop.engine.api.Context<Object> ctx, Address from, Object message) {}

        @Override
        public void onTimer(dev.seedloop.engine.api.Context<Object> ctx, Object tag) {
            ctx.send(target, "late");
        }
    }

    @Test
    void groupsThatCoverEveryNodeStillCutBetweenThem() {
        TestNodes.Collector b = new TestNodes.Collector();
        run(world -> {
            world.network().setDefaultProfile(TEN_MS);
            Address bAddress = world.address("b");
            Address a = world.address("a");
            world.network().partition(List.of(List.of(a), List.of(bAddress))); // no node left outside
            world.start(a, new TestNodes.Burst(bAddress, 1));
            world.start(bAddress, b);
            world.runFor(Duration.ofMillis(20));
        });
        assertThat(b.received).isEmpty();
        assertThat(events.linesStartingWith("drop")).containsExactly(
                "drop #1 1->0 t=10000000 reason=" + EventKindCode.DROP_PARTITION);
    }

    @Test
    void anIsolationOutlivesAnInjectedPartitionThatEnds() {
        TestNodes.Collector b = new TestNodes.Collector();
        run(world -> {
            world.network().setDefaultProfile(TEN_MS);
            Address bAddress = world.address("b");
            Address a = world.address("a");
            Address c = world.start("c", new TestNodes.Idle());
            world.network().isolate(a);
            world.runFor(Duration.ofMillis(10), Faults.partition().side(List.of(c))
                    .window(Duration.ofMillis(1), Duration.ofMillis(2)));
            world.start(a, new TestNodes.Burst(bAddress, 1));
            world.start(bAddress, b);
            world.runFor(Duration.ofMillis(20));
        });
        assertThat(b.received).isEmpty();
        assertThat(events.linesStartingWith("drop")).containsExactly(
                "drop #1 1->0 t=20000000 reason=" + EventKindCode.DROP_ISOLATED);
    }

    @Test
    void anInjectedPartitionStillCutsAfterAnOverlappingOneEnds() {
        TestNodes.Collector b = new TestNodes.Collector();
        run(world -> {
            world.network().setDefaultProfile(TEN_MS);
            Address bAddress = world.start("b", b);
            Address a = world.start("a", new SendLater(bAddress, 30_000_000));
            world.runFor(Duration.ofMillis(100),
                    Faults.partition().side(List.of(a)).window(Duration.ZERO, Duration.ofMillis(10)),
                    Faults.partition().side(List.of(a)).window(Duration.ofMillis(5), Duration.ofMillis(50)));
        });
        assertThat(b.received).isEmpty();
        assertThat(events.linesStartingWith("drop")).containsExactly(
                "drop #1 1->0 t=40000000 reason=" + EventKindCode.DROP_PARTITION);
    }

    @Test
    void nodesOutsideEveryListedGroupFormOneGroupOfTheirOwn() {
        TestNodes.Collector c = new TestNodes.Collector();
        TestNodes.Collector d = new TestNodes.Collector();
        run(world -> {
            Address a = world.address("a");
            Address b = world.address("b");
            Address cAddress = world.address("c");
            Address dAddress = world.address("d");
            world.network().partition(List.of(List.of(a), List.of(b)));
            assertThat(world.network().canReach(cAddress, dAddress)).isTrue();
            assertThat(world.network().canReach(a, b)).isFalse();
            assertThat(world.network().canReach(a, cAddress)).isFalse();
            world.start(a, new TestNodes.Burst(cAddress, 1));
            world.start(b, new TestNodes.Idle());
            world.start(cAddress, c);
            world.start(dAddress, d);
            world.runFor(Duration.ofMillis(50));
        });
        assertThat(c.received).isEmpty();
        assertThat(events.linesStartingWith("network"))
                .containsExactly("network 1 node=-1 groups=[[0], [1], [2, 3]] t=0");
    }

    @Test
    void reliableLinksDeliverInFifoOrderPerLink() {
        TestNodes.Collector b = new TestNodes.Collector();
        run(world -> {
            world.network().setDefaultProfile(LinkProfile.reliableFifo());
            Address bAddress = world.address("b");
            world.start("a", new TestNodes.Burst(bAddress, 200));
            world.start(bAddress, b);
            world.runFor(Duration.ofSeconds(1));
        });
        assertThat(b.received).containsExactlyElementsOf(IntStream.range(0, 200).boxed().toList());
    }

    @Test
    void unreliableLinksReorderMessagesThroughIndependentLatencies() {
        // The contrast that keeps the FIFO test honest: without reliability, order is not kept.
        TestNodes.Collector b = new TestNodes.Collector();
        run(world -> {
            Address bAddress = world.address("b");
            world.start("a", new TestNodes.Burst(bAddress, 200));
            world.start(bAddress, b);
            world.runFor(Duration.ofSeconds(1));
        });
        assertThat(b.received).hasSize(200).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 200).boxed().toList());
        assertThat(b.received).isNotEqualTo(IntStream.range(0, 200).boxed().toList());
    }

    @Test
    void dropsCarryTheirOwnReason() {
        run(world -> {
            world.network().setDefaultProfile(TEN_MS);
            Address isolated = world.address("isolated");
            Address crashed = world.address("crashed");
            Address unbound = world.address("unbound");
            Address sender = world.address("sender");
            world.start(isolated, new TestNodes.Idle());
            world.start(crashed, new TestNodes.Idle());
            world.start(sender, new SendToAll(List.of(isolated, crashed, unbound)));
            world.runFor(Duration.ofMillis(1));
            world.network().isolate(isolated);
            world.crash(crashed);
            world.runFor(Duration.ofMillis(20));
        });
        assertThat(events.linesStartingWith("drop")).containsExactly(
                "drop #1 3->0 t=10000000 reason=" + EventKindCode.DROP_ISOLATED,
                "drop #2 3->1 t=10000000 reason=" + EventKindCode.DROP_CRASHED,
                "drop #3 3->2 t=10000000 reason=" + EventKindCode.DROP_UNBOUND);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void lossRateFallsWithinStatisticalBounds(long seed) {
        TestNodes.Collector b = new TestNodes.Collector();
        run(world -> {
            world.network().setDefaultProfile(LinkProfile.DEFAULT.withLoss(Ratio.percent(10)));
            Address bAddress = world.address("b");
            world.start("a", new TestNodes.Burst(bAddress, 10_000));
            world.start(bAddress, b);
            world.runFor(Duration.ofSeconds(1));
        }, seed);
        long lost = events.linesStartingWith("drop").stream()
                .filter(l -> l.endsWith("reason=" + EventKindCode.DROP_LOSS)).count();
        // Binomial(10,000, 0.1): mean 1,000, standard deviation 30; allow 5 deviations.
        assertThat(lost).isBetween(850L, 1_150L);
        assertThat(b.received).hasSize(10_000 - (int) lost);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void duplicationRateFallsWithinStatisticalBounds(long seed) {
        TestNodes.Collector b = new TestNodes.Collector();
        run(world -> {
            world.network().setDefaultProfile(LinkProfile.DEFAULT.withDuplication(Ratio.percent(20)));
            Address bAddress = world.address("b");
            world.start("a", new TestNodes.Burst(bAddress, 10_000));
            world.start(bAddress, b);
            world.runFor(Duration.ofSeconds(1));
        }, seed);
        long duplicated = events.linesStartingWith("duplicate").size();
        // Binomial(10,000, 0.2): mean 2,000, standard deviation 40; allow 5 deviations.
        assertThat(duplicated).isBetween(1_800L, 2_200L);
        assertThat(b.received).hasSize(10_000 + (int) duplicated);
    }

    @Test
    void lossNeverShiftsAnotherMessagesLatency() {
        List<String> lossless = sendLatencies(Ratio.ZERO);
        List<String> lossy = sendLatencies(Ratio.percent(50));
        assertThat(lossy).isEqualTo(lossless);
    }

    private List<String> sendLatencies(Ratio loss) {
        RecordingListener listener = new RecordingListener();
        ScenarioRunner.run(world -> {
            world.network().setDefaultProfile(LinkProfile.DEFAULT.withLoss(loss).withDuplication(loss));
            Address b = world.address("b");
            world.start("a", new TestNodes.Burst(b, 500));
            world.start(b, new TestNodes.Idle());
            world.runFor(Duration.ofSeconds(1));
        }, 5, RunOptions.DEFAULTS, listener);
        return listener.linesStartingWith("send");
    }

    @Test
    void linkProfilesTakePrecedenceOverNodeProfilesOverTheDefault() {
        List<List<Long>> arrivals = new ArrayList<>();
        run(world -> {
            Duration ms = Duration.ofMillis(1);
            world.network().setDefaultProfile(LinkProfile.DEFAULT.withLatency(ms.multipliedBy(1), ms.multipliedBy(1)));
            Address sink = world.address("sink");
            Address viaDefault = world.address("viaDefault");
            Address viaNode = world.address("viaNode");
            Address viaLink = world.address("viaLink");
            world.network().setNodeProfile(viaNode, LinkProfile.DEFAULT.withLatency(ms.multipliedBy(2), ms.multipliedBy(2)));
            world.network().setNodeProfile(viaLink, LinkProfile.DEFAULT.withLatency(ms.multipliedBy(2), ms.multipliedBy(2)));
            world.network().setLinkProfile(viaLink, sink,
                    LinkProfile.DEFAULT.withLatency(ms.multipliedBy(3), ms.multipliedBy(3)));
            TestNodes.Collector collector = new TestNodes.Collector();
            world.start(sink, collector);
            world.start(viaDefault, new TestNodes.Burst(sink, 1));
            world.start(viaNode, new TestNodes.Burst(sink, 1));
            world.start(viaLink, new TestNodes.Burst(sink, 1));
            world.runFor(Duration.ofMillis(10));
            arrivals.add(collector.times);
        });
        assertThat(arrivals.get(0)).containsExactly(1_000_000L, 2_000_000L, 3_000_000L);
    }

    @Test
    void theDefaultProfileCanBeReadToChangeOneKnob() {
        // Assertions inside a scenario fail the run; the result is checked below.
        RunResult result = ScenarioRunner.run(world -> {
            assertThat(world.network().defaultProfile()).isEqualTo(LinkProfile.DEFAULT);
            LinkProfile swarmed = world.network().defaultProfile();
            world.network().setDefaultProfile(swarmed.withLatency(Duration.ofMillis(2), Duration.ofMillis(3)));
            assertThat(world.network().defaultProfile().loss()).isEqualTo(swarmed.loss());
            assertThat(world.network().defaultProfile().maxLatencyNanos()).isEqualTo(3_000_000L);
        }, 1, RunOptions.DEFAULTS, null);
        assertThat(result.passed()).isTrue();
        LinkProfile[] underSwarm = new LinkProfile[1];
        ScenarioRunner.run(world -> underSwarm[0] = world.network().defaultProfile(), 5,
                RunOptions.DEFAULTS.withSwarm(true), null);
        assertThat(underSwarm[0].loss().isZero() && underSwarm[0].duplication().isZero())
                .as("swarm draws loss and duplication into the default profile (seed 5 draws some)").isFalse();
    }

    /** Sends one message to each target when it starts. */
    private record SendToAll(List<Address> targets) implements dev.seedloop.engine.api.Node<Object> {
        @Override
        public void onStart(dev.seedloop.engine.api.Context<Object> ctx) {
            for (Address target : targets) {
                ctx.send(target, "hello " + target);
            }
        }

        @Override
        public void onMessage(dev.seedloop.engine.api.Context<Object> ctx, Address from, Object message) {}
    }
}
