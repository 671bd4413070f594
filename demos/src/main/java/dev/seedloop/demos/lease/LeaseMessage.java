package dev.seedloop.demos.lease;

/** The messages between lock clients, the lock server and the storage node. */
public sealed interface LeaseMessage {
    /** A client asks for the lease, or to renew the one it holds. */
    record Acquire() implements LeaseMessage {}

    /** The server grants the lease in {@code epoch}, which grows each time the lease changes hands. */
    record Granted(long epoch) implements LeaseMessage {}

    /** Someone else holds an unexpired lease. */
    record Busy() implements LeaseMessage {}

    /** A client writes {@code value}, carrying the epoch of its lease as a fencing token. */
    record Write(long epoch, String value) implements LeaseMessage {}

    /** The storage node's answer to a {@link Write}. */
    record WriteAck(long epoch, boolean accepted) implements LeaseMessage {}
}
