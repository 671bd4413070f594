package dev.seedloop.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Schedule;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.trace.EventKindCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The schedule strategies: what each orders differently, and that every choice is recorded. */
class ScheduleTests {

    /** Sets five timers for the same instant and records the order they fire in. */
    static final class SameInstant implements Node<Object> {
        final List<Object> order = new ArrayList<>();

        @Override
        public void onStart(Context<Object> ctx) {
            for (int i = 0; i < 5; i++) {
                ctx.setTimer(Duration.ofMillis(1), i);
            }
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {}

        @Override
        public void onTimer(Context<Object> ctx, Object tag) {
            order.add(tag);
        }
    }

    private static List<Object> tieOrder(Schedule schedule, long seed, RecordingListener listener) {
        SameInstant node = new SameInstant();
        RunResult result = ScenarioRunner.run(world -> {
            world.start("n", node);
            world.runFor(Duration.ofMillis(2));
        }, seed, RunOptions.DEFAULTS.withSchedule(schedule), listener);
        assertThat(result.passed()).isTrue();
        return node.order;
    }

    @Test
    void fifoRunsTiesInSchedulingOrderAndDecidesNothing() {
        RecordingListener listener = new RecordingListener();
        for (long seed = 0; seed < 10; seed++) {
            assertThat(tieOrder(Schedule.fifo(), seed, listener)).containsExactly(0, 1, 2, 3, 4);
        }
        assertThat(listener.linesStartingWith("decision")).isEmpty();
    }

    @Test
    void randomTiesOrdersTiesBySeedAndRecordsEachChoice() {
        Set<List<Object>> orders = new HashSet<>();
        for (long seed = 0; seed < 30; seed++) {
            RecordingListener listener = new RecordingListener();
            List<Object> order = tieOrder(Schedule.randomTies(), seed, listener);
            assertThat(order).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
            assertThat(tieOrder(Schedule.randomTies(), seed, new RecordingListener())).isEqualTo(order);
            orders.add(order);
            // Four real choices among the five timers (the last one had no rival), plus the start.
            assertThat(listener.linesStartingWith("decision " + EventKindCode.DECISION_TIE)).hasSizeGreaterThanOrEqualTo(4);
        }
        assertThat(orders).as("seeds explore different orders").hasSizeGreaterThan(10);
    }

    @Test
    void pctDelaysMessagesToLowerPriorityNodesAndChangesPrioritiesAtItsChangePoints() {
        Scenario fanOut = TestNodes.fanOut(Duration.ofMillis(50));
        RecordingListener listener = new RecordingListener();
        RunResult result = ScenarioRunner.run(fanOut, 7,
                RunOptions.DEFAULTS.withSchedule(new Schedule(Schedule.Strategy.PCT, 3, 100, 5_000_000L)), listener);
        assertThat(result.passed()).isTrue();
        List<String> sends = listener.linesStartingWith("send");
        // With 4 nodes, ranks 0..3: every delayed latency is 1 ms plus a multiple of 5 ms.
        assertThat(sends).allSatisfy(l -> assertThat(l).containsPattern("latency=(1|6|11|16)000000 "));
        assertThat(sends).anySatisfy(l -> assertThat(l).contains("latency=6000000 "));
        assertThat(listener.linesStartingWith("decision " + EventKindCode.DECISION_PRIORITY_CHANGE)).hasSize(2);
        assertThat(listener.linesStartingWith("decision " + EventKindCode.DECISION_DELAY)).isNotEmpty();

        // The demoted node was the highest priority (never delayed) before its change point, and is
        // delayed after it.
        List<String> lines = listener.lines();
        int change = -1;
        for (int i = 0; i < lines.size() && change < 0; i++) {
            if (lines.get(i).startsWith("decision " + EventKindCode.DECISION_PRIORITY_CHANGE)) {
                change = i;
            }
        }
        String demoted = lines.get(change).split(" ")[2]; // "node=N"
        String delayOfDemoted = "decision " + EventKindCode.DECISION_DELAY + " " + demoted + " ";
        assertThat(lines.subList(0, change)).noneMatch(l -> l.startsWith(delayOfDemoted));
        assertThat(lines.subList(change, lines.size())).anyMatch(l -> l.startsWith(delayOfDemoted));

        RecordingListener again = new RecordingListener();
        ScenarioRunner.run(fanOut, 7,
                RunOptions.DEFAULTS.withSchedule(new Schedule(Schedule.Strategy.PCT, 3, 100, 5_000_000L)), again);
        assertThat(again.lines()).isEqualTo(listener.lines());
    }

    @Test
    void theReplayCallNamesANonDefaultSchedule() {
        assertThat(RunOptions.DEFAULTS.withSchedule(Schedule.pct(3)).toJava())
                .isEqualTo("RunOptions.DEFAULTS.withSchedule(Schedule.pct(3))");
        assertThat(RunOptions.DEFAULTS.withSchedule(Schedule.fifo()).toJava()).isEqualTo("RunOptions.DEFAULTS");
    }
}
