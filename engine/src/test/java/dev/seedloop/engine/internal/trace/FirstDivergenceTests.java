package dev.seedloop.engine.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.NondeterminismDetected;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.TraceOutput;
import dev.seedloop.engine.internal.ScenarioRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link TraceRecording#firstDivergence} reports for a seed that does not replay: scenarios that are
 * nondeterministic on purpose, through a counter of runs that the test keeps outside the engine.
 */
class FirstDivergenceTests {
    @TempDir
    Path dir;

    /**
     * One node, "ticker": on start it sets a 10 ms timer; when the timer fires it logs "tick", then the
     * line {@code lineOfRun} makes from the run's number (counted in a field every run shares).
     */
    private static Scenario leaky(IntFunction<String> lineOfRun) {
        AtomicInteger runs = new AtomicInteger(); // the test's own state, shared between runs: the leak
        return world -> {
            int run = runs.incrementAndGet();
            world.start("ticker", new Node<Object>() {
                @Override
                public void onStart(Context<Object> ctx) {
                    ctx.setTimer(Duration.ofMillis(10), "tick");
                }

                @Override
                public void onMessage(Context<Object> ctx, Address from, Object message) {}

                @Override
                public void onTimer(Context<Object> ctx, Object tag) {
                    ctx.log("tick");
                    ctx.log(lineOfRun.apply(run));
                }
            });
            world.runFor(Duration.ofMillis(20));
        };
    }

    /** Runs {@code scenario} once untraced (run 1, "the sweep"), then re-runs and verifies it (runs 2 and 3). */
    private RunResult sweptThenVerified(Scenario scenario, Path trace) {
        RunResult swept = ScenarioRunner.run(scenario, 5, RunOptions.DEFAULTS, null);
        return TraceRecording.rerunAndVerify(scenario, swept, RunOptions.DEFAULTS, TraceOutput.events(trace, "leaky"));
    }

    @Test
    void reRunsThatDifferAreComparedAtTheirFirstDivergentEvent() {
        Path trace = dir.resolve("leaky.trace");
        RunResult result = sweptThenVerified(leaky(run -> "run " + run), trace);

        // Each run's digested events: step 1 (the start, at 0) is NODE_STARTED then TIMER_SET; step 2 (the
        // timer, at 10 ms) is TIMER_FIRED, LOG "tick", LOG "run N". The recordings are of runs 2 and 3, so
        // the fifth event is the first to differ, and the fourth the last they share.
        String expected = "the runs first diverge at event 5, step 2: "
                + "step 2  t=0.010000000  ticker LOG run 2 in one run, but "
                + "step 2  t=0.010000000  ticker LOG run 3 in the other; "
                + "the last event they agreed on: step 2  t=0.010000000  ticker LOG tick";
        assertThat(TraceRecording.firstDivergence(trace, dir.resolve("leaky.trace.rerun"))).isEqualTo(expected);
        assertThat(result.failure()).isInstanceOf(NondeterminismDetected.class)
                .hasMessageContaining("; " + expected + " (traces: ");
    }

    @Test
    void reRunsThatAgreeWithEachOtherBlameSomethingOutsideTheSeed() {
        Path trace = dir.resolve("leaky.trace");
        // Only the sweep's run differs; the two recorded runs log the same line.
        RunResult result = sweptThenVerified(leaky(run -> run == 1 ? "first run" : "a later run"), trace);

        String divergence = TraceRecording.firstDivergence(trace, dir.resolve("leaky.trace.rerun"));
        assertThat(divergence).startsWith("two recorded runs of the seed then agreed with each other")
                .contains("state kept between runs");
        assertThat(result.failure()).isInstanceOf(NondeterminismDetected.class).hasMessageContaining(divergence);
    }

    @Test
    void recordingsThatCannotBeReadAreNamedAsSuch() throws Exception {
        Path missing = dir.resolve("missing.trace");
        Path notATrace = Files.writeString(dir.resolve("text.trace"), "not a trace");
        assertThat(TraceRecording.firstDivergence(missing, notATrace))
                .startsWith("the recordings could not be compared (").contains("missing.trace").endsWith(")");
        Path trace = dir.resolve("ok.trace");
        TraceRecording.run(leaky(run -> "run"), 1, RunOptions.DEFAULTS, TraceOutput.events(trace, "ok"));
        assertThat(TraceRecording.firstDivergence(trace, notATrace))
                .startsWith("the recordings could not be compared (").contains("text.trace").endsWith(")");
    }
}
