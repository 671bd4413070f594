package dev.seedloop.engine.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Faults;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.NodeFailure;
import dev.seedloop.engine.api.Ratio;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.Schedule;
import dev.seedloop.engine.api.TimerId;
import dev.seedloop.engine.api.TraceOutput;
import dev.seedloop.trace.NodeInfo;
import dev.seedloop.trace.RunFailure;
import dev.seedloop.trace.Trace;
import dev.seedloop.trace.TraceEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine records every kind of event it produces, read back from the trace file: crashes and
 * restarts, storage syncs and losses, pauses, buggify firings, schedule decisions, cancelled timers and
 * their tags, messages of more types than the recorder's short table holds, and a node failure in the
 * footer. Each is checked against what the scenario's own nodes observed or what its faults pinned.
 */
class RecordedEventKindsTests {
    @TempDir
    Path dir;

    enum Phase { ONE }

    record Tag(int n) {}

    /**
     * Appends two entries and syncs them, then three it never syncs, before a pinned crash; on every start
     * it logs how many entries its storage holds, sets three timers with a string, an enum and a record
     * tag, cancels the enum one, and reaches a buggify point.
     */
    static final class Keeper implements Node<Object> {
        @Override
        public void onStart(Context<Object> ctx) {
            List<String> log = ctx.storage().log();
            ctx.log("entries " + log.size());
            if (log.isEmpty()) {
                ctx.storage().append("e0");
                ctx.storage().append("e1");
                ctx.storage().sync();
                ctx.storage().append("e2");
                ctx.storage().append("e3");
                ctx.storage().append("e4");
            }
            ctx.setTimer(Duration.ofMillis(10), "tick");
            TimerId cancelled = ctx.setTimer(Duration.ofMillis(50), Phase.ONE);
            ctx.cancelTimer(cancelled);
            ctx.setTimer(Duration.ofMillis(20), new Tag(3));
            ctx.buggify("keeper-start");
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {}
    }

    /** The message types the sender sends: more than the recorder's table of 16 remembered types. */
    static final List<Object> MESSAGES = List.of(1, 2L, "three", 4.0, 5.0f, (short) 6, (byte) 7, '8', true,
            BigInteger.TEN, BigDecimal.ONE, new ArrayList<>(List.of(1)), new LinkedList<>(List.of(2)),
            new TreeMap<>(Map.of("k", 3)), new TreeSet<>(List.of(4)), new ArrayDeque<>(List.of(5)),
            Optional.of(6), Duration.ofMillis(7));

    /**
     * Sends {@link #MESSAGES} at start, alternately to its two peers (so that PCT ranks two receivers), and
     * throws from a timer at 200 ms.
     */
    record Sender(Address peer, Address otherPeer) implements Node<Object> {
        @Override
        public void onStart(Context<Object> ctx) {
            for (int i = 0; i < MESSAGES.size(); i++) {
                ctx.send(i % 2 == 0 ? peer : otherPeer, MESSAGES.get(i));
            }
            ctx.setTimer(Duration.ofMillis(200), "boom");
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {}

        @Override
        public void onTimer(Context<Object> ctx, Object tag) {
            throw new IllegalStateException("boom at " + ctx.nowNanos());
        }
    }

    record Quiet() implements Node<Object> {
        @Override
        public void onStart(Context<Object> ctx) {}

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {}
    }

    private static final Scenario EVERY_KIND = world -> {
        Address receiver = world.address("r");
        Address keeper = world.start("k", Keeper::new);
        world.start("s", new Sender(receiver, keeper));
        world.start(receiver, new Quiet());
        world.runFor(Duration.ofSeconds(1),
                Faults.crashRestart().node(keeper).at(Duration.ofMillis(30), Duration.ofMillis(20)),
                Faults.pause().node(receiver).window(Duration.ofMillis(5), Duration.ofMillis(10)));
    };

    /** Every buggify point enabled and firing; PCT, so that the schedule makes recorded decisions. */
    private static final RunOptions OPTIONS = new RunOptions(RunOptions.DEFAULTS.maxSteps(),
            RunOptions.DEFAULTS.maxStepsWithoutTimeAdvance(), RunOptions.DEFAULTS.maxVirtualTimeNanos(),
            RunOptions.DEFAULTS.maxPendingEvents(), false, Ratio.ONE, Ratio.ONE, Schedule.pct(2));

