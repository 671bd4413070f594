package dev.seedloop.engine;

import dev.seedloop.engine.api.Check;
import dev.seedloop.engine.api.CheckOptions;
import dev.seedloop.engine.api.CheckResult;
import dev.seedloop.engine.api.Minimization;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.TraceOutput;
import dev.seedloop.engine.internal.ScenarioRunner;
import dev.seedloop.engine.internal.minimize.Minimizer;
import dev.seedloop.engine.internal.trace.TraceRecording;
import java.nio.file.Path;
import dev.seedloop.engine.internal.sweep.Sweep;

/**
 * The entry point: sweep a scenario over many seeds with {@link #check}, rerun one seed exactly with
 * {@link #replay}.
 *
 * <pre>{@code
 * CheckResult result = Simulation.check(scenario, CheckOptions.seeds(1000).withScenarioName("myScenario"));
 * result.assertPassed();                       // fails with the seed and the replay call
 * RunResult run = Simulation.replay(scenario, 7);   // the same run, event for event
 * }</pre>
 *
 * <p>A run is a pure function of (scenario, seed, options): replaying a seed gives the same events,
 * the same digest, and the same failure at the same step and virtual time.
 */
public final class Simulation {
    private Simulation() {}

    /** Sweeps {@code scenario} as {@code options} say and returns the outcome (it does not throw on failure). */
    public static CheckResult check(Scenario scenario, CheckOptions options) {
        // Checked here, on the caller's thread: inside the sweep a null would look like a dead worker.
        Check.notNull(scenario, "scenario");
        Check.notNull(options, "options");
        return Sweep.run(scenario, options);
    }

    /** Sweeps seeds {@code 0..seeds-1} on every core, stopping at the first failure. */
    public static CheckResult check(Scenario scenario, long seeds) {
        return check(scenario, CheckOptions.seeds(seeds));
    }

    /** Runs {@code scenario} once with {@code seed} and default limits. */
    public static RunResult replay(Scenario scenario, long seed) {
        return replay(scenario, seed, RunOptions.DEFAULTS);
    }

    /** Runs {@code scenario} once with {@code seed} and {@code options}. */
    public static RunResult replay(Scenario scenario, long seed, RunOptions options) {
        Check.notNull(scenario, "scenario");
        Check.notNull(options, "options");
        return ScenarioRunner.run(scenario, seed, options, null);
    }

    /**
     * Runs {@code scenario} once with {@code seed} and {@code options}, writing its trace as
     * {@code trace} says. The run is the same as without a trace: same events, same digest.
     *
     * @throws java.io.UncheckedIOException if the trace file could not be written completely
     */
    public static RunResult replay(Scenario scenario, long seed, RunOptions options, TraceOutput trace) {
        Check.notNull(scenario, "scenario");
        Check.notNull(options, "options");
        Check.notNull(trace, "trace");
        return TraceRecording.run(scenario, seed, options, trace);
    }

    /**
     * Searches for a smaller reproduction of a failing seed — fewer scheduled faults, then less loss and
     * duplication — that fails the same way, and writes its FULL trace to {@code trace} (none if null).
     * At most 200 candidate runs are tried.
     *
     * @throws IllegalArgumentException if the seed does not fail
     */
    public static Minimization minimize(Scenario scenario, long seed, RunOptions options, Path trace,
            String scenarioName) {
        Check.notNull(scenario, "scenario");
        Check.notNull(options, "options");
        return Minimizer.minimize(scenario, seed, options, trace, scenarioName, 200);
    }
}
