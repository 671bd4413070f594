package dev.seedloop.trace.internal;

/**
 * The one precondition helper of trace-format: every check throws {@link IllegalArgumentException} with a
 * message naming the value, so API misuse fails at the call that caused it.
 */
public final class Checks {
    private Checks() {}

    /** Requires {@code value >= 0}. */
    public static long nonNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must be >= 0, was " + value);
        }
        return value;
    }

    /** Requires {@code value >= 0} for a node index. */
    public static int nodeIndex(int value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must be a node index >= 0, was " + value);
        }
        return value;
    }

    /** Requires a non-null reference. */
    public static <T> T notNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }
}
