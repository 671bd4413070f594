package dev.seedloop.engine.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.TraceOutput;
import dev.seedloop.engine.internal.RecordingListener;
import dev.seedloop.engine.internal.ScenarioRunner;
import dev.seedloop.engine.internal.TestNodes;
import dev.seedloop.engine.api.Verdict;
import dev.seedloop.trace.Trace;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceEventKind;
import dev.seedloop.trace.TraceLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FULL trace records every check of every {@code always} invariant after every step, in the order the
 * invariants were declared and after the step's own events; the failing check is followed by the
 * violation. EVENTS traces leave checks out, and checks are never digested.
 */
class InvariantCheckRecordingTests {
    @TempDir
    Path dir;

    /**
     * One node's start, then a timer a millisecond: steps 1..6, and the sixth (the fifth tick) breaks
     * "fewer-than-5-ticks". "never-negative", declared first, holds throughout.
     */
    private static final Scenario FIFTH_TICK_FAILS = world -> {
        TestNodes.Ticker ticker = new TestNodes.Ticker();
        world.start("t", ticker);
        world.always("never-negative", () -> ticker.ticks >= 0 ? Verdict.ok() : Verdict.violated("negative"));
        world.always("fewer-than-5-ticks", () -> ticker.ticks < 5 ? Verdict.ok() : Verdict.violated(ticker.ticks + " ticks"));
        world.runFor(Duration.ofMillis(100));
    };

    private Trace record(Scenario scenario, TraceLevel level, String name) throws Exception {
        Path file = dir.resolve(name + ".trace");
        Simulation.replay(scenario, 7, RunOptions.DEFAULTS, new TraceOutput(file, level, false, name, true));
        return Trace.read(file);
    }

    private static List<TraceEvent> events(Trace trace) {
        return trace.events();
    }

    @Test
    void aFullTraceHasEveryCheckOfEveryStepInDeclarationOrderAndTheFailingOneBeforeTheViolation() throws Exception {
        List<TraceEvent> events = events(record(FIFTH_TICK_FAILS, TraceLevel.FULL, "full"));

        List<String> checks = new ArrayList<>();
        for (TraceEvent e : events) {
            if (e instanceof TraceEvent.InvariantChecked c) {
                checks.add(c.step() + " " + c.name() + " " + c.holds());
            }
        }
        List<String> expected = new ArrayList<>();
        for (int step = 1; step <= 6; step++) {
            expected.add(step + " never-negative true");
            expected.add(step + " fewer-than-5-ticks " + (step < 6));
        }
        assertThat(checks).containsExactlyElementsOf(expected);

        // Each step's checks come after all of that step's other events, the violation right after the
        // failing check, and nothing after the violation.
        for (int i = 0; i + 1 < events.size(); i++) {
            if (events.get(i) instanceof TraceEvent.InvariantChecked c) {
                TraceEvent next = events.get(i + 1);
                assertThat(next instanceof TraceEvent.InvariantChecked || next.step() > c.step()
                        || next instanceof TraceEvent.InvariantViolated)
                        .as("event after the check %s: %s", c, next).isTrue();
            }
        }
        TraceEvent last = events.get(events.size() - 1);
        TraceEvent beforeLast = events.get(events.size() - 2);
        assertThat(last).isInstanceOfSatisfying(TraceEvent.InvariantViolated.class, v -> {
            assertThat(v.name()).isEqualTo("fewer-than-5-ticks");
            assertThat(v.evidence()).isEqualTo("5 ticks");
            assertThat(v.step()).isEqualTo(6);
        });
        assertThat(beforeLast).isEqualTo(new TraceEvent.InvariantChecked(6, last.timeNanos(), "fewer-than-5-ticks", false));
    }

