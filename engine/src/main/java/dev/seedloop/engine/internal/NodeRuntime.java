package dev.seedloop.engine.internal;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Check;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.DeterministicRandom;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.Storage;
import dev.seedloop.engine.api.TimerId;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The engine's side of one address: the node running there (if any), its life-cycle state, its random
 * stream, its storage, its local clock, and the {@link Context} its handlers receive. One object per
 * address, reused for every handler call, so calling a handler allocates nothing.
 *
 * <p>The local clock is global virtual time plus an offset that grows at {@code driftPpm} parts per
 * million while a clock-skew fault is active. All arithmetic is in integers.
 */
final class NodeRuntime implements Context<Object> {
    enum State { UNBOUND, STARTING, RUNNING, PAUSED, CRASHED }

    private static final long MILLION = 1_000_000L;
    /**
     * The slowest a skewed clock runs: a tenth of real speed. Overlapping skews add up, and a sum at or
     * below -1,000,000 ppm would stop the clock or run it backwards.
     */
    static final long MIN_DRIFT_PPM = -900_000L;

    final Address address;
    final int index;
    private final SimulationRun run;
    private final DeterministicRandom random;
    private SimStorage storage; // made on first use: most nodes of most scenarios never touch a disk

    Node<Object> node;
    Supplier<? extends Node<Object>> factory;
    State state = State.UNBOUND;
    int incarnation = -1;
    /** Messages dropped because no node was started here yet: a hint for a run that goes quiet. */
    int unboundDrops;
    long pausedUntil;

    private long clockOffset;
    private long clockSince;
    private long driftPpm;

    NodeRuntime(SimulationRun run, Address address) {
        this.run = run;
        this.address = address;
        this.index = address.index();
        this.random = DeterministicRandom.derive(run.seed(), "node/", address.name());
    }

    /** Whether the node is up (running or paused), as opposed to unstarted or crashed. */
    boolean isUp() {
        return state == State.RUNNING || state == State.PAUSED;
    }

    /** The node's local time at global virtual time {@code global}. */
    long localTime(long global) {
        return global + clockOffset + scale(global - clockSince, effectiveDrift());
    }

    private long effectiveDrift() {
        return Math.max(driftPpm, MIN_DRIFT_PPM);
    }

    /** The global delay after which {@code localDelay} of this node's clock has passed. */
    long globalDelay(long localDelay) {
        if (driftPpm == 0) {
            return localDelay;
        }
        long rate = MILLION + effectiveDrift();
        return localDelay / rate * MILLION + (localDelay % rate) * MILLION / rate;
    }

    /** Changes the drift by {@code ppmChange} and the offset by {@code jumpNanos}, from now on. */
    void skewClock(long now, long ppmChange, long jumpNanos) {
        clockOffset += scale(now - clockSince, effectiveDrift()) + jumpNanos;
        clockSince = now;
        driftPpm += ppmChange;
    }

    private static long scale(long delta, long ppm) {
        return delta / MILLION * ppm + (delta % MILLION) * ppm / MILLION;
    }

    @Override
    public Address self() {
        return address;
    }

    @Override
    public long nowNanos() {
        return localTime(run.nowNanos());
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
        run.cancelTimer(ownHandle(Check.notNull(timer, "timer")));
    }

    @Override
    public TimerId resetTimerNanos(TimerId timer, long afterNanos, Object tag) {
        return run.resetTimer(this, timer == null ? null : ownHandle(timer), afterNanos, tag);
    }

    /** {@code timer} as this engine's handle of one of this node's timers, or a clear error. */
    private TimerHandle ownHandle(TimerId timer) {
        if (!(timer instanceof TimerHandle handle)) {
            throw new IllegalArgumentException(timer + " is not a timer handle from this engine");
        }
        if (handle.node() != index) {
            throw new IllegalArgumentException("node '" + address + "' cannot cancel a timer of node '"
                    + run.addressAt(handle.node()) + "'");
        }
        return handle;
    }

    @Override
    public void log(String text) {
        run.log(index, Check.notNull(text, "text"));
    }

    @Override
    public Storage storage() {
        if (storage == null) {
            storage = new SimStorage(run, index);
        }
        return storage;
    }

    /** What a crash did to this node's unsynced writes: nothing, if it never used its storage. */
    SimStorage.CrashLoss crashStorage(DeterministicRandom faults) {
        // An unused disk has no unsynced writes, and a crash of such a disk draws no randomness.
        return storage == null ? SimStorage.CrashLoss.NONE : storage.crash(faults);
    }

    @Override
    public boolean buggify(String point) {
        return run.buggify(index, Check.notNull(point, "point"));
    }

    @Override
    public String toString() {
        return "context of " + address;
    }
}
