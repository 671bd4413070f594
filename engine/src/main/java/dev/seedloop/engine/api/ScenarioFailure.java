package dev.seedloop.engine.api;

/** The scenario's own code (outside any node) threw. The scenario's exception is the cause. */
public final class ScenarioFailure extends SimulationFailure {
    private static final long serialVersionUID = 1L;

    /** Creates the finding; the engine does this when {@link Scenario#run} throws. */
    public ScenarioFailure(long seed, long step, long timeNanos, Throwable cause) {
        super(seed, step, timeNanos, "scenario threw: " + cause, cause);
    }

    @Override
    public String kind() {
        return "scenario-threw";
    }
}
