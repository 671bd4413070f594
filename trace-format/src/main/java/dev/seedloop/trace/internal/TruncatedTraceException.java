package dev.seedloop.trace.internal;

/**
 * The input ended inside a record (or inside the preamble). The reader turns it into a {@code Damage};
 * it never escapes the API.
 */
public final class TruncatedTraceException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A truncation described by {@code message}. */
    public TruncatedTraceException(String message) {
        super(message);
    }
}
