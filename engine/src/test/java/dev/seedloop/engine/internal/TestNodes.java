package dev.seedloop.engine.internal;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.LinkProfile;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Small nodes for engine tests. */
public final class TestNodes {
    private TestNodes() {}

    /**
     * Three idle sinks s1..s3 (addresses 0..2) and a source (address 3) that, every 1 ms from 1 ms on, sends
     * "ping" to s1, s2 and s3 in that order, over links of exactly 1 ms, for {@code duration}.
     */
    static Scenario fanOut(Duration duration) {
        return world -> {
            world.network().setDefaultProfile(LinkProfile.DEFAULT.withLatency(Duration.ofMillis(1), Duration.ofMillis(1)));
            Address[] sinks = {world.address("s1"), world.address("s2"), world.address("s3")};
            for (Address sink : sinks) {
                world.start(sink, new Idle());
            }
            world.start("source", new Node<Object>() {
                @Override
                public void onStart(Context<Object> ctx) {
                    ctx.setTimer(Duration.ofMillis(1), "round");
                }

                @Override
                public void onMessage(Context<Object> ctx, Address from, Object message) {}

                @Override
                public void onTimer(Context<Object> ctx, Object tag) {
                    for (Address sink : sinks) {
                        ctx.send(sink, "ping");
                    }
                    ctx.setTimer(Duration.ofMillis(1), "round");
                }
            });
            world.runFor(duration);
        };
    }

    /** Sends {@code count} numbered messages to {@code target} when it starts. */
    static final class Burst implements Node<Object> {
        private final Address target;
        private final int count;

        Burst(Address target, int count) {
            this.target = target;
            this.count = count;
        }

        @Override
        public void onStart(Context<Object> ctx) {
            for (int i = 0; i < count; i++) {
                ctx.send(target, i);
            }
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {}
    }

    /** Remembers what it received and when. */
    static final class Collector implements Node<Object> {
        final List<Object> received = new ArrayList<>();
        final List<Long> times = new ArrayList<>();

        @Override
        public void onStart(Context<Object> ctx) {}

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {
            received.add(message);
            times.add(ctx.nowNanos());
        }
    }

    /** Does nothing at all. */
    static final class Idle implements Node<Object> {
        @Override
        public void onStart(Context<Object> ctx) {}

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {}
    }

    /** Counts its own timer firings, one every millisecond from 1 ms on. */
    public static final class Ticker implements Node<Object> {
        /** How many times the timer has fired. */
        public int ticks;

        @Override
        public void onStart(Context<Object> ctx) {
            ctx.setTimer(Duration.ofMillis(1), "tick");
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {}

        @Override
        public void onTimer(Context<Object> ctx, Object tag) {
            ticks++;
            ctx.setTimer(Duration.ofMillis(1), "tick");
        }
    }
}
