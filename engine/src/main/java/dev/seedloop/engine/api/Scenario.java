package dev.seedloop.engine.api;

/**
 * A test scenario: builds a simulated system in a {@link World}, states its invariants and drives it.
 *
 * <p>A scenario must be a pure function of the world it is given: the same seed must give the same run.
 * It is called once per seed, possibly on several threads at once for different seeds, so it must not
 * share mutable state between calls.
 */
@FunctionalInterface
public interface Scenario {
    /** Runs the scenario in {@code world}. A thrown exception fails the run as a {@link ScenarioFailure}. */
    void run(World world) throws Exception;
}
