package dev.seedloop.demos.primarybackup;

/** The messages of the primary-backup register: client writes and reads, and replication to the backup. */
public sealed interface RegisterMessage {
    /** The client writes version {@code version} (versions grow by one; the value is derived from it). */
    record Write(long version) implements RegisterMessage {}

    /** The primary tells the client that {@code version} is stored on both replicas. */
    record WriteAck(long version) implements RegisterMessage {}

    /** The primary copies {@code version} to the backup. */
    record Replicate(long version) implements RegisterMessage {}

    /** The backup holds {@code version} (or newer). */
    record Replicated(long version) implements RegisterMessage {}

    /** The client reads the register; {@code id} matches the reply to the request. */
    record Read(long id) implements RegisterMessage {}

    /** A replica's answer to {@link Read}: the version it holds. */
    record ReadReply(long id, long version) implements RegisterMessage {}
}
