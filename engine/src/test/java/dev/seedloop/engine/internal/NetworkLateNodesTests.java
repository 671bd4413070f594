package dev.seedloop.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Faults;
import dev.seedloop.engine.api.LinkProfile;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.World;
import dev.seedloop.trace.EventKindCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The network's per-link state in worlds of more than two nodes, also when addresses are created after
 * traffic began: each directed link keeps its own FIFO clock, its own profile and its own slow-link
 * factor, a new address disturbs none of them, a partition records exactly the groups it makes, and
 * {@code heal()} ends isolations too.
 */
class NetworkLateNodesTests {
    private static final Duration MS = Duration.ofMillis(1);
    private static final LinkProfile TEN_MS = LinkProfile.DEFAULT.withLatency(MS.multipliedBy(10), MS.multipliedBy(10));

    private final RecordingListener events = new RecordingListener();

    private void run(Scenario scenario) {
        RunResult result = ScenarioRunner.run(scenario, 1, RunOptions.DEFAULTS, events);
        assertThat(result.failure()).as("run failure").isNull();
    }

    /** Received messages, each as "round sender->receiver", with the time it arrived, in arrival order. */
    private static final class Arrivals {
        final Map<String, Long> at = new TreeMap<>();
        final List<String> order = new ArrayList<>();
    }

    /** At each of its send times (one round each), sends the round number to every other node of the mesh. */
    private static final class Mesh implements Node<Object> {
        private final List<Address> mesh;
        private final long[] sendAtMs;
        private final Arrivals arrivals;

        Mesh(List<Address> mesh, long[] sendAtMs, Arrivals arrivals) {
            this.mesh = mesh;
            this.sendAtMs = sendAtMs;
            this.arrivals = arrivals;
        }

        @Override
        public void onStart(Context<Object> ctx) {
            for (int round = 0; round < sendAtMs.length; round++) {
                ctx.setTimer(MS.multipliedBy(sendAtMs[round]), round);
            }
        }

        @Override
        public void onTimer(Context<Object> ctx, Object round) {
            for (Address peer : mesh) {
                if (!peer.equals(ctx.self())) {
                    ctx.send(peer, round);
                }
            }
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object round) {
            String key = round + " " + from.name() + "->" + ctx.self().name();
            arrivals.at.put(key, ctx.nowNanos());
            arrivals.order.add(key);
        }
    }

