package dev.seedloop.engine.audit.leaky;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.World;
import dev.seedloop.engine.audit.AllowNondeterminism;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Nodes that escape the simulation on purpose, one escape each, for the audit tests. The line of each
 * escape is marked with a comment naming it, so tests can find the line the audit must report.
 */
public final class LeakyNodes {
    private LeakyNodes() {}

    /** A node role: an enum, so its hash code is an identity hash, different from JVM to JVM. */
    public enum Role { FOLLOWER, CANDIDATE, LEADER }

    /** A peer without equals/hashCode: identity-hashed, created during the run. */
    public static final class Peer {
        final Address address;

        Peer(Address address) {
            this.address = address;
        }
    }

    /** Base with no-op handlers. */
    abstract static class Quiet implements Node<Object> {
        @Override
        public void onStart(Context<Object> ctx) {}

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {}
    }

    /** Iterates a HashSet of enums to decide what to send. */
    public static final class EnumHashSetNode extends Quiet {
        private final Set<Role> seen = new HashSet<>();

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {
            seen.add((Role) message);
            for (Role role : seen) { // LEAK: enum-hash-iteration
                ctx.send(from, role);
            }
        }
    }

    /** Iterates a HashSet of identity-hashed peers held in a local variable. */
    public static final class IdentityHashSetNode extends Quiet {
        private final List<Address> cluster;

        public IdentityHashSetNode(List<Address> cluster) {
            this.cluster = cluster;
        }

        @Override
        public void onStart(Context<Object> ctx) {
            Set<Peer> peers = new HashSet<>();
            for (Address a : cluster) {
                peers.add(new Peer(a));
            }
            peers.forEach(p -> ctx.send(p.address, "hello")); // LEAK: identity-hash-iteration
        }
    }

    /** Reads the wall clock. */
    public static final class NanoTimeNode extends Quiet {
        @Override
        public void onStart(Context<Object> ctx) {
            long started = System.nanoTime(); // LEAK: nanoTime
            ctx.log("started at " + started);
        }
    }

    /** Draws from an unseeded Random. */
    public static final class UnseededRandomNode extends Quiet {
        @Override
        public void onStart(Context<Object> ctx) {
            Random random = new Random(); // LEAK: new-random
            ctx.setTimer(Duration.ofMillis(random.nextInt(100)), "tick");
        }
    }

    /** Starts a thread. */
    public static final class ThreadNode extends Quiet {
        @Override
        public void onStart(Context<Object> ctx) {
            Thread worker = new Thread(() -> ctx.log("from a thread")); // LEAK: thread
            worker.start();
        }
    }

    /** The other escapes, one per line. */
    public static final class ManyEscapesNode extends Quiet {
        @Override
        public void onStart(Context<Object> ctx) {
            ctx.log(Instant.now().toString()); // LEAK: instant-now
            ctx.log(UUID.randomUUID().toString()); // LEAK: uuid
            ctx.log(Double.toString(Math.random())); // LEAK: math-random
            ctx.log(Integer.toString(System.identityHashCode(this))); // LEAK: identity-hash-code
            ExecutorService pool = Executors.newFixedThreadPool(2); // LEAK: executor
            CompletableFuture.runAsync(() -> ctx.log("async")); // LEAK: async
            List<Integer> numbers = List.of(1, 2, 3);
            ctx.log(Integer.toString(numbers.parallelStream().mapToInt(i -> i).sum())); // LEAK: parallel-stream
            pool.shutdown();
        }
    }

    /** Iterates a Map field declared as Map but holding a HashMap with identity-hashed keys. */
    public static final class IdentityKeyedMapNode extends Quiet {
        private final Map<Peer, Integer> votes = new HashMap<>();

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {
            votes.put(new Peer(from), 1);
            for (Map.Entry<Peer, Integer> e : votes.entrySet()) { // LEAK: map-entry-iteration
                ctx.send(e.getKey().address, e.getValue());
            }
        }
    }

    /** Iterates the JDK's immutable sets and maps, whose order is salted at every JVM start. */
    public static final class SaltedOrderNode extends Quiet {
        private final Set<String> names = Set.of("a", "b", "c");

