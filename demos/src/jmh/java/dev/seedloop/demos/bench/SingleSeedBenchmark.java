package dev.seedloop.demos.bench;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.RunResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * One seed of the correct Raft election per operation, on the calling thread: ops/s is seeds/s on one
 * thread. Each thread walks seeds {@code 0..SEED_SET-1} in a loop, so the work per pass is fixed and the
 * events per seed over that set are exact (printed at setup); events/s = ops/s × events per seed.
 *
 * <p>The {@link Work} counters are reported by JMH as rates too ({@code events} and {@code steps} per
 * second), a direct cross-check of the derived figure.
 *
 * <p>{@link #runOneSeed} runs on one thread; {@link #runOneSeedAllCores} is the same work on one JMH
 * thread per available processor, each with its own seeds, so its ops/s is the all-core seeds/s.
 * (A {@code -t} on the command line overrides both.)
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SingleSeedBenchmark {
    /** How many distinct seeds each thread cycles through. */
    static final int SEED_SET = 4096;

    /** The configuration under test, shared by all threads. */
    @State(Scope.Benchmark)
    public static class Config {
        /** "3x3" or "5x10". */
        @Param({"3x3", "5x10"})
        public String config;

        BenchConfig scenario;

        /** Resolves the configuration and prints its exact events per seed over the seed set. */
        @Setup(Level.Trial)
        public void setUp() {
            scenario = BenchConfig.of(config);
            BenchConfig.Totals totals = scenario.totals(SEED_SET);
            System.out.printf("%n[%s] seeds 0..%d: %.2f events/seed (recorded), %.2f steps/seed (processed)%n",
                    config, SEED_SET - 1, totals.eventsPerSeed(), totals.stepsPerSeed());
        }
    }

    /** One thread's position in the seed set, and its event counters (reported as rates). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Work {
        long nextSeed;
        /** Events recorded by the runs of this iteration. */
        public long events;
        /** Events processed by the runs of this iteration. */
        public long steps;

        /** Zeroes the counters before each iteration. */
        @Setup(Level.Iteration)
        public void clear() {
            events = 0;
            steps = 0;
        }
    }

    /** Runs the next seed of the set on one thread and returns its result (JMH consumes it). */
    @Benchmark
    @Threads(1)
    public RunResult runOneSeed(Config config, Work work) {
        return next(config, work);
    }

    /** As {@link #runOneSeed}, on as many threads as there are available processors. */
    @Benchmark
    @Threads(Threads.MAX)
    public RunResult runOneSeedAllCores(Config config, Work work) {
        return next(config, work);
    }

    private static RunResult next(Config config, Work work) {
        long seed = work.nextSeed;
        work.nextSeed = (seed + 1) & (SEED_SET - 1);
        RunResult result = Simulation.replay(config.scenario.scenario, seed);
        work.events += result.events();
        work.steps += result.steps();
        return result;
    }
}