    @Test
    void anEventsTraceHasNoChecksAndChecksAreNotDigested() throws Exception {
        Trace full = record(FIFTH_TICK_FAILS, TraceLevel.FULL, "full");
        Trace eventsOnly = record(FIFTH_TICK_FAILS, TraceLevel.EVENTS, "events");
        RunResult off = Simulation.replay(FIFTH_TICK_FAILS, 7);

        assertThat(events(eventsOnly)).noneMatch(e -> e.kind() == TraceEventKind.INVARIANT_CHECKED);
        // Not even the name of an invariant that never failed reaches the file's string table.
        assertThat(new String(java.nio.file.Files.readAllBytes(dir.resolve("events.trace")),
                java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("never-negative");
        assertThat(new String(java.nio.file.Files.readAllBytes(dir.resolve("full.trace")),
                java.nio.charset.StandardCharsets.ISO_8859_1)).contains("never-negative");
        assertThat(events(full)).filteredOn(e -> e.kind() == TraceEventKind.INVARIANT_CHECKED).hasSize(12);
        long fullDigest = full.footer().orElseThrow().digest();
        assertThat(eventsOnly.footer().orElseThrow().digest()).isEqualTo(fullDigest);
        assertThat(off.digest()).isEqualTo(fullDigest);
        assertThat(full.footer().orElseThrow().eventCount()).isEqualTo(off.events());
    }

    @Test
    void anInvariantThatThrowsIsRecordedAsAFailedCheckBeforeItsViolation() throws Exception {
        Scenario throwing = world -> {
            TestNodes.Ticker ticker = new TestNodes.Ticker();
            world.start("t", ticker);
            world.always("throws-on-second-tick", () -> {
                if (ticker.ticks == 2) {
                    throw new IllegalStateException("boom");
                }
                return Verdict.ok();
            });
            world.runFor(Duration.ofMillis(100));
        };
        List<TraceEvent> events = events(record(throwing, TraceLevel.FULL, "throwing"));

        List<TraceEvent> checks = events.stream()
                .filter(e -> e.kind() == TraceEventKind.INVARIANT_CHECKED || e.kind() == TraceEventKind.INVARIANT_VIOLATED)
                .toList();
        assertThat(checks).hasSize(4);
        assertThat(checks.subList(0, 3)).extracting(e -> ((TraceEvent.InvariantChecked) e).holds())
                .containsExactly(true, true, false);
        assertThat(checks.get(3)).isInstanceOfSatisfying(TraceEvent.InvariantViolated.class,
                v -> assertThat(v.evidence()).contains("the invariant itself threw").contains("boom"));
    }

    @Test
    void aListenerHearsEachCheckWithTheInvariantsDeclarationIndex() {
        RecordingListener listener = RecordingListener.withInvariantChecks();
        ScenarioRunner.run(FIFTH_TICK_FAILS, 7, RunOptions.DEFAULTS, listener);

        assertThat(listener.linesStartingWith("checked").subList(10, 12)).containsExactly(
                "checked 0 never-negative holds t=5000000 step=6",
                "checked 1 fewer-than-5-ticks fails t=5000000 step=6");
        assertThat(new RecordingListener().recordsInvariantChecks()).isFalse();
    }

    @Test
    void everyOneOfManyInvariantsIsRecordedUnderItsOwnName() throws Exception {
        Scenario nine = world -> {
            TestNodes.Ticker ticker = new TestNodes.Ticker();
            world.start("t", ticker);
            for (int i = 0; i < 9; i++) {
                int limit = 20 + i;
                world.always("below-" + limit, () -> ticker.ticks < limit ? Verdict.ok() : Verdict.violated("no"));
            }
            world.runFor(Duration.ofMillis(3));
        };
        List<String> names = record(nine, TraceLevel.FULL, "nine").events().stream()
                .filter(e -> e instanceof TraceEvent.InvariantChecked)
                .map(e -> ((TraceEvent.InvariantChecked) e).step() + " " + ((TraceEvent.InvariantChecked) e).name())
                .toList();

        List<String> expected = new ArrayList<>();
        for (int step = 1; step <= 4; step++) { // the start, then ticks at 1, 2 and 3 ms
            for (int i = 0; i < 9; i++) {
                expected.add(step + " below-" + (20 + i));
            }
        }
        assertThat(names).containsExactlyElementsOf(expected);
    }
}
