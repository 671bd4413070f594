package dev.seedloop.demos.bench;

import dev.seedloop.demos.raft.RaftElection;
import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.trace.RunDigest;
import java.util.concurrent.TimeUnit;
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
 * The engine against a specialised program doing the same run: {@code engine} is one seed of the correct
 * Raft election through {@link Simulation#replay} (as {@code SingleSeedBenchmark.runOneSeed}), {@code bare}
 * the same seed through {@link BareRaftElection}, which has the same draws, events, invariant checks and
 * digest without the general engine, and {@code bareWithoutDigest} that loop with the digest left out.
 * All cycle through seeds {@code 0..4095}; ops/s = seeds/s on one thread. The setup checks, for every one of those seeds, that the engine and the loop give the same digest
 * and the same numbers of events and steps, so the rows measure the same work.
 *
 * <p>{@code engine / bare} says how much of a seed's time the general engine adds; {@code bare} is a
 * ceiling for any engine that keeps this scenario's semantics and digest on this machine.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class RaftFloorBenchmark {
    private static final int SEEDS = SingleSeedBenchmark.SEED_SET;

    /** "3x3" or "5x10". */
    @Param({"3x3", "5x10"})
    public String config;

    private RaftElection scenario;
    private BareRaftElection bare;
    private BareRaftElection bareWithoutDigest;
    private long next;

    /** Resolves the configuration and checks the specialised loop against the engine, seed by seed. */
    @Setup(Level.Trial)
    public void setUp() {
        scenario = BenchConfig.of(config).scenario;
        bare = new BareRaftElection(scenario.nodes(), scenario.duration().toNanos(), scenario.timing(), true);
        bareWithoutDigest = new BareRaftElection(scenario.nodes(), scenario.duration().toNanos(), scenario.timing(),
                false);
        for (long seed = 0; seed < SEEDS; seed++) {
            RunResult engine = Simulation.replay(scenario, seed);
            long digest = bare.run(seed);
            if (!engine.passed() || digest != engine.digest() || bare.events() != engine.events()
                    || bare.steps() != engine.steps()) {
                throw new IllegalStateException(config + " seed " + seed + ": the engine gave digest "
                        + RunDigest.format(engine.digest()) + " over " + engine.events() + " events and "
                        + engine.steps() + " steps, the specialised loop " + RunDigest.format(digest) + " over "
                        + bare.events() + " events and " + bare.steps() + " steps");
            }
        }
        System.out.printf("%n[%s] seeds 0..%d: same digest, events and steps from the engine and the specialised loop%n",
                config, SEEDS - 1);
    }

    /** One seed through the engine. */
    @Benchmark
    @Threads(1)
    public RunResult engine() {
        return Simulation.replay(scenario, nextSeed());
    }

    /** The same seed through the specialised loop. */
    @Benchmark
    @Threads(1)
    public long bare() {
        return bare.run(nextSeed());
    }

    /** The specialised loop without the digest: what folding every event costs even there. */
    @Benchmark
    @Threads(1)
    public long bareWithoutDigest() {
        bareWithoutDigest.run(nextSeed());
        return bareWithoutDigest.events();
    }

    private long nextSeed() {
        long seed = next;
        next = (seed + 1) & (SEEDS - 1);
        return seed;
    }
}
