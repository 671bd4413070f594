package dev.seedloop.engine.api;

/**
 * {@link World#runUntil} was waiting for a condition, but no event was left that could make it true:
 * the system went quiet (every node idle, nothing in flight) with the condition still false.
 */
public final class QuiescenceFailure extends SimulationFailure {
    private static final long serialVersionUID = 1L;

    private final String condition;

    /** Creates the finding; the engine does this when the event queue empties inside runUntil. */
    public QuiescenceFailure(long seed, long step, long timeNanos, String condition) {
        this(seed, step, timeNanos, condition, null);
    }

    /**
     * Creates the finding with a {@code hint} about why the run went quiet (for example messages to an
     * address where no node was started), or null for none.
     */
    public QuiescenceFailure(long seed, long step, long timeNanos, String condition, String hint) {
        super(seed, step, timeNanos, "quiescent while waiting for '" + condition
                + "': no pending events (no timers, nothing in flight) and the condition is still false"
                + (hint == null ? "" : "; " + hint), null);
        this.condition = condition;
    }

    /** The name of the condition runUntil was waiting for. */
    public String condition() {
        return condition;
    }

    @Override
    public String kind() {
        return "quiescence";
    }
}
