package dev.seedloop.engine.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.TraceOutput;
import dev.seedloop.engine.internal.TestNodes;
import dev.seedloop.trace.Trace;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FULL trace records when each {@code eventually} property first held: at the step after which it was
 * first true (or at once, if it was true when stated), with how long it waited and its bound. Other levels
 * leave it out, and it is never digested.
 */
class LivenessRecordingTests {
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    /**
     * A ticker's timer fires every millisecond. "started" holds when stated; "three ticks" after the third
     * tick; "twelve ticks", stated at 10 ms, after the twelfth; "a thousand ticks" never within its bound.
     */
    private static final Scenario TICKS = world -> {
        TestNodes.Ticker ticker = new TestNodes.Ticker();
        world.start("t", ticker);
        world.eventually("started", () -> true, Duration.ofMillis(5));
        world.eventually("three ticks", () -> ticker.ticks >= 3, Duration.ofSeconds(1));
        world.runFor(Duration.ofMillis(10));
        world.eventually("twelve ticks", () -> ticker.ticks >= 12, Duration.ofMillis(50));
        world.eventually("a thousand ticks", () -> ticker.ticks >= 1000, Duration.ofMillis(30));
        world.runFor(Duration.ofMillis(100));
    };

    private Trace record(TraceLevel level, String name) throws Exception {
        Path file = dir.resolve(name + ".trace");
        Simulation.replay(TICKS, 3, RunOptions.DEFAULTS, new TraceOutput(file, level, false, name, true));
        return Trace.read(file);
    }

    /** The k-th firing of the ticker's timer (1-based): the step after which it has ticked k times. */
    private static TraceEvent tick(List<TraceEvent> events, int k) {
        return events.stream().filter(e -> e instanceof TraceEvent.TimerFired).skip(k - 1).findFirst().orElseThrow();
    }

    @Test
    void aFullTraceRecordsTheStepEachPropertyFirstHeldWithItsWaitAndBound() throws Exception {
        Trace full = record(TraceLevel.FULL, "full");
        List<TraceEvent> events = full.events();
        List<TraceEvent.LivenessHeld> held = events.stream()
                .filter(e -> e instanceof TraceEvent.LivenessHeld).map(e -> (TraceEvent.LivenessHeld) e).toList();

        TraceEvent third = tick(events, 3);
        TraceEvent twelfth = tick(events, 12);
        assertThat(third.timeNanos()).isEqualTo(3 * MS);
        assertThat(twelfth.timeNanos()).isEqualTo(12 * MS);
        assertThat(held).containsExactly(
                new TraceEvent.LivenessHeld(0, 0, "started", 0, 5 * MS),
                new TraceEvent.LivenessHeld(third.step(), 3 * MS, "three ticks", 3 * MS, 1000 * MS),
                new TraceEvent.LivenessHeld(twelfth.step(), 12 * MS, "twelve ticks", 2 * MS, 50 * MS));
        // Each comes after every other event of its step, as an invariant check does.
        for (TraceEvent.LivenessHeld h : held) {
            int at = events.indexOf(h);
            assertThat(events.subList(at + 1, events.size())).allMatch(e -> e.step() > h.step()
                    || e instanceof TraceEvent.LivenessHeld || e instanceof TraceEvent.InvariantViolated);
        }
        // The property that missed its bound is the run's failure, not a holding.
        assertThat(full.footer().orElseThrow().failure().orElseThrow().message()).contains("a thousand ticks");
    }

    @Test
    void recordingTheSameSeedTwiceWritesTheSameBytes() throws Exception {
        for (String file : List.of("first.trace", "second.trace")) {
            Simulation.replay(TICKS, 3, RunOptions.DEFAULTS,
                    new TraceOutput(dir.resolve(file), TraceLevel.FULL, false, "ticks", true));
        }

        byte[] first = Files.readAllBytes(dir.resolve("first.trace"));
        assertThat(first).isEqualTo(Files.readAllBytes(dir.resolve("second.trace")));
        assertThat(Trace.read(dir.resolve("first.trace")).events()).anyMatch(e -> e instanceof TraceEvent.LivenessHeld);
    }

    @Test
    void otherLevelsLeaveItOutAndItIsNeverDigested() throws Exception {
        Trace full = record(TraceLevel.FULL, "full");
        Trace events = record(TraceLevel.EVENTS, "events");
        RunResult off = Simulation.replay(TICKS, 3);

        assertThat(events.events()).noneMatch(e -> e instanceof TraceEvent.LivenessHeld);
        assertThat(Files.readString(dir.resolve("events.trace"), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("three ticks");
        long fullDigest = full.footer().orElseThrow().digest();
        assertThat(full.recomputeDigest().value()).isEqualTo(fullDigest);
        assertThat(events.footer().orElseThrow().digest()).isEqualTo(fullDigest);
        assertThat(off.digest()).isEqualTo(fullDigest);
        assertThat(full.footer().orElseThrow().eventCount()).isEqualTo(off.events());
    }
}
