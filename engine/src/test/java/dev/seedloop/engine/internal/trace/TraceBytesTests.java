package dev.seedloop.engine.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
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
import java.util.List;
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
        List<String> renderings = new ArrayList<>();
        for (TraceEvent e : Trace.read(first).events()) {
            switch (e) {
                case TraceEvent.MessageSent sent -> renderings.add(sent.payload());
                case TraceEvent.TimerSet timer -> renderings.add(timer.tag());
                case TraceEvent.StateSnapshot snapshot -> snapshot.fields().forEach(f -> renderings.add(f.value()));
                default -> { }
            }
        }
        assertThat(renderings).contains("Hello[n=1, session=" + Session.class.getName() + "@…]")
                .anySatisfy(r -> assertThat(r).startsWith(Greeter.class.getName() + "$$Lambda@…"))
                .noneSatisfy(r -> assertThat(r).containsPattern("@[0-9a-f]|/0x"));
    }
}