    @Test
    void everyKindTheEngineProducesIsInTheTrace() throws Exception {
        Path file = dir.resolve("every-kind.trace");
        RunResult result = Simulation.replay(EVERY_KIND, 7, OPTIONS, TraceOutput.full(file, "EVERY_KIND"));
        Trace trace = Trace.read(file);
        Map<String, Integer> index = trace.header().identity().nodes().stream()
                .collect(Collectors.toMap(NodeInfo::name, NodeInfo::index));
        int k = index.get("k");
        int s = index.get("s");
        int r = index.get("r");
        List<TraceEvent> events = trace.events();

        assertThat(of(events, TraceEvent.NodeCrashed.class)).singleElement()
                .satisfies(e -> assertThat(e.node()).isEqualTo(k))
                .satisfies(e -> assertThat(e.timeNanos()).isEqualTo(30_000_000L));
        assertThat(of(events, TraceEvent.NodeStarted.class).stream().filter(e -> e.node() == k)
                .map(TraceEvent.NodeStarted::timeNanos)).containsExactly(0L, 50_000_000L);

        assertThat(of(events, TraceEvent.StorageSync.class)).singleElement()
                .satisfies(e -> assertThat(e.node()).isEqualTo(k))
                .satisfies(e -> assertThat(e.writes()).isEqualTo(2));
        // What the crash lost, as the trace says, against what the restarted keeper found: two synced
        // entries, the unsynced ones that were kept, and a torn prefix of the next one if it was torn.
        List<String> counts = of(events, TraceEvent.Log.class).stream().filter(e -> e.node() == k)
                .map(TraceEvent.Log::text).toList();
        assertThat(counts).hasSize(2).first().isEqualTo("entries 0");
        List<TraceEvent.StorageLost> lost = of(events, TraceEvent.StorageLost.class);
        long lostEntries = lost.isEmpty() ? 0 : lost.get(0).lost();
        long tornEntries = !lost.isEmpty() && lost.get(0).torn() ? 1 : 0;
        assertThat(lost).as("at this seed the crash loses writes").hasSize(1)
                .allSatisfy(e -> assertThat(e.node()).isEqualTo(k));
        assertThat(counts.get(1)).isEqualTo("entries " + (5 - lostEntries + tornEntries));

        assertThat(of(events, TraceEvent.NodePaused.class)).singleElement()
                .satisfies(e -> assertThat(e.node()).isEqualTo(r))
                .satisfies(e -> assertThat(e.timeNanos()).isEqualTo(5_000_000L))
                .satisfies(e -> assertThat(e.untilNanos()).isEqualTo(15_000_000L));
        assertThat(of(events, TraceEvent.NodeResumed.class)).singleElement()
                .satisfies(e -> assertThat(e.node()).isEqualTo(r))
                .satisfies(e -> assertThat(e.timeNanos()).isEqualTo(15_000_000L));

        assertThat(of(events, TraceEvent.BuggifyFired.class)).as("once per start of the keeper")
                .extracting(TraceEvent.BuggifyFired::node, TraceEvent.BuggifyFired::point)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(k, "keeper-start"),
                        org.assertj.core.groups.Tuple.tuple(k, "keeper-start"));

        assertThat(of(events, TraceEvent.ScheduleDecision.class)).as("PCT delays the lower-ranked receiver")
                .filteredOn(e -> e.decision() == dev.seedloop.trace.EventKindCode.DECISION_DELAY).isNotEmpty()
                .allSatisfy(e -> assertThat(e.node()).isIn(k, r))
                .allSatisfy(e -> assertThat(e.value()).isPositive());

        assertThat(of(events, TraceEvent.TimerCancelled.class)).as("the enum-tagged timer, on both starts")
                .extracting(TraceEvent.TimerCancelled::node, TraceEvent.TimerCancelled::tag)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(k, "ONE"),
                        org.assertj.core.groups.Tuple.tuple(k, "ONE"));
        assertThat(of(events, TraceEvent.TimerSet.class).stream().filter(e -> e.node() == k)
                .map(TraceEvent.TimerSet::tag).distinct()).containsExactlyInAnyOrder("tick", "ONE", "Tag[n=3]");

