package dev.seedloop.demos.primarybackup;

import dev.seedloop.demos.primarybackup.RegisterMessage.Read;
import dev.seedloop.demos.primarybackup.RegisterMessage.ReadReply;
import dev.seedloop.demos.primarybackup.RegisterMessage.Write;
import dev.seedloop.demos.primarybackup.RegisterMessage.WriteAck;
import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The register's client: it writes versions 1, 2, 3, ... to the primary (retrying until acknowledged)
 * and reads often, from the primary and, when the primary has been silent for a while, from the backup.
 * It records every read with the highest version acknowledged before the read was sent: what the
 * invariant judges.
 */
public final class RegisterClient implements Node<RegisterMessage> {
    /**
     * A read as the client saw it.
     *
     * @param from the replica that answered
     * @param version the version it returned
     * @param acknowledgedBefore the highest version acknowledged to the client before it sent the read
     */
    public record Observation(Address from, long version, long acknowledgedBefore) {}

    private static final String WRITE = "write";
    private static final String READ = "read";
    private static final Duration WRITE_EVERY = Duration.ofMillis(20);
    private static final Duration READ_EVERY = Duration.ofMillis(10);
    private static final long PRIMARY_SILENT_NANOS = Duration.ofMillis(30).toNanos();

    private final Address primary;
    private final Address backup;
    private final List<Observation> observations = new ArrayList<>();
    private final Map<Long, Long> acknowledgedWhenSent = new LinkedHashMap<>();
    private long acknowledged;
    private long nextRead;
    private long lastPrimaryReplyNanos;

    /** Creates a client of the register held by {@code primary} and {@code backup}. */
    public RegisterClient(Address primary, Address backup) {
        this.primary = primary;
        this.backup = backup;
    }

    /** Every read reply received, in order. */
    public List<Observation> observations() {
        return Collections.unmodifiableList(observations);
    }

    /** The highest version acknowledged so far. */
    public long acknowledged() {
        return acknowledged;
    }

    @Override
    public void onStart(Context<RegisterMessage> ctx) {
        ctx.setTimer(WRITE_EVERY, WRITE);
        ctx.setTimer(READ_EVERY, READ);
    }

    @Override
    public void onTimer(Context<RegisterMessage> ctx, Object tag) {
        if (WRITE.equals(tag)) {
            ctx.send(primary, new Write(acknowledged + 1)); // the next version, or a retry of it
            ctx.setTimer(WRITE_EVERY, WRITE);
        } else {
            long id = ++nextRead;
            acknowledgedWhenSent.put(id, acknowledged);
            boolean primarySilent = ctx.nowNanos() - lastPrimaryReplyNanos > PRIMARY_SILENT_NANOS;
            ctx.send(primarySilent ? backup : primary, new Read(id));
            ctx.setTimer(READ_EVERY, READ);
        }
    }

    @Override
    public void onMessage(Context<RegisterMessage> ctx, Address from, RegisterMessage message) {
        switch (message) {
            case WriteAck ack -> acknowledged = Math.max(acknowledged, ack.version());
            case ReadReply reply -> {
                Long before = acknowledgedWhenSent.remove(reply.id());
                if (before != null) { // null for a duplicated reply
                    observations.add(new Observation(from, reply.version(), before));
                }
                if (from.equals(primary)) {
                    lastPrimaryReplyNanos = ctx.nowNanos();
                }
            }
            default -> throw new IllegalStateException("the client got " + message);
        }
    }
}
