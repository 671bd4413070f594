package dev.seedloop.engine.api;

/**
 * The one precondition helper of the engine: always on (unlike Java's {@code assert}), and the only way
 * API misuse is reported. A failed check throws at the caller's line with a message that says what was
 * wrong; it is never logged and dropped.
 */
public final class Check {
    private Check() {}

    /** Throws {@link IllegalArgumentException} with the formatted message unless {@code condition} holds. */
    public static void argument(boolean condition, String message, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(args.length == 0 ? message : String.format(message, args));
        }
    }

    /**
     * As {@link #argument(boolean, String, Object...)} with one number: no boxing and no array unless the
     * check fails, for checks on hot paths.
     */
    public static void argument(boolean condition, String message, long value) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(message, value));
        }
    }

    /** As {@link #argument(boolean, String, long)} with two numbers, for hot-path range checks. */
    public static void argument(boolean condition, String message, long first, long second) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(message, first, second));
        }
    }

    /** As {@link #argument(boolean, String, Object...)} with one value: no array unless the check fails. */
    public static void argument(boolean condition, String message, Object value) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(message, value));
        }
    }

    /** Throws {@link IllegalStateException} with the formatted message unless {@code condition} holds. */
    public static void state(boolean condition, String message, Object... args) {
        if (!condition) {
            throw new IllegalStateException(args.length == 0 ? message : String.format(message, args));
        }
    }

    /** Returns {@code value}, or throws {@link NullPointerException} naming {@code what} if it is null. */
    public static <T> T notNull(T value, String what) {
        if (value == null) {
            throw new NullPointerException(what + " must not be null");
        }
        return value;
    }
}
