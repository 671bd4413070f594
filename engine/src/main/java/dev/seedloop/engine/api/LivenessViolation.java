package dev.seedloop.engine.api;

/**
 * A liveness property stated with {@link World#eventually} did not become true within its virtual-time
 * bound. The message says what was still false and since when it was expected.
 */
public final class LivenessViolation extends SimulationFailure {
    private static final long serialVersionUID = 1L;

    private final String property;

    /** Creates the finding; the engine does this when an eventually-property misses its deadline. */
    public LivenessViolation(long seed, long step, long timeNanos, String property, long sinceNanos, long withinNanos) {
        super(seed, step, timeNanos, "liveness '" + property + "' still false at " + formatTime(timeNanos)
                + ": expected within " + formatTime(withinNanos) + " of " + formatTime(sinceNanos), null);
        this.property = property;
    }

    /** The property's name. */
    public String property() {
        return property;
    }

    @Override
    public String kind() {
        return "liveness";
    }
}
