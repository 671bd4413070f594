package dev.seedloop.engine.internal;

import dev.seedloop.engine.api.Check;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.SimulationFailure;

/**
 * Runs a scenario for one seed and turns whatever happens into a {@link RunResult}: a failure found by
 * the engine, an exception from the scenario's own code, or a pass. Never lets a user exception escape.
 */
public final class ScenarioRunner {
    private ScenarioRunner() {}

    /** Runs {@code scenario} with {@code seed}; {@code listener} receives every event, or is null. */
    public static RunResult run(Scenario scenario, long seed, RunOptions options, RunListener listener) {
        return run(scenario, seed, options, listener, RunTweaks.NONE);
    }

    /** Runs {@code scenario} with {@code seed} as a minimizer's {@code tweaks} change it. */
    public static RunResult run(Scenario scenario, long seed, RunOptions options, RunListener listener,
            RunTweaks tweaks) {
        Check.notNull(scenario, "scenario");
        SimulationRun run = new SimulationRun(seed, options, listener, tweaks);
        try {
            scenario.run(run);
        } catch (SimulationFailure found) {
            if (found != run.failure()) {
                // A SimulationFailure the scenario made itself: its code threw, the engine found nothing.
                run.scenarioThrew(found);
            }
        } catch (Throwable t) {
            SimulationRun.rethrowIfFatal(t);
            run.scenarioThrew(t);
        }
        run.end();
        // If the scenario caught the engine's failure and returned normally, the failure still stands.
        return run.result();
    }
}