        @Override
        public void onStart(Context<Object> ctx) {
            for (String name : names) { // LEAK: salted-field
                ctx.log(name);
            }
            Map.of("x", 1, "y", 2).forEach((k, v) -> ctx.log(k + v)); // LEAK: salted-local
        }
    }

    /** Reads the wall clock through a Date, and shuffles with the JDK's own unseeded generator. */
    public static final class DateAndShuffleNode extends Quiet {
        @Override
        public void onStart(Context<Object> ctx) {
            ctx.log("started " + new Date()); // LEAK: date
            List<String> order = new ArrayList<>(List.of("a", "b", "c"));
            Collections.shuffle(order); // LEAK: shuffle
            Collections.shuffle(order, new Random(ctx.random().nextLong())); // seeded from the run: fine
            order.forEach(ctx::log);
        }
    }

    /** Counts the nodes ever started in a static field, which every run of the JVM shares. */
    public static final class StaticCounterNode extends Quiet {
        private static int started;

        @Override
        public void onStart(Context<Object> ctx) {
            started++; // LEAK: static-write
            ctx.log("node number " + started);
        }
    }

    /** A scenario that counts its runs in a field of its one instance. */
    public static final class CountingScenario implements Scenario {
        private int runs;

        @Override
        public void run(World world) {
            runs++; // LEAK: scenario-field
            world.note("run", Integer.toString(runs));
        }
    }

    /** A test class whose sweep body writes a field of the test instance, which every seed's run shares. */
    public static final class SharedFieldTest {
        private int runs;

        /** The body of a simulation test. */
        public void body(World world) {
            runs++; // LEAK: test-field
            world.note("run", Integer.toString(runs));
        }
    }

    /** Ordered collections, seeded randomness and virtual time only: nothing to report. */
    public static final class CleanNode extends Quiet {
        private static final Set<String> RESERVED = Set.of("admin", "root"); // looked up, never iterated
        private final Set<Role> roles = EnumSet.noneOf(Role.class);
        private final Map<String, Integer> byName = new HashMap<>();
        private final Map<String, Integer> sorted = new TreeMap<>();
        private final Set<Peer> peers = new LinkedHashSet<>();

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {
            roles.add(Role.LEADER);
            byName.merge(from.name(), 1, Integer::sum);
            sorted.put(from.name(), ctx.random().nextInt(10));
            peers.add(new Peer(from));
            for (Role role : roles) {
                ctx.log(role + " at " + ctx.nowNanos());
            }
            for (String name : byName.keySet()) { // String keys hash by value: a stable order
                ctx.log(name);
            }
            sorted.forEach((k, v) -> ctx.log(k + v));
            peers.forEach(p -> ctx.send(p.address, "ok"));
            if (RESERVED.contains(from.name())) {
                ctx.log("reserved");
            }
            for (String name : List.of("x", "y")) { // a list keeps its order
                ctx.log(name);
            }
        }
    }

    /** Reads the wall clock, deliberately and with a reason. */
    @AllowNondeterminism("measures how long a handler takes for a log line; decides nothing")
    public static final class AllowedNode extends Quiet {
        @Override
        public void onStart(Context<Object> ctx) {
            ctx.log("at " + System.currentTimeMillis());
        }
    }

    /** One method reads the wall clock with a reason; the other does not. */
    public static final class PartlyAllowedNode extends Quiet {
        @Override
        @AllowNondeterminism("a log line only")
        public void onStart(Context<Object> ctx) {
            ctx.log("at " + System.currentTimeMillis());
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {
            ctx.log("at " + System.currentTimeMillis()); // LEAK: unallowed-millis
        }
    }

    /**
     * Sends to its peers in the order of a HashSet of identity-hashed objects made during the run, copied
     * into a list: the iteration happens inside ArrayList's constructor, so no bytecode scan sees it, but
     * the order (and so the run) differs between two runs of the same seed.
     */
    public static final class CopiesAHashSetNode extends Quiet {
        private final List<Address> cluster;

        public CopiesAHashSetNode(List<Address> cluster) {
            this.cluster = cluster;
        }

        @Override
        public void onStart(Context<Object> ctx) {
            Set<Peer> peers = new HashSet<>();
            for (Address a : cluster) {
                peers.add(new Peer(a));
            }
            List<Peer> order = new ArrayList<>(peers);
            for (Peer p : order) {
                ctx.send(p.address, "hello");
            }
        }
    }
}
