package dev.seedloop.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.api.DeterministicRandom;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Schedule;
import dev.seedloop.trace.EventKindCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PCT's exact change points and delays, send by send, against the algorithm as determinism.md and
 * {@link Schedule} state it, replayed here from a twin of the {@code "schedule"} stream: {@code depth - 1}
 * change points in [1, horizon] drawn at the first send and taken in increasing order; one priority per node,
 * drawn in index order as nodes first count in a send; at each change point the highest-priority node drops
 * below every other; a message to the node of rank r is delayed by r quanta.
 *
 * <p>The model keeps nodes in a list, highest priority first, and demotes by moving the head to the tail;
 * it never compares demoted priorities numerically, so it does not share the engine's bookkeeping.
 */
class PriorityDelaysTests {
    private static final long QUANTUM = 1_000;

    /** The documented PCT strategy, written independently of {@link PriorityDelays}. */
    private static final class Pct {
        private final Schedule schedule;
        private final DeterministicRandom draws;
        private long[] drawnChangePoints; // in the order they were drawn
        private long[] changePoints; // the same, in the order they take effect
        // Nodes never demoted, by drawn priority (highest first), then demoted nodes, the latest last.
        private final List<Integer> undemoted = new ArrayList<>();
        private final List<Long> undemotedPriority = new ArrayList<>();
        private final List<Integer> demoted = new ArrayList<>();
        private int known;
        private int nextChange;
        private long sends;
        final List<String> decisions = new ArrayList<>();

        Pct(Schedule schedule, DeterministicRandom draws) {
            this.schedule = schedule;
            this.draws = draws;
        }

        long delayFor(int dst, int nodeCount, long now) {
            if (drawnChangePoints == null) {
                drawnChangePoints = new long[schedule.depth() - 1];
                for (int i = 0; i < drawnChangePoints.length; i++) {
                    drawnChangePoints[i] = 1 + draws.nextLong(schedule.horizon()); // uniform in [1, horizon]
                }
                changePoints = drawnChangePoints.clone();
                Arrays.sort(changePoints);
            }
            for (; known < nodeCount; known++) {
                // The draw form (non-negative: the word shifted right once) is the engine's; determinism.md
                // fixes only that one priority per node is drawn, in index order.
                long priority = draws.nextLong() >>> 1;
                int at = 0;
                while (at < undemoted.size() && undemotedPriority.get(at) > priority) {
                    at++;
                }
                undemoted.add(at, known);
                undemotedPriority.add(at, priority);
            }
            sends++;
            while (nextChange < changePoints.length && changePoints[nextChange] == sends) {
                int top;
                if (!undemoted.isEmpty()) {
                    top = undemoted.removeFirst();
                    undemotedPriority.removeFirst();
                } else {
                    top = demoted.removeFirst(); // every node demoted: the earliest demoted is on top again
                }
                demoted.add(top);
                decisions.add(decision(EventKindCode.DECISION_PRIORITY_CHANGE, top, sends, now));
                nextChange++;
            }
            List<Integer> order = new ArrayList<>(undemoted);
            order.addAll(demoted);
            long delay = order.indexOf(dst) * schedule.quantumNanos();
            if (delay > 0) {
                decisions.add(decision(EventKindCode.DECISION_DELAY, dst, delay, now));
            }
            return delay;
        }

        boolean drewChangePointsOutOfOrder() {
            return !Arrays.equals(drawnChangePoints, changePoints);
        }

        /** A decision line as {@link RecordingListener} writes it. */
        static String decision(int code, int node, long value, long now) {
            return "decision " + code + " node=" + node + " value=" + value + " t=" + now;
        }
    }

