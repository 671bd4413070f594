package dev.seedloop.demos.bench;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.CheckOptions;
import dev.seedloop.engine.api.CheckResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A whole {@code Simulation.check} sweep of seeds {@code 0..SEEDS-1} per invocation, with the engine's
 * own thread pool of {@code threads} threads and progress off. Each invocation counts as {@value #SEEDS}
 * operations, so ops/s is seeds/s. Run it with JMH's default single benchmark thread: the parallelism
 * is the sweep's.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class SweepBenchmark {
    /** Seeds per sweep. */
    static final int SEEDS = 2000;

    /** "3x3" or "5x10". */
    @Param({"3x3", "5x10"})
    public String config;

    /** Sweep threads. */
    @Param({"1", "2"})
    public int threads;

    private CheckOptions options;
    private BenchConfig scenario;

    /** Builds the options and prints the exact events per seed of the swept seeds. */
    @Setup(Level.Trial)
    public void setUp() {
        scenario = BenchConfig.of(config);
        options = CheckOptions.seeds(SEEDS)
                .withThreads(threads)
                .withProgress(null)
                .withScenarioName(scenario.scenario.describe());
        BenchConfig.Totals totals = scenario.totals(SEEDS);
        System.out.printf("%n[%s] seeds 0..%d: %.2f events/seed (recorded), %.2f steps/seed (processed)%n",
                config, SEEDS - 1, totals.eventsPerSeed(), totals.stepsPerSeed());
    }

    /** Sweeps the seeds; fails the benchmark if any seed fails. */
    @Benchmark
    @OperationsPerInvocation(SEEDS)
    public long sweep() {
        CheckResult result = Simulation.check(scenario.scenario, options);
        if (!result.passed()) {
            throw new IllegalStateException(result.summary());
        }
        return result.sweepDigest();
    }
}
