package dev.seedloop.demos.primarybackup;

import dev.seedloop.demos.primarybackup.RegisterMessage.Read;
import dev.seedloop.demos.primarybackup.RegisterMessage.ReadReply;
import dev.seedloop.demos.primarybackup.RegisterMessage.Replicate;
import dev.seedloop.demos.primarybackup.RegisterMessage.Replicated;
import dev.seedloop.demos.primarybackup.RegisterMessage.Write;
import dev.seedloop.demos.primarybackup.RegisterMessage.WriteAck;
import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.Storage;
import java.time.Duration;

/**
 * One replica of the register, primary or backup. It keeps the register's version in its
 * {@link Storage} under the key {@code register} and reloads it when it restarts.
 *
 * <p>The primary stores a client's write, copies it to the backup, and acknowledges it to the client
 * once the backup confirms; the backup stores the copy and confirms. Either answers reads.
 *
 * <p><b>The labelled flaw.</b> With {@code syncBeforeAck} off, a replica does not sync a write before
 * confirming or acknowledging it: it flushes every {@value #FLUSH_MILLIS} ms instead (group commit).
 * A crash between the acknowledgement and the flush loses a write the client was told is safe.
 */
public final class Replica implements Node<RegisterMessage> {
    static final long FLUSH_MILLIS = 50;
    private static final String KEY = "register";
    private static final String FLUSH = "flush";

    private final Address backup; // null on the backup itself
    private final boolean syncBeforeAck;
    private long version;
    private Address writer; // who to acknowledge to (volatile: a client retries after a restart)

    /**
     * Creates a replica.
     *
     * @param backup the backup's address on the primary, null on the backup
     * @param syncBeforeAck whether to sync every write before confirming it (the correct twin)
     */
    public Replica(Address backup, boolean syncBeforeAck) {
        this.backup = backup;
        this.syncBeforeAck = syncBeforeAck;
    }

    /** The version this replica holds. */
    public long version() {
        return version;
    }

    @Override
    public void onStart(Context<RegisterMessage> ctx) {
        version = parse(ctx.storage().get(KEY));
        if (!syncBeforeAck) {
            ctx.setTimer(Duration.ofMillis(FLUSH_MILLIS), FLUSH);
        }
    }

    @Override
    public void onTimer(Context<RegisterMessage> ctx, Object tag) {
        ctx.storage().sync();
        ctx.setTimer(Duration.ofMillis(FLUSH_MILLIS), FLUSH);
    }

    @Override
    public void onMessage(Context<RegisterMessage> ctx, Address from, RegisterMessage message) {
        switch (message) {
            case Write write -> {
                writer = from;
                store(ctx, write.version());
                ctx.send(backup, new Replicate(version)); // a retried write is copied again
            }
            case Replicate copy -> {
                store(ctx, copy.version());
                ctx.send(from, new Replicated(version));
            }
            case Replicated confirmed -> {
                if (writer != null) {
                    ctx.send(writer, new WriteAck(Math.min(confirmed.version(), version)));
                }
            }
            case Read read -> ctx.send(from, new ReadReply(read.id(), version));
            case WriteAck ack -> throw new IllegalStateException("a replica got " + ack);
            case ReadReply reply -> throw new IllegalStateException("a replica got " + reply);
        }
    }

    private void store(Context<RegisterMessage> ctx, long newVersion) {
        if (newVersion > version) {
            version = newVersion;
            ctx.storage().put(KEY, version + "|v" + version);
            if (syncBeforeAck) {
                ctx.storage().sync();
            }
        }
    }

    /** The stored version, or 0 if nothing (or only a torn write) was stored. */
    private static long parse(String stored) {
        if (stored == null || stored.indexOf('|') < 0) {
            return 0;
        }
        return Long.parseLong(stored.substring(0, stored.indexOf('|')));
    }
}
