package dev.seedloop.engine.api;

/** A safety property stated with {@link World#always} was false after a step. */
public final class InvariantViolation extends SimulationFailure {
    private static final long serialVersionUID = 1L;

    private final String invariant;
    private final String evidence;

    /** Creates the finding; the engine does this when an invariant's verdict is false. */
    public InvariantViolation(
            long seed, long step, long timeNanos, String invariant, String evidence, Throwable cause) {
        super(seed, step, timeNanos, "invariant '" + invariant + "' violated: " + evidence, cause);
        this.invariant = invariant;
        this.evidence = evidence;
    }

    /** The invariant's name. */
    public String invariant() {
        return invariant;
    }

    /** The evidence the invariant returned. */
    public String evidence() {
        return evidence;
    }

    @Override
    public String kind() {
        return "invariant";
    }
}
