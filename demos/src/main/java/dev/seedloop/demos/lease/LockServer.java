package dev.seedloop.demos.lease;

import dev.seedloop.demos.lease.LeaseMessage.Acquire;
import dev.seedloop.demos.lease.LeaseMessage.Busy;
import dev.seedloop.demos.lease.LeaseMessage.Granted;
import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Node;

/**
 * The lock server: one lease at a time. It grants the lease to whoever asks once the current one has
 * expired on its own clock, incrementing the epoch when the lease changes hands; the holder may renew
 * (same epoch) at any time.
 */
public final class LockServer implements Node<LeaseMessage> {
    private final LeaseTiming timing;
    private Address holder;
    private long epoch;
    private long expiresAtNanos;

    /** Creates the server. */
    public LockServer(LeaseTiming timing) {
        this.timing = timing;
    }

    @Override
    public void onStart(Context<LeaseMessage> ctx) {}

    @Override
    public void onMessage(Context<LeaseMessage> ctx, Address from, LeaseMessage message) {
        if (!(message instanceof Acquire)) {
            return;
        }
        long now = ctx.nowNanos();
        boolean free = holder == null || now >= expiresAtNanos;
        if (!free && !holder.equals(from)) {
            ctx.send(from, new Busy());
            return;
        }
        if (!from.equals(holder)) {
            epoch++;
            holder = from;
            ctx.log("lease to " + from + " in epoch " + epoch);
        }
        expiresAtNanos = now + timing.lease().toNanos();
        ctx.send(from, new Granted(epoch));
    }
}
