package dev.seedloop.engine.api;

import java.time.Duration;

/**
 * Everything a node may do, handed to each of its handlers.
 *
 * <p>This is the node's only way out of its own state: the virtual clock, its own seeded random stream,
 * the simulated network, timers and the trace. Code that reaches past it (the wall clock, threads,
 * {@code new Random()}) escapes the simulation and breaks replay.
 *
 * @param <M> the node's message type
 */
public interface Context<M> {
    /** This node's address. */
    Address self();

    /**
     * This node's clock, in nanoseconds: virtual time since the start of the run, unless a clock-skew
     * fault makes this node's clock run fast or slow or jump (the engine's global time is unaffected).
     */
    long nowNanos();

    /** This node's clock as a duration: see {@link #nowNanos()}. */
    default Duration now() {
        return Duration.ofNanos(nowNanos());
    }

    /** This node's own random stream ({@code "node/<name>"}), derived from the run's seed. */
    DeterministicRandom random();

    /**
     * Sends {@code message} to {@code to} over the simulated network. The message may be delayed,
     * reordered, lost or duplicated as the link's profile and the seed decide; sending never fails.
     */
    void send(Address to, M message);

    /** Sets a timer that fires {@code after} from now (zero or more) with {@code tag}, unless cancelled. */
    TimerId setTimer(Duration after, Object tag);

    /** Like {@link #setTimer(Duration, Object)}, with the delay in nanoseconds. */
    TimerId setTimerNanos(long afterNanos, Object tag);

    /** Cancels a pending timer of this node. Does nothing if it already fired or was cancelled. */
    void cancelTimer(TimerId timer);

    /**
     * Cancels {@code timer} (if it is still pending) and sets a new timer that fires {@code afterNanos}
     * from now with {@code tag}: the "restart my timeout" of protocols that wait with a deadline.
     *
     * <p>The run is exactly that of {@link #cancelTimer} followed by {@link #setTimerNanos}: the same
     * events in the trace, the same order of timers, the same digest. The engine moves the pending timer
     * instead of removing one event and inserting another, which is cheaper. {@code timer} may be null
     * (nothing to cancel). Like Go's {@code Timer.Reset}, the handle follows the restart: the engine
     * returns {@code timer} itself, now the handle of the new timer (its {@link TimerId#id()} is the new
     * timer's), so restarting a timer allocates nothing; with a null {@code timer} it returns a new handle.
     */
    default TimerId resetTimerNanos(TimerId timer, long afterNanos, Object tag) {
        if (timer != null) {
            cancelTimer(timer);
        }
        return setTimerNanos(afterNanos, tag);
    }

    /** Writes a line into the trace, attributed to this node at the current virtual time. */
    void log(String text);

    /** This node's durable storage: it survives a crash-restart, but only what was synced. */
    Storage storage();

    /**
     * A seed-driven fault point (FoundationDB's BUGGIFY): true when the run decides to inject a fault
     * here. Each distinct {@code point} is enabled for the whole run with a seed-drawn probability, and
     * then fires each time with another; every firing is recorded in the trace, marked as injected. Use
     * it to take the rare path on purpose: {@code if (ctx.buggify("slow-ack")) delay = 10 * delay;}.
     */
    boolean buggify(String point);
}
