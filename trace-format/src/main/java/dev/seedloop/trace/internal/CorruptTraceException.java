package dev.seedloop.trace.internal;

/**
 * A record that is whole but cannot be right: undecodable bytes, an undefined string id, a node index
 * out of range, an overflowing delta. The reader turns it into a {@code Damage}; it never escapes the API.
 */
public final class CorruptTraceException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A corruption described by {@code message}. */
    public CorruptTraceException(String message) {
        super(message);
    }
}
