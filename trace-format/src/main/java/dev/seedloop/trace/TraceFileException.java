package dev.seedloop.trace;

/**
 * A trace cannot be opened at all: the file is missing or unreadable, is not a seedloop trace, was
 * written by a newer major format version, or is damaged before its header ends. The message says what,
 * where (the byte offset for damage) and what to do.
 */
public final class TraceFileException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a trace cannot be opened. */
    public enum Reason {
        /** The file is missing or the operating system refused to read it. */
        IO_ERROR,
        /** The bytes do not start with the seedloop magic. */
        NOT_A_TRACE,
        /** The file's major format version is not one this reader reads. */
        UNSUPPORTED_VERSION,
        /** The file ends before its header is whole. */
        TRUNCATED,
        /** The header is invalid. */
        CORRUPT
    }

    private final Reason reason;
    private final long offset;

    /** An exception for {@code reason} at byte {@code offset} (-1 if no offset applies). */
    public TraceFileException(Reason reason, long offset, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.offset = offset;
    }

    /** Why the trace cannot be opened. */
    public Reason reason() {
        return reason;
    }

    /** The byte offset of the problem in the uncompressed trace, or -1 if none applies. */
    public long offset() {
        return offset;
    }
}
