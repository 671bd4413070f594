package dev.seedloop.engine.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.CheckOptions;
import dev.seedloop.engine.api.CheckResult;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Inspectable;
import dev.seedloop.engine.api.InvariantViolation;
import dev.seedloop.engine.api.LinkProfile;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.NondeterminismDetected;
import dev.seedloop.engine.api.Ratio;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.Seeds;
import dev.seedloop.engine.api.SimulationFailure;
import dev.seedloop.engine.api.TraceOutput;
import dev.seedloop.engine.api.Verdict;
import dev.seedloop.trace.Outcome;
import dev.seedloop.trace.Provenance;
import dev.seedloop.trace.Trace;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceLevel;
import dev.seedloop.trace.TraceVerifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceRecordingTests {
    @TempDir
    Path dir;

    record Ping(int round) {}

    /** Answers every ping with the next round until round 20; keeps a counter and a last-seen field. */
    static final class Pinger implements Node<Ping> {
        private final Address peer;
        private int received;
        private String lastFrom = "nobody";

        Pinger(Address peer) {
            this.peer = peer;
        }

        @Override
        public void onStart(Context<Ping> ctx) {
            if (peer != null) {
                ctx.send(peer, new Ping(0));
            }
            ctx.setTimer(Duration.ofMillis(500), "watchdog");
        }

        @Override
        public void onMessage(Context<Ping> ctx, Address from, Ping message) {
            received++;
            lastFrom = from.name();
            if (message.round() < 20) {
                ctx.send(from, new Ping(message.round() + 1));
            }
        }

        @Override
        public void onTimer(Context<Ping> ctx, Object tag) {
            ctx.log("watchdog after " + received + " pings");
        }
    }

    private static final Scenario PING_PONG = world -> {
        world.network().setDefaultProfile(LinkProfile.DEFAULT.withLoss(Ratio.percent(5)).withDuplication(Ratio.percent(5)));
        Address a = world.address("a");
        Address b = world.address("b");
        world.start(a, new Pinger(b));
        world.start(b, new Pinger(null));
        world.runFor(Duration.ofMillis(100));
        world.network().partition(List.of(a));
        world.note("phase", "partitioned");
        world.runFor(Duration.ofSeconds(1));
    };

    @Test
    void aFullTraceHoldsEveryEventAndVerifiesAgainstTheRunDigest() throws Exception {
        Path file = dir.resolve("ping.trace");
        RunResult result = Simulation.replay(PING_PONG, 4, RunOptions.DEFAULTS, TraceOutput.full(file, "PING_PONG"));
        RunResult untraced = Simulation.replay(PING_PONG, 4);

        assertThat(result.digest()).as("tracing must not change the run").isEqualTo(untraced.digest());
        var verification = TraceVerifier.verify(file);
        assertThat(verification.ok()).as(verification.message()).isTrue();
        assertThat(verification.recomputedDigest()).isEqualTo(result.digest());

        Trace trace = Trace.read(file);
        assertThat(trace.header().identity().scenario()).isEqualTo("PING_PONG");
        assertThat(trace.header().identity().seed()).isEqualTo(4);
        assertThat(trace.header().identity().level()).isEqualTo(TraceLevel.FULL);
        assertThat(trace.header().identity().nodes()).extracting(n -> n.name()).containsExactly("a", "b");
        assertThat(trace.footer().orElseThrow().outcome()).isEqualTo(Outcome.PASSED);
        assertThat(trace.footer().orElseThrow().digest()).isEqualTo(result.digest());
        assertThat(trace.events().stream().filter(e -> e.digestWords().isPresent()).count()).isEqualTo(result.events());

        assertThat(trace.events()).filteredOn(e -> e instanceof TraceEvent.MessageSent).first()
                .satisfies(e -> {
                    TraceEvent.MessageSent sent = (TraceEvent.MessageSent) e;
                    assertThat(sent.type()).isEqualTo("TraceRecordingTests.Ping");
                    assertThat(sent.payload()).isEqualTo("Ping[round=0]");
                });
        assertThat(trace.events()).anySatisfy(e -> assertThat(e).isInstanceOf(TraceEvent.Note.class));
        assertThat(trace.events()).anySatisfy(e -> assertThat(e).isInstanceOf(TraceEvent.NetworkChanged.class));
        assertThat(trace.events()).anySatisfy(e -> assertThat(e).isInstanceOf(TraceEvent.Log.class));
        assertThat(trace.events()).anySatisfy(e -> assertThat(e).isInstanceOf(TraceEvent.TimerFired.class));
    }

    @Test
    void stateSnapshotsListTheActingNodesFieldsAfterEachStep() throws Exception {
        Path file = dir.resolve("state.trace");
        Simulation.replay(PING_PONG, 4, RunOptions.DEFAULTS, TraceOutput.full(file, "PING_PONG"));
        List<TraceEvent.StateSnapshot> snapshots = Trace.read(file).events().stream()
                .filter(e -> e instanceof TraceEvent.StateSnapshot).map(e -> (TraceEvent.StateSnapshot) e).toList();
        assertThat(snapshots).isNotEmpty();
        TraceEvent.StateSnapshot last = snapshots.get(snapshots.size() - 1);
        // Fields by name, the same order on every JVM.
        assertThat(last.fields()).extracting(TraceEvent.StateSnapshot.Field::name)
                .containsExactly("lastFrom", "peer", "received");
        // The first snapshot of node b (index 1) is its start: nothing received yet.
        assertThat(snapshots).filteredOn(s -> s.node() == 1).first()
                .satisfies(s -> assertThat(s.fields()).contains(new TraceEvent.StateSnapshot.Field("received", "0")));
    }

    /** Fires three timers 10 ms apart, counting them in {@code ticks}. */
    static final class Ticker implements Node<Object> {
        private int ticks;

        @Override
        public void onStart(Context<Object> ctx) {
            ctx.setTimer(Duration.ofMillis(10), "tick");
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {}

        @Override
        public void onTimer(Context<Object> ctx, Object tag) {
            if (++ticks < 3) {
                ctx.setTimer(Duration.ofMillis(10), "tick");
            }
        }
    }

    /** The FULL trace of a run of {@code node} alone for 100 ms, seed 1. */
    private Trace traceOfOne(String name, Node<Object> node) throws Exception {
        Path file = dir.resolve(name + ".trace");
        Simulation.replay(world -> {
            world.start(name, node);
            world.runFor(Duration.ofMillis(100));
        }, 1, RunOptions.DEFAULTS, TraceOutput.full(file, name));
        return Trace.read(file);
    }

    @Test
    void aTimerStepEndsWithTheNodesStateAfterItsHandlerRan() throws Exception {
        List<TraceEvent> events = traceOfOne("ticker", new Ticker()).events();
        // One snapshot for the start, then one after each of the timers at 10, 20 and 30 ms, in the same step.
        List<TraceEvent.StateSnapshot> snapshots = events.stream().filter(e -> e instanceof TraceEvent.StateSnapshot)
                .map(e -> (TraceEvent.StateSnapshot) e).toList();
        assertThat(snapshots).extracting(TraceEvent.StateSnapshot::timeNanos)
                .containsExactly(0L, 10_000_000L, 20_000_000L, 30_000_000L);
        assertThat(snapshots).extracting(s -> s.fields().get(0))
                .containsExactly(new TraceEvent.StateSnapshot.Field("ticks", "0"),
                        new TraceEvent.StateSnapshot.Field("ticks", "1"),
                        new TraceEvent.StateSnapshot.Field("ticks", "2"),
                        new TraceEvent.StateSnapshot.Field("ticks", "3"));
        List<Long> timerSteps = events.stream().filter(e -> e instanceof TraceEvent.TimerFired)
                .map(TraceEvent::step).toList();
        assertThat(snapshots.subList(1, 4)).extracting(TraceEvent::step).isEqualTo(timerSteps);
    }

    @Test
    void anInspectableNodeDescribesItsOwnState() throws Exception {
        List<TraceEvent> events = traceOfOne("counter", new CountingNode()).events();
        assertThat(events).filteredOn(e -> e instanceof TraceEvent.StateSnapshot).singleElement()
                .satisfies(e -> assertThat(((TraceEvent.StateSnapshot) e).fields()).containsExactly(
                        new TraceEvent.StateSnapshot.Field("phase", "started"),
                        new TraceEvent.StateSnapshot.Field("doubled", "42")));
    }

    static final class CountingNode implements Node<Object>, Inspectable {
        private int value = 21;

        @Override
        public void onStart(Context<Object> ctx) {}

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {}

        @Override
        public Map<String, ?> inspect() {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("phase", "started");
            state.put("doubled", value * 2);
            return state;
        }
    }

    @Test
    void eventsLevelLeavesOutPayloadsAndSnapshotsButKeepsTheDigest() throws Exception {
        Path full = dir.resolve("full.trace");
        Path events = dir.resolve("events.trace");
        RunResult a = Simulation.replay(PING_PONG, 9, RunOptions.DEFAULTS, TraceOutput.full(full, "PING_PONG"));
        RunResult b = Simulation.replay(PING_PONG, 9, RunOptions.DEFAULTS, TraceOutput.events(events, "PING_PONG"));
        assertThat(b.digest()).isEqualTo(a.digest());
        Trace trace = Trace.read(events);
        assertThat(trace.events()).noneMatch(e -> e instanceof TraceEvent.StateSnapshot);
        assertThat(trace.events()).filteredOn(e -> e instanceof TraceEvent.MessageSent)
                .allSatisfy(e -> assertThat(((TraceEvent.MessageSent) e).payload()).isNull());
        assertThat(TraceVerifier.verify(events).ok()).isTrue();
        assertThat(Files.size(events)).isLessThan(Files.size(full));
    }

    @Test
    void gzippedTracesReadTheSame() throws Exception {
        Path plain = dir.resolve("plain.trace");
        Path gz = dir.resolve("gz.trace.gz");
        Simulation.replay(PING_PONG, 2, RunOptions.DEFAULTS, TraceOutput.full(plain, "PING_PONG").withStableProvenance());
        Simulation.replay(PING_PONG, 2, RunOptions.DEFAULTS,
                TraceOutput.full(gz, "PING_PONG").withStableProvenance().gzipped());
        assertThat(Trace.read(gz).events()).isEqualTo(Trace.read(plain).events());
        assertThat(Files.size(gz)).isLessThan(Files.size(plain));
    }

    @Test
    void stableProvenanceMakesTheSameRunWriteTheSameBytes() throws Exception {
        Path first = dir.resolve("first.trace");
        Path second = dir.resolve("second.trace");
        TraceOutput output = TraceOutput.full(first, "PING_PONG").withStableProvenance();
        Simulation.replay(PING_PONG, 3, RunOptions.DEFAULTS, output);
        Simulation.replay(PING_PONG, 3, RunOptions.DEFAULTS,
                new TraceOutput(second, TraceLevel.FULL, false, "PING_PONG", true));
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void aTraceWithoutStableProvenanceSaysWhenAndOnWhichJvmItWasWritten() throws Exception {
        Path file = dir.resolve("provenance.trace");
        TraceOutput output = TraceOutput.full(file, "PING_PONG");
        Simulation.replay(PING_PONG, 3, RunOptions.DEFAULTS, output);
        ByteArrayOutputStream memory = new ByteArrayOutputStream();
        TraceRecording.run(PING_PONG, 3, RunOptions.DEFAULTS, output, memory);
        String jvm = System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version");
        for (Trace trace : List.of(Trace.read(file), Trace.read(new ByteArrayInputStream(memory.toByteArray()), "memory"))) {
            Provenance provenance = trace.header().provenance();
            assertThat(provenance.jvm()).isEqualTo(jvm);
            assertThat(Instant.parse(provenance.createdAt())).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
        }
    }

    @Test
    void aFailingRunsTraceEndsWithItsFailure() throws Exception {
        Path file = dir.resolve("failing.trace");
        RunResult failed = Simulation.replay(world -> {
            world.always("few-events", () -> world.nowNanos() < 30_000_000);
            PING_PONG.run(world);
        }, 1, RunOptions.DEFAULTS, TraceOutput.full(file, "failing"));
        assertThat(failed.passed()).isFalse();
        Trace trace = Trace.read(file);
        var footer = trace.footer().orElseThrow();
        assertThat(footer.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(footer.failure().orElseThrow().kind()).isEqualTo("invariant");
        assertThat(footer.failure().orElseThrow().step()).isEqualTo(failed.failure().step());
        assertThat(footer.failure().orElseThrow().node()).as("no one node broke the invariant").isEqualTo(-1);
        assertThat(footer.failure().orElseThrow().stack()).as("nothing threw").isEmpty();
        assertThat(trace.events().get(trace.events().size() - 1)).isInstanceOf(TraceEvent.InvariantViolated.class);
        assertThat(TraceVerifier.verify(file).ok()).isTrue();
    }

    /** A throwable without frames whose printed stack trace is exactly {@code chars} characters long. */
    static final class SizedThrowable extends RuntimeException {
        private final int chars;

        SizedThrowable(int chars) {
            super(null, null, false, false); // no stack frames: the printed trace is toString() and a line end
            this.chars = chars;
        }

        @Override
        public String toString() {
            return "x".repeat(chars - System.lineSeparator().length());
        }
    }

    @Test
    void aNodeFailuresStackIsKeptWholeUpToItsLimitAndCutBeyondIt() throws Exception {
        int limit = 16_000; // the bound on a failure's stack that trace-format.md states
        for (int chars : new int[] {limit, limit + 1}) {
            String stack = traceOfOne("thrower" + chars, new Node<Object>() {
                @Override
                public void onStart(Context<Object> ctx) {
                    throw new SizedThrowable(chars);
                }

                @Override
                public void onMessage(Context<Object> ctx, Address from, Object message) {}
            }).footer().orElseThrow().failure().orElseThrow().stack();
            String printed = "x".repeat(chars - System.lineSeparator().length()) + System.lineSeparator();
            assertThat(stack).as("%d chars", chars)
                    .isEqualTo(chars <= limit ? printed : printed.substring(0, limit) + "…");
        }
    }

    @Test
    void missingDirectoriesOfTheTraceFileAreCreated() throws Exception {
        Path file = dir.resolve("a").resolve("b").resolve("run.trace");
        Simulation.replay(PING_PONG, 1, RunOptions.DEFAULTS, TraceOutput.events(file, "PING_PONG"));
        assertThat(TraceVerifier.verify(file).ok()).isTrue();
    }

    @Test
    void aTraceThatCannotBeWrittenSaysWhereAndKeepsTheRun() {
        Path notADirectory = dir.resolve("file");
        assertThat(notADirectory.toFile().mkdirs()).isTrue();
        assertThatThrownBy(() -> Simulation.replay(PING_PONG, 1, RunOptions.DEFAULTS,
                TraceOutput.full(notADirectory, "PING_PONG")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("the trace " + notADirectory + " could not be written completely")
                .hasMessageContaining("the run itself finished: passed");
    }

    @Test
    void aSweepWritesTheFirstFailuresTraceAndNamesItsPath() throws Exception {
        Scenario failsLate = world -> {
            world.always("short", () -> world.seed() % 5 != 2 || world.nowNanos() < 50_000_000);
            PING_PONG.run(world);
        };
        CheckResult result = Simulation.check(failsLate, CheckOptions.seeds(Seeds.first(10)).withProgress(null)
                .withScenarioName("failsLate()").withTraceDirectory(dir));
        Path trace = dir.resolve("failsLate-seed-2.trace");
        assertThat(result.failureTraceIfAny()).contains(trace);
        assertThat(result.summary()).contains("trace: " + trace.toAbsolutePath());
        assertThat(TraceVerifier.verify(trace).ok()).isTrue();
        assertThat(Trace.read(trace).footer().orElseThrow().digest())
                .isEqualTo(result.firstFailure().orElseThrow().digest());
    }

    /** A node whose inspect() returns null, a mistake the recording must report and survive. */
    static final class NullStateNode implements Node<Object>, Inspectable {
        @Override
        public void onStart(Context<Object> ctx) {
            ctx.setTimer(Duration.ofMillis(5), "tick");
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {}

        @Override
        public void onTimer(Context<Object> ctx, Object tag) {
            ctx.setTimer(Duration.ofMillis(5), tag);
        }

        @Override
        public Map<String, ?> inspect() {
            return null;
        }
    }

    @Test
    void anInspectThatReturnsNullIsRecordedAndTheSweepStillReportsTheRealFailure() throws Exception {
        Scenario failsAt20ms = world -> {
            world.start("n", new NullStateNode());
            world.always("before-20ms", () -> world.nowNanos() < 20_000_000);
            world.runFor(Duration.ofMillis(100));
        };
        CheckResult result = Simulation.check(failsAt20ms, CheckOptions.seeds(Seeds.first(3)).withProgress(null)
                .withScenarioName("nullState").withTraceDirectory(dir));
        assertThat(result.firstFailure().orElseThrow().failure()).isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("before-20ms");
        List<String> snapshots = new ArrayList<>();
        for (TraceEvent e : Trace.read(dir.resolve("nullState-seed-0.trace")).events()) {
            if (e instanceof TraceEvent.StateSnapshot s) {
                s.fields().forEach(f -> snapshots.add(f.name() + " = " + f.value()));
            }
        }
        assertThat(snapshots).isNotEmpty().allSatisfy(line -> assertThat(line)
                .isEqualTo("<inspect() returned null> = a node's inspect() must return a map (empty for no state)"));
    }

    /**
     * Sweeps seed 7 of a scenario that leaks state between runs: its first run fails, and every later one
     * passes with a note whose text {@code noteOfRun} makes from the run's number.
     */
    private SimulationFailure leakyFailure(java.util.function.LongFunction<String> noteOfRun) {
        AtomicLong shared = new AtomicLong(); // state shared between runs: the classic leak
        Scenario leaky = world -> {
            long calls = shared.incrementAndGet();
            world.always("fails-on-the-first-run-only", () -> calls > 1 || world.nowNanos() < 10_000_000);
            Address b = world.address("b");
            world.start("a", new Pinger(b));
            world.start(b, new Pinger(null));
            if (calls > 1) {
                world.note("leak", noteOfRun.apply(calls));
            }
            world.runFor(Duration.ofMillis(200));
        };
        CheckResult result = Simulation.check(leaky, CheckOptions.seeds(Seeds.of(7)).withThreads(1)
                .withProgress(null).withScenarioName("leaky").withTraceDirectory(dir));
        return result.firstFailure().orElseThrow().failure();
    }

    @Test
    void aSeedThatDoesNotReplayIsReportedAsNondeterminism() {
        assertThat(leakyFailure(run -> "a later run")).isInstanceOf(NondeterminismDetected.class)
                .hasMessageContaining("seed 7 ran with digest")
                .hasMessageContaining("when re-run")
                .hasMessageNotContaining("the time after")
                .hasMessageContaining("docs/determinism.md");
    }

    @Test
    void aSeedWhoseEveryRunDiffersSaysSoWithTheThirdDigest() {
        // The sweep's run, the re-run and the recording beside it (notes "run 2" and "run 3") all differ.
        assertThat(leakyFailure(run -> "run " + run)).isInstanceOf(NondeterminismDetected.class)
                .hasMessageContaining("when re-run and ")
                .hasMessageContaining(" the time after; ");
    }

    @Test
    void anAddressCreatedAfterTheRunBeganIsAClearTraceError() {
        assertThatThrownBy(() -> Simulation.replay(world -> {
            world.start("early", new CountingNode());
            world.runFor(Duration.ofMillis(1));
            world.address("late");
        }, 1, RunOptions.DEFAULTS, TraceOutput.full(dir.resolve("late.trace"), "late")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("address 'late' was created after the run began");
    }
}
