package dev.seedloop.engine.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Inspectable;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.TraceOutput;
import dev.seedloop.trace.Trace;
import dev.seedloop.trace.TraceEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same seed writes the same trace bytes, run after run, even when the nodes' state and messages hold
 * objects whose {@code toString} would print an identity hash code and lambdas that the JVM names by an
 * address: two FULL recordings of one seed are compared byte for byte.
 */
class TraceBytesTests {
    @TempDir
    Path dir;

    /** Keeps {@code Object.toString}. */
    static final class Session {}

    record Hello(int n, Session session) {}

    /** Holds objects without a toString of their own and a lambda, sends them and tags a timer with a lambda. */
    static final class Greeter implements Node<Object> {
        private final Address peer;
        private final Session session = new Session();
        private final List<Session> history = new ArrayList<>();
        private final Supplier<String> greeting = () -> "hello";
        private int sent;

        Greeter(Address peer) {
            this.peer = peer;
        }

        @Override
        public void onStart(Context<Object> ctx) {
            Runnable later = () -> { };
            ctx.setTimer(Duration.ofMillis(5), later);
        }

        @Override
        public void onTimer(Context<Object> ctx, Object tag) {
            history.add(new Session());
            ctx.send(peer, new Hello(++sent, session));
            if (sent < 3) {
                ctx.setTimer(Duration.ofMillis(5), tag);
            }
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {}
    }

    private static final Scenario GREETINGS = world -> {
        Address b = world.address("b");
        world.start("a", new Greeter(b));
        world.start(b, new Greeter(world.addresses().get(0)));
        world.runFor(Duration.ofMillis(100));
    };

    @Test
    void twoFullRecordingsOfOneSeedAreTheSameBytes() throws Exception {
        Path first = dir.resolve("first.trace");
        Path second = dir.resolve("second.trace");

        Simulation.replay(GREETINGS, 3, RunOptions.DEFAULTS, TraceOutput.full(first, "greetings").withStableProvenance());
        Simulation.replay(GREETINGS, 3, RunOptions.DEFAULTS, TraceOutput.full(second, "greetings").withStableProvenance());

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        List<String> renderings = renderingsOf(first);
        assertThat(renderings).contains("Hello[n=1, session=" + Session.class.getName() + "@…]")
                .anySatisfy(r -> assertThat(r).startsWith(Greeter.class.getName() + "$$Lambda@…"))
                .noneSatisfy(r -> assertThat(r).containsPattern("@[0-9a-f]|/0x"));
    }

    /** Holds and sends the JDK's unordered sets and maps, whose iteration order changes between JVMs. */
    static final class Gossip implements Node<Object> {
        enum Mood { CALM, BUSY, IDLE, LOST }

        record Members(Set<String> names) {}

        private final Address peer;
        private final Set<String> peers = Set.of("n1", "n2", "n3", "n4", "n5", "n6", "n7");
        private final Map<String, Integer> weights = Map.of("a", 1, "b", 2, "c", 3, "d", 4, "e", 5);
        private final Set<Mood> moods = new HashSet<>(List.of(Mood.values()));

        Gossip(Address peer) {
            this.peer = peer;
        }

        @Override
        public void onStart(Context<Object> ctx) {
            ctx.send(peer, new Members(peers));
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {}
    }

    /** Says its state with {@code Map.of}, whose order changes between JVMs. */
    static final class Reporter implements Node<Object>, Inspectable {
        private int ticks;

        @Override
        public void onStart(Context<Object> ctx) {
            ctx.setTimer(Duration.ofMillis(10), "tick");
        }

        @Override
        public void onTimer(Context<Object> ctx, Object tag) {
            ticks++;
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {}

        @Override
        public Map<String, ?> inspect() {
            return Map.of("zeta", ticks, "alpha", "a", "mu", 3, "beta", "b", "omega", 5, "kappa", 6, "delta", 7);
        }
    }

    static final Scenario GOSSIP = world -> {
        Address b = world.address("b");
        world.start("a", new Gossip(b));
        world.start(b, new Gossip(world.addresses().get(0)));
        world.start("r", new Reporter());
        world.runFor(Duration.ofMillis(50));
    };

    /** Records seed 5 of {@link #GOSSIP} at FULL into the path given: run in a JVM of its own. */
    public static void main(String[] args) {
        Simulation.replay(GOSSIP, 5, RunOptions.DEFAULTS, TraceOutput.full(Path.of(args[0]), "gossip").withStableProvenance());
    }

    @Test
    void fullRecordingsInDifferentJvmsAreTheSameBytesThoughSetsIterateDifferentlyThere() throws Exception {
        // Set.of salts its order at each JVM start, and enums hash by identity: in-process runs cannot show
        // this, so each recording runs in a fresh JVM. Four of them, so that a rendering that still followed
        // the iteration order would differ between two of them almost surely.
        List<Path> traces = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Path out = dir.resolve("jvm-" + i + ".trace");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), TraceBytesTests.class.getName(), out.toString())
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(output).isZero();
            traces.add(out);
        }
        List<String> renderings = renderingsOf(traces.get(0));
        for (Path trace : traces) {
            assertThat(renderingsOf(trace)).as(trace.getFileName().toString()).isEqualTo(renderings); // readable first
            assertThat(Files.readAllBytes(trace)).isEqualTo(Files.readAllBytes(traces.get(0)));
        }
        assertThat(renderings).contains("Members[names=[n1, n2, n3, n4, n5, n6, n7]]", "{a=1, b=2, c=3, d=4, e=5}",
                "[BUSY, CALM, IDLE, LOST]");
        // The Map.of of an Inspectable node is listed by name.
        assertThat(Trace.read(traces.get(0)).events()).filteredOn(e -> e instanceof TraceEvent.StateSnapshot s && s.node() == 2)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(((TraceEvent.StateSnapshot) e).fields())
                        .extracting(TraceEvent.StateSnapshot.Field::name)
                        .containsExactly("alpha", "beta", "delta", "kappa", "mu", "omega", "zeta"));
    }

    /** Every payload, timer tag and state value a trace renders, in order. */
    private static List<String> renderingsOf(Path trace) throws Exception {
        List<String> renderings = new ArrayList<>();
        for (TraceEvent e : Trace.read(trace).events()) {
            switch (e) {
                case TraceEvent.MessageSent sent -> renderings.add(sent.payload());
                case TraceEvent.TimerSet timer -> renderings.add(timer.tag());
                case TraceEvent.StateSnapshot snapshot -> snapshot.fields().forEach(f -> renderings.add(f.value()));
                default -> { }
            }
        }
        return renderings;
    }
}
