package dev.seedloop.engine;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.World;
import java.time.Duration;

/**
 * A scenario for sweep tests: two nodes echo a message back and forth, and the invariant
 * "no-seed-3-mod-7" fails after 50 ms of virtual time for the seeds 24, 31, 38, ... (at least 20, 3 mod 7).
 */
public final class SometimesFails {
    private SometimesFails() {}

    /** The scenario, run for {@code duration} of virtual time (over 50 ms for its failures to show). */
    public static Scenario runningFor(Duration duration) {
        return world -> run(world, duration);
    }

    /** Runs the scenario in {@code world} for {@code duration}. */
    public static void run(World world, Duration duration) {
        Address b = world.address("b");
        world.start("a", new Echo(b));
        world.start(b, new Echo(null));
        world.always("no-seed-3-mod-7",
                () -> world.seed() < 20 || world.seed() % 7 != 3 || world.nowNanos() < 50_000_000);
        world.runFor(duration);
    }

    /** Sends a message to its peer at start, if it has one, and answers every message, forever. */
    private record Echo(Address peer) implements Node<Object> {
        @Override
        public void onStart(Context<Object> ctx) {
            if (peer != null) {
                ctx.send(peer, "ping");
            }
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {
            ctx.send(from, message);
        }
    }
}
