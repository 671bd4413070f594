package dev.seedloop.demos.bench;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The engine against the floor: a synthetic ping-pong among 5 nodes (each message answered by the
 * receiver to a pseudo-random peer, latency uniform in [1, 20] ms) for 10 virtual seconds with one
 * trivial invariant, trace OFF — and the same workload on a bare discrete-event loop over a primitive
 * binary heap, with no API, no digest, no invariant, no checks. Both report events per second through
 * the {@code events} counter; the ratio in the same run is the figure.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventLoopBenchmark {
    static final int NODES = 5;
    static final long END = 10_000_000_000L;

    /** Events processed, reported as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counter {
        /** Events processed in this iteration. */
        public long events;
        long seed;

        /** Zeroes the counter before each iteration. */
        @Setup(Level.Iteration)
        public void clear() {
            events = 0;
        }
    }

    /** Answers every message with one to a peer chosen from its own stream. */
    static final class Ponger implements Node<Integer> {
        private final Address[] peers;

        Ponger(Address[] peers) {
            this.peers = peers;
        }

        @Override
        public void onStart(Context<Integer> ctx) {
            ctx.send(peers[ctx.random().nextInt(peers.length)], 0);
        }

        @Override
        public void onMessage(Context<Integer> ctx, Address from, Integer message) {
            ctx.send(peers[ctx.random().nextInt(peers.length)], message);
        }
    }

    static final Scenario PING_PONG = world -> {
        Address[] all = new Address[NODES];
        for (int i = 0; i < NODES; i++) {
            all[i] = world.address("p" + i);
        }
        for (Address address : all) {
            world.start(address, new Ponger(all));
        }
        world.always("trivial", () -> true);
        world.runFor(Duration.ofNanos(END));
    };

    /** One 10-second ping-pong run through the engine. */
    @Benchmark
    @Threads(1)
    public RunResult seedloopPingPong(Counter counter) {
        RunResult result = Simulation.replay(PING_PONG, counter.seed++);
        counter.events += result.steps();
        return result;
    }

    /** The same workload on a bare primitive-heap event loop. */
    @Benchmark
    @Threads(1)
    public long bareLoopPingPong(Counter counter) {
        BareLoop loop = new BareLoop(counter.seed++);
        long processed = loop.run();
        counter.events += processed;
        return loop.checksum;
    }

    /**
     * A minimal discrete-event loop: events are (time, sequence, destination) in parallel primitive
     * arrays ordered by a binary heap; each delivery sends one message to a random peer with a random
     * latency from an xorshift generator. The floor any engine pays for the same work.
     */
    static final class BareLoop {
        long[] time = new long[64];
        long[] seq = new long[64];
        int[] dst = new int[64];
        int size;
        long nextSeq;
        long state;
        long checksum;

        BareLoop(long seed) {
            state = seed * 0x9E3779B97F4A7C15L + 1;
        }

        long random() {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            return state;
        }

        long run() {
            for (int i = 0; i < NODES; i++) {
                push(latency(), peer());
            }
            long processed = 0;
            while (size > 0) {
                long t = time[0];
                int d = dst[0];
                pop();
                if (t > END) {
                    break;
                }
                processed++;
                checksum += d;
                push(t + latency(), peer());
            }
            return processed;
        }

        private long latency() {
            return 1_000_000L + Math.floorMod(random(), 19_000_001L);
        }

        private int peer() {
            return (int) Math.floorMod(random(), (long) NODES);
        }

        private void push(long t, int d) {
            if (size == time.length) {
                time = java.util.Arrays.copyOf(time, size * 2);
                seq = java.util.Arrays.copyOf(seq, size * 2);
                dst = java.util.Arrays.copyOf(dst, size * 2);
            }
            int i = size++;
            long s = nextSeq++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (time[parent] < t || (time[parent] == t && seq[parent] < s)) {
                    break;
                }
                time[i] = time[parent];
                seq[i] = seq[parent];
                dst[i] = dst[parent];
                i = parent;
            }
            time[i] = t;
            seq[i] = s;
            dst[i] = d;
        }

        private void pop() {
            size--;
            long t = time[size];
            long s = seq[size];
            int d = dst[size];
            int i = 0;
            int half = size >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                int right = child + 1;
                if (right < size && (time[right] < time[child] || (time[right] == time[child] && seq[right] < seq[child]))) {
                    child = right;
                }
                if (t < time[child] || (t == time[child] && s < seq[child])) {
                    break;
                }
                time[i] = time[child];
                seq[i] = seq[child];
                dst[i] = dst[child];
                i = child;
            }
            time[i] = t;
            seq[i] = s;
            dst[i] = d;
        }
    }
}
