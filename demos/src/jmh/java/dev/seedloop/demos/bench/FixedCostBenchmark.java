package dev.seedloop.demos.bench;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The per-seed fixed cost: building a run with three addresses and three idle nodes, starting them
 * and running zero virtual time — everything a seed pays before its first message. Average time per
 * operation is the figure.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class FixedCostBenchmark {
    /** A node that does nothing. */
    static final class Idle implements Node<Object> {
        @Override
        public void onStart(Context<Object> ctx) {}

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {}
    }

    static final Scenario THREE_IDLE_NODES = world -> {
        for (int i = 1; i <= 3; i++) {
            world.start("n" + i, new Idle());
        }
        world.runFor(Duration.ZERO);
    };

    private long seed;

    /** One run of three idle nodes. */
    @Benchmark
    @Threads(1)
    public RunResult buildAndRunEmptySeed() {
        return Simulation.replay(THREE_IDLE_NODES, seed++);
    }
}
