package dev.seedloop.engine.internal;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Node;
import java.util.ArrayList;
import java.util.List;

/** Small nodes for engine tests. */
final class TestNodes {
    private TestNodes() {}

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
}
