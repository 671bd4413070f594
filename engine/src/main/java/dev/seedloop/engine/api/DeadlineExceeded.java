package dev.seedloop.engine.api;

/** {@link World#runUntil} reached its virtual-time deadline with its condition still false. */
public final class DeadlineExceeded extends SimulationFailure {
    private static final long serialVersionUID = 1L;

    private final String condition;

    /** Creates the finding; the engine does this when runUntil's deadline passes. */
    public DeadlineExceeded(long seed, long step, long timeNanos, String condition, long deadlineNanos) {
        super(seed, step, timeNanos, "'" + condition + "' still false at its deadline of "
                + formatTime(deadlineNanos) + " of virtual time", null);
        this.condition = condition;
    }

    /** The name of the condition runUntil was waiting for. */
    public String condition() {
        return condition;
    }

    @Override
    public String kind() {
        return "deadline";
    }
}
