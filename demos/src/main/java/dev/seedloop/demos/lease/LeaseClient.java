package dev.seedloop.demos.lease;

import dev.seedloop.demos.lease.LeaseMessage.Acquire;
import dev.seedloop.demos.lease.LeaseMessage.Granted;
import dev.seedloop.demos.lease.LeaseMessage.Write;
import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Node;

/**
 * A client of the lock: it asks for the lease, renews it at half-life, and while it believes it holds
 * it, writes to storage. It trusts the lease until {@code lease - safetyMargin} after it <em>sent</em>
 * the request, on its own clock: the textbook rule, and still not enough.
 *
 * <p>Preparing a write takes a little time (a timer), and the client does not look at the lease again
 * before sending it. A pause that falls in between, or a clock that runs slow, lets the write leave
 * after the lease has passed to another client: only a fencing token checked by storage stops it.
 */
public final class LeaseClient implements Node<LeaseMessage> {
    private static final String TICK = "tick";
    private static final String WRITE_READY = "write-ready";

    private final Address lockServer;
    private final Address storage;
    private final LeaseTiming timing;

    private long epoch;
    private long trustedUntilNanos; // no lease before it is granted: time 0 has passed at the first tick
    private long lastRequestSentNanos;
    private boolean writing;
    private int writes;

    /** Creates a client of {@code lockServer} that writes to {@code storage}. */
    public LeaseClient(Address lockServer, Address storage, LeaseTiming timing) {
        this.lockServer = lockServer;
        this.storage = storage;
        this.timing = timing;
    }

    @Override
    public void onStart(Context<LeaseMessage> ctx) {
        ctx.setTimer(timing.tick(), TICK);
    }

    @Override
    public void onMessage(Context<LeaseMessage> ctx, Address from, LeaseMessage message) {
        if (message instanceof Granted granted && granted.epoch() >= epoch) {
            epoch = granted.epoch();
            trustedUntilNanos = lastRequestSentNanos + timing.lease().toNanos() - timing.safetyMargin().toNanos();
        }
    }

    @Override
    public void onTimer(Context<LeaseMessage> ctx, Object tag) {
        if (TICK.equals(tag)) {
            onTick(ctx);
            ctx.setTimer(timing.tick(), TICK);
        } else if (WRITE_READY.equals(tag)) {
            writing = false;
            // Time of check to time of use: the lease was valid when the write began.
            ctx.send(storage, new Write(epoch, ctx.self().name() + "#" + (++writes)));
        }
    }

    private void onTick(Context<LeaseMessage> ctx) {
        long now = ctx.nowNanos();
        long remaining = trustedUntilNanos - now;
        if (remaining <= timing.lease().toNanos() / 2) {
            lastRequestSentNanos = now;
            ctx.send(lockServer, new Acquire());
        }
        if (remaining > 0 && !writing) {
            writing = true;
            long work = ctx.random().between(timing.workMin().toNanos(), timing.workMax().toNanos());
            ctx.setTimerNanos(work, WRITE_READY);
        }
    }
}
