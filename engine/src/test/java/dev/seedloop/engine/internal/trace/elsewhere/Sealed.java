package dev.seedloop.engine.internal.trace.elsewhere;

/** A record the renderer's package cannot reach without reflection's override: private, in another package. */
public final class Sealed {
    private Sealed() {}

    /** Keeps {@code Object.toString}. */
    public static final class Token {}

    private record Secret(int n, Token token) {}

    /** An instance of a private record that holds an object without its own toString. */
    public static Object secret() {
        return new Secret(4, new Token());
    }
}
