package dev.seedloop.engine.api;

/**
 * A run hit one of the limits in {@link RunOptions}: too many steps in all, too many steps without
 * virtual time advancing (a livelock: nodes messaging each other with zero delay forever), too much
 * virtual time, or too many pending events. The message names the limit and how to raise it.
 */
public final class LimitExceeded extends SimulationFailure {
    private static final long serialVersionUID = 1L;

    private final String limit;

    /** Creates the finding; the engine does this when a limit is hit. */
    public LimitExceeded(long seed, long step, long timeNanos, String limit, long value, String explanation) {
        super(seed, step, timeNanos, explanation + " (limit RunOptions." + limit + " = " + value
                + "; raise it with RunOptions.with" + Character.toUpperCase(limit.charAt(0))
                + limit.substring(1) + "(...) if the run is meant to be this long)", null);
        this.limit = limit;
    }

    /** The name of the limit that was hit, as named in {@link RunOptions}. */
    public String limit() {
        return limit;
    }

    @Override
    public String kind() {
        return "limit";
    }
}