    /** Creates the addresses n0..n{count-1} (indexes 0..count-1), without starting them. */
    private static List<Address> addresses(World world, int count) {
        List<Address> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(world.address("n" + i));
        }
        return all;
    }

    private static void startMesh(World world, List<Address> mesh, long[] sendAtMs, Arrivals arrivals) {
        for (Address node : mesh) {
            world.start(node, new Mesh(mesh, sendAtMs, arrivals));
        }
    }

    /** What a value of the table is for the message of {@code round} from node {@code src} to {@code dst}. */
    private interface PerMessage {
        long value(int round, int src, int dst);
    }

    /** Every message of every round between {@code nodes} mesh members, keyed as {@link Mesh} records them. */
    private static Map<String, Long> table(int rounds, int nodes, PerMessage value) {
        Map<String, Long> table = new TreeMap<>();
        for (int round = 0; round < rounds; round++) {
            for (int src = 0; src < nodes; src++) {
                for (int dst = 0; dst < nodes; dst++) {
                    if (src != dst) {
                        table.put(round + " n" + src + "->n" + dst, value.value(round, src, dst));
                    }
                }
            }
        }
        return table;
    }

    /** The latency in ms of every received message, given when each round was sent. */
    private static Map<String, Long> latenciesMs(Arrivals arrivals, long[] sendAtMs) {
        Map<String, Long> latencies = new TreeMap<>();
        arrivals.at.forEach((key, at) -> {
            int round = Integer.parseInt(key.substring(0, key.indexOf(' ')));
            latencies.put(key, at / 1_000_000 - sendAtMs[round]);
        });
        return latencies;
    }

    /** The fixed latency, in ms, of the first message on each reliable link: distinct for every link. */
    private static long firstLatencyMs(int src, int dst) {
        return 10 * (1 + 3 * src + dst);
    }

    /**
     * Round 0 is sent at 0 ms on slow reliable links, a different latency on each; then two addresses are
     * created, every link becomes a 1 ms reliable link, and round 1 is sent at 2 ms. On a reliable link a
     * message is never delivered before one sent earlier on the same link, so each round-1 message waits
     * for exactly its own link's round-0 message — not another link's — and arrives after it.
     */
    @Test
    void reliableLinksKeepTheirOwnFifoOrderWhenAddressesAreCreatedWhileMessagesAreInFlight() {
        long[] sendAtMs = {0, 2};
        Arrivals arrivals = new Arrivals();
        run(world -> {
            List<Address> mesh = addresses(world, 3);
            for (int src = 0; src < 3; src++) {
                for (int dst = 0; dst < 3; dst++) {
                    Duration latency = MS.multipliedBy(firstLatencyMs(src, dst));
                    world.network().setLinkProfile(mesh.get(src), mesh.get(dst),
                            LinkProfile.reliableFifo().withLatency(latency, latency));
                }
            }
            startMesh(world, mesh, sendAtMs, arrivals);
            world.runFor(MS); // round 0 is in flight on every link
            world.address("late0");
            world.address("late1");
            for (Address src : mesh) {
                for (Address dst : mesh) {
                    world.network().setLinkProfile(src, dst, LinkProfile.reliableFifo().withLatency(MS, MS));
                }
            }
            world.runFor(Duration.ofMillis(200));
        });
        // Round 1 would arrive at 2 + 1 = 3 ms; its link's clock holds it until round 0's delivery.
        assertThat(arrivals.at).isEqualTo(table(2, 3, (round, src, dst) -> firstLatencyMs(src, dst) * 1_000_000));
        for (int src = 0; src < 3; src++) {
            for (int dst = 0; dst < 3; dst++) {
                if (src != dst) {
                    String link = " n" + src + "->n" + dst;
                    assertThat(arrivals.order.indexOf("1" + link)).as("FIFO on" + link)
                            .isGreaterThan(arrivals.order.indexOf("0" + link));
                }
            }
        }
    }

    /**
     * Four nodes exchange a round at 0, 10 and 40 ms over 10 ms links while the link between n3 and n1 is
     * slowed fourfold from 5 to 25 ms: only the two directions of that link, and only the round sent
     * inside the window, take 40 ms.
     */
    @Test
    void aSlowLinkSlowsBothDirectionsOfItsOwnLinkAndNoOtherAmongFourNodes() {
        long[] sendAtMs = {0, 10, 40};
        Arrivals arrivals = new Arrivals();
        run(world -> {
            world.network().setDefaultProfile(TEN_MS);
            List<Address> mesh = addresses(world, 4);
            startMesh(world, mesh, sendAtMs, arrivals);
            world.runFor(Duration.ofMillis(100), Faults.slowLink().between(mesh.get(3), mesh.get(1)).factor(4)
                    .window(MS.multipliedBy(5), MS.multipliedBy(20)));
        });
        assertThat(latenciesMs(arrivals, sendAtMs)).isEqualTo(table(3, 4, (round, src, dst) ->
                round == 1 && (src == 3 && dst == 1 || src == 1 && dst == 3) ? 40 : 10));
    }

    /**
     * A profile set for n1→n2 applies to that one direction of that one link, among three nodes, before
     * and after two more addresses are created.
     */
    @Test
    void aLinkProfileAppliesToItsOwnDirectedLinkOnlyAlsoAfterAddressesAreAdded() {
        long[] sendAtMs = {0, 20};
        Arrivals arrivals = new Arrivals();
        run(world -> {
            world.network().setDefaultProfile(TEN_MS);
            List<Address> mesh = addresses(world, 3);
            world.network().setLinkProfile(mesh.get(1), mesh.get(2), TEN_MS.withLatency(MS.multipliedBy(50), MS.multipliedBy(50)));
            startMesh(world, mesh, sendAtMs, arrivals);
            world.runFor(MS.multipliedBy(10)); // round 0 is in flight
            world.address("late0");
            world.address("late1");
            world.runFor(Duration.ofMillis(100));
        });
        assertThat(latenciesMs(arrivals, sendAtMs))
                .isEqualTo(table(2, 3, (round, src, dst) -> src == 1 && dst == 2 ? 50 : 10));
    }

    /** The groups recorded for each partition, as the listener prints them. */
    private List<String> recordedPartitions() {
        return events.linesStartingWith("network " + EventKindCode.NETWORK_PARTITION).stream()
                .map(l -> l.substring(l.indexOf("groups="), l.indexOf(" t="))).toList();
    }

    /** Only unlisted addresses form one more group: when the groups cover every node, none is recorded. */
    @Test
    void aPartitionRecordsOneMoreGroupOnlyForAddressesItLeavesOut() {
        run(world -> {
            List<Address> n = addresses(world, 3);
            world.network().partition(List.of(List.of(n.get(2), n.get(0)), List.of(n.get(1))));
            assertThat(world.network().canReach(n.get(0), n.get(2))).isTrue();
            assertThat(world.network().canReach(n.get(0), n.get(1))).isFalse();
            world.network().partition(List.of(List.of(n.get(0)), List.of(n.get(1))));
            assertThat(world.network().canReach(n.get(2), n.get(0))).isFalse();
        });
        assertThat(recordedPartitions()).containsExactly("groups=[[0, 2], [1]]", "groups=[[0], [1], [2]]");
    }

    /** {@code heal()} removes every isolation: the nodes reach each other again and a message gets through. */
    @Test
    void healEndsAnIsolation() {
        Arrivals arrivals = new Arrivals();
        long[] sendAtMs = {5};
        run(world -> {
            world.network().setDefaultProfile(TEN_MS);
            List<Address> mesh = addresses(world, 3);
            world.network().isolate(mesh.get(1));
            assertThat(world.network().canReach(mesh.get(0), mesh.get(1))).isFalse();
            world.network().heal();
            for (Address from : mesh) {
                for (Address to : mesh) {
                    assertThat(world.network().canReach(from, to)).as("%s -> %s after heal", from, to).isTrue();
                }
            }
            startMesh(world, mesh, sendAtMs, arrivals);
            world.runFor(Duration.ofMillis(50));
        });
        assertThat(latenciesMs(arrivals, sendAtMs)).isEqualTo(table(1, 3, (round, src, dst) -> 10));
        assertThat(events.linesStartingWith("drop")).isEmpty();
    }
}