    /**
     * Four nodes, the last two appearing later (at the 4th and the 9th send), 20 sends cycling over the
     * nodes present, three change points within 12 sends: every delay and every recorded decision, for 40
     * seeds, is the model's.
     */
    @Test
    void everyDelayAndPriorityChangeIsThePctAlgorithmsForTheScheduleStream() {
        Schedule schedule = new Schedule(Schedule.Strategy.PCT, 4, 12, QUANTUM);
        int outOfOrder = 0;
        int demotedTwiceOrMore = 0;
        for (long seed = 0; seed < 40; seed++) {
            RecordingListener listener = new RecordingListener();
            EventRecorder recorder = new EventRecorder(listener);
            PriorityDelays engine = new PriorityDelays(schedule, DeterministicRandom.of(seed));
            Pct model = new Pct(schedule, DeterministicRandom.of(seed));
            List<Long> delays = new ArrayList<>();
            List<Long> expected = new ArrayList<>();
            for (int send = 1; send <= 20; send++) {
                int nodeCount = send < 4 ? 2 : send < 9 ? 3 : 4;
                int dst = send % nodeCount;
                long now = send * 10L;
                delays.add(engine.delayFor(dst, nodeCount, recorder, now));
                expected.add(model.delayFor(dst, nodeCount, now));
            }
            assertThat(delays).as("delays, seed " + seed).isEqualTo(expected);
            assertThat(listener.linesStartingWith("decision")).as("decisions, seed " + seed)
                    .isEqualTo(model.decisions);
            assertThat(model.decisions).as("seed " + seed)
                    .filteredOn(l -> l.startsWith("decision " + EventKindCode.DECISION_PRIORITY_CHANGE + " "))
                    .hasSize(3);
            outOfOrder += model.drewChangePointsOutOfOrder() ? 1 : 0;
            demotedTwiceOrMore += model.demoted.size() >= 2 ? 1 : 0;
        }
        // The seeds cover what the order of the change points and the order among demoted nodes decide.
        assertThat(outOfOrder).isPositive();
        assertThat(demotedTwiceOrMore).isPositive();
    }

    /**
     * Worked out without the stream's values: with horizon 1 every change point is the first send; a
     * lone node is demoted twice there and still has rank 0, and a node that appears later draws a
     * non-negative priority, above every demoted one, so from then on it is on top and the demoted node has
     * rank 1.
     */
    @Test
    void withHorizonOneEveryChangePointIsTheFirstSendAndLaterNodesRankAboveTheDemoted() {
        RecordingListener listener = new RecordingListener();
        PriorityDelays pct = new PriorityDelays(new Schedule(Schedule.Strategy.PCT, 3, 1, QUANTUM),
                DeterministicRandom.of(42));
        EventRecorder recorder = new EventRecorder(listener);
        assertThat(pct.delayFor(0, 1, recorder, 5)).isZero();
        assertThat(pct.delayFor(0, 2, recorder, 6)).isEqualTo(QUANTUM);
        assertThat(pct.delayFor(1, 2, recorder, 7)).isZero();
        assertThat(pct.delayFor(0, 2, recorder, 8)).isEqualTo(QUANTUM);
        assertThat(listener.linesStartingWith("decision")).containsExactly(
                Pct.decision(EventKindCode.DECISION_PRIORITY_CHANGE, 0, 1, 5),
                Pct.decision(EventKindCode.DECISION_PRIORITY_CHANGE, 0, 1, 5),
                Pct.decision(EventKindCode.DECISION_DELAY, 0, QUANTUM, 6),
                Pct.decision(EventKindCode.DECISION_DELAY, 0, QUANTUM, 8));
    }

    /**
     * A whole run: every 1 ms a source sends to three sinks in order, 90 sends in all. Its schedule
     * decisions are the model's, fed from the run's {@code "schedule"} stream, with the four addresses
     * (sinks 0 to 2, the source 3) counting from the first send.
     */
    @Test
    void aRunsScheduleDecisionsAreTheModelsFromItsScheduleStream() {
        Schedule schedule = new Schedule(Schedule.Strategy.PCT, 3, 60, 5_000_000L);
        long ms = 1_000_000L;
        for (long seed : new long[] {3, 7}) {
            RecordingListener listener = new RecordingListener();
            RunResult result = ScenarioRunner.run(TestNodes.fanOut(Duration.ofMillis(30)), seed,
                    RunOptions.DEFAULTS.withSchedule(schedule), listener);
            assertThat(result.passed()).isTrue();

            Pct model = new Pct(schedule, DeterministicRandom.derive(seed, "schedule"));
            for (int round = 1; round <= 30; round++) {
                for (int sink = 0; sink < 3; sink++) {
                    model.delayFor(sink, 4, round * ms);
                }
            }
            assertThat(listener.linesStartingWith("send")).hasSize(90);
            assertThat(listener.linesStartingWith("decision")).as("seed " + seed).isEqualTo(model.decisions);
        }
    }
}