        Map<Long, String> sentTypes = new HashMap<>();
        for (TraceEvent.MessageSent sent : of(events, TraceEvent.MessageSent.class)) {
            assertThat(sent.src()).isEqualTo(s);
            assertThat(sent.dst()).isIn(k, r);
            sentTypes.put(sent.messageId(), sent.type());
        }
        assertThat(sentTypes.values()).containsExactlyInAnyOrderElementsOf(
                MESSAGES.stream().map(m -> m.getClass().getSimpleName()).toList());
        // A message to the keeper may arrive while it is down; every message is delivered or dropped once.
        List<TraceEvent.MessageDelivered> delivered = of(events, TraceEvent.MessageDelivered.class);
        List<TraceEvent.MessageDropped> dropped = of(events, TraceEvent.MessageDropped.class);
        assertThat(delivered.size() + dropped.size()).isEqualTo(MESSAGES.size());
        assertThat(delivered).allSatisfy(e ->
                assertThat(e.type()).as("message %d", e.messageId()).isEqualTo(sentTypes.get(e.messageId())));
        assertThat(dropped).allSatisfy(e -> assertThat(e.dst()).isEqualTo(k))
                .allSatisfy(e -> assertThat(e.type()).isEqualTo(sentTypes.get(e.messageId())));

        assertThat(result.failure()).isInstanceOf(NodeFailure.class);
        RunFailure failure = trace.footer().orElseThrow().failure().orElseThrow();
        assertThat(failure.node()).isEqualTo(s);
        assertThat(failure.timeNanos()).isEqualTo(200_000_000L);
        assertThat(failure.stack()).startsWith("java.lang.IllegalStateException: boom at 200000000")
                .contains("at dev.seedloop.engine.internal.trace.RecordedEventKindsTests$Sender.onTimer");
    }

    @Test
    void anEventsTraceNamesARecordTimerTagByItsTypeAndAFullOneByItsValue() throws Exception {
        Path events = dir.resolve("events.trace");
        Simulation.replay(EVERY_KIND, 7, OPTIONS, TraceOutput.events(events, "EVERY_KIND"));
        Trace trace = Trace.read(events);
        int k = trace.header().identity().nodes().stream().filter(n -> n.name().equals("k")).findFirst()
                .orElseThrow().index();
        assertThat(of(trace.events(), TraceEvent.TimerSet.class).stream().filter(e -> e.node() == k)
                .map(TraceEvent.TimerSet::tag).distinct()).containsExactlyInAnyOrder("tick", "ONE", "RecordedEventKindsTests.Tag");
    }

    /** Tags three timers with one list, adding to it in between, and one with a string too long to keep whole. */
    static final class Retagger implements Node<Object> {
        static final String LONG = "x".repeat(ValueRenderer.MAX_CHARS + 1);

        @Override
        public void onStart(Context<Object> ctx) {
            List<Integer> tag = new ArrayList<>(List.of(1));
            ctx.setTimer(Duration.ofMillis(1), tag);
            tag.add(2);
            ctx.setTimer(Duration.ofMillis(2), tag);
            tag.add(3);
            ctx.setTimer(Duration.ofMillis(3), tag);
            ctx.setTimer(Duration.ofMillis(4), LONG);
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {}
    }

    @Test
    void aMutableTagIsRenderedAsItIsAtEachTimerAndALongStringTagIsCut() throws Exception {
        Scenario retag = world -> {
            world.start("t", new Retagger());
            world.runFor(Duration.ofMillis(10));
        };
        Path full = dir.resolve("retag-full.trace");
        Path events = dir.resolve("retag-events.trace");
        Simulation.replay(retag, 1, RunOptions.DEFAULTS, TraceOutput.full(full, "retag"));
        Simulation.replay(retag, 1, RunOptions.DEFAULTS, TraceOutput.events(events, "retag"));

        String cut = "x".repeat(ValueRenderer.MAX_CHARS) + "…(1 more chars)";
        assertThat(of(Trace.read(full).events(), TraceEvent.TimerSet.class)).extracting(TraceEvent.TimerSet::tag)
                .containsExactly("[1]", "[1, 2]", "[1, 2, 3]", cut);
        assertThat(of(Trace.read(events).events(), TraceEvent.TimerSet.class)).extracting(TraceEvent.TimerSet::tag)
                .containsExactly("ArrayList", "ArrayList", "ArrayList", cut);
    }

    private static <T extends TraceEvent> List<T> of(List<TraceEvent> events, Class<T> kind) {
        return events.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
