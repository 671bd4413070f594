package dev.seedloop.demos.lease;

import dev.seedloop.demos.lease.LeaseMessage.Write;
import dev.seedloop.demos.lease.LeaseMessage.WriteAck;
import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The storage node the lock protects. With fencing, it remembers the highest epoch it accepted and
 * rejects any write with a lower one; without (the labelled flaw), it accepts every write.
 */
public final class StorageNode implements Node<LeaseMessage> {
    /** A write the storage node accepted: whose, in which epoch, and what. */
    public record AcceptedWrite(Address client, long epoch, String value) {}

    private final boolean fenced;
    private final List<AcceptedWrite> accepted = new ArrayList<>();
    private long highestEpoch;
    private int rejected;

    /**
     * Creates the node.
     *
     * @param fenced whether to reject writes whose epoch is lower than one already accepted
     */
    public StorageNode(boolean fenced) {
        this.fenced = fenced;
    }

    /** Every accepted write, in order. */
    public List<AcceptedWrite> accepted() {
        return Collections.unmodifiableList(accepted);
    }

    /** How many writes were rejected for a stale epoch. */
    public int rejected() {
        return rejected;
    }

    @Override
    public void onStart(Context<LeaseMessage> ctx) {}

    @Override
    public void onMessage(Context<LeaseMessage> ctx, Address from, LeaseMessage message) {
        if (!(message instanceof Write write)) {
            return;
        }
        boolean accept = !fenced || write.epoch() >= highestEpoch;
        if (accept) {
            accepted.add(new AcceptedWrite(from, write.epoch(), write.value()));
            highestEpoch = Math.max(highestEpoch, write.epoch());
        } else {
            rejected++;
            ctx.log("rejected " + write.value() + ": epoch " + write.epoch() + " < " + highestEpoch);
        }
        ctx.send(from, new WriteAck(write.epoch(), accept));
    }
}
