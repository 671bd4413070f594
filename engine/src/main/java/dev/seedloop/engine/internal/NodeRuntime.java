package dev.seedloop.engine.internal;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Check;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.DeterministicRandom;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.TimerId;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The engine's side of one address: the node running there (if any), its life-cycle state, its random
 * stream, and the {@link Context} its handlers receive. One object per address, reused for every
 * handler call, so calling a handler allocates nothing.
 */
final class NodeRuntime implements Context<Object> {
    enum State { UNBOUND, STARTING, RUNNING, CRASHED }

    final Address address;
    final int index;
    private final SimulationRun run;
    private final DeterministicRandom random;

    Node<Object> node;
    Supplier<? extends Node<Object>> factory;
    State state = State.UNBOUND;
    int incarnation = -1;

    NodeRuntime(SimulationRun run, Address address) {
        this.run = run;
        this.address = address;
        this.index = address.index();
        this.random = DeterministicRandom.derive(run.seed(), "node/" + address.name());
    }

    @Override
    public Address self() {
        return address;
    }

    @Override
    public long nowNanos() {
        return run.nowNanos();
    }

    @Override
    public DeterministicRandom random() {
        return random;
    }

    @Override
    public void send(Address to, Object message) {
        run.send(index, to, message);
    }

    @Override
    public TimerId setTimer(Duration after, Object tag) {
        Check.notNull(after, "after");
        return run.setTimer(this, after.toNanos(), tag);
    }

    @Override
    public TimerId setTimerNanos(long afterNanos, Object tag) {
        return run.setTimer(this, afterNanos, tag);
    }

    @Override
    public void cancelTimer(TimerId timer) {
        Check.notNull(timer, "timer");
        Check.argument(timer instanceof TimerHandle, "%s is not a timer handle from this engine", timer);
        TimerHandle handle = (TimerHandle) timer;
        Check.argument(handle.node() == index,
                "node '%s' cannot cancel a timer of node '%s'", address, run.addressAt(handle.node()));
        run.cancelTimer(handle);
    }

    @Override
    public void log(String text) {
        run.log(index, Check.notNull(text, "text"));
    }

    @Override
    public String toString() {
        return "context of " + address;
    }
}
