package dev.seedloop.engine.internal;

import dev.seedloop.engine.api.DeterministicRandom;
import dev.seedloop.engine.api.Schedule;
import dev.seedloop.trace.EventKindCode;
import java.util.Arrays;

/**
 * The PCT schedule applied to message delivery: every node has a seed-drawn priority; a message to the
 * node of rank r (0 = highest priority) is delayed by r quanta; at d - 1 seed-drawn change points,
 * counted in sends within the horizon, the highest-priority node drops below every other.
 *
 * <p>Priorities are drawn in node-index order as nodes appear; change points are drawn once, at the
 * first send. Both come from the {@code "schedule"} stream, and every delay and change is recorded.
 */
final class PriorityDelays {
    private final Schedule schedule;
    private final DeterministicRandom random;
    private long[] priority = new long[0];
    private long[] changePoints;
    private int nextChange;
    private long sends;
    private long lowest = Long.MAX_VALUE;

    PriorityDelays(Schedule schedule, DeterministicRandom random) {
        this.schedule = schedule;
        this.random = random;
    }

    /** The extra delay for a message to {@code dst}, after counting this send toward the change points. */
    long delayFor(int dst, int nodeCount, EventRecorder recorder, long now) {
        if (changePoints == null) {
            changePoints = new long[schedule.depth() - 1];
            for (int i = 0; i < changePoints.length; i++) {
                changePoints[i] = 1 + random.nextLong(schedule.horizon());
            }
            Arrays.sort(changePoints);
        }
        ensurePriorities(nodeCount);
        sends++;
        while (nextChange < changePoints.length && changePoints[nextChange] == sends) {
            int top = highest();
            priority[top] = --lowest; // below every drawn priority and every earlier demotion
            recorder.scheduleDecision(now, EventKindCode.DECISION_PRIORITY_CHANGE, top, sends);
            nextChange++;
        }
        int rank = 0;
        for (int i = 0; i < nodeCount; i++) {
            if (priority[i] > priority[dst]) {
                rank++;
            }
        }
        long delay = rank * schedule.quantumNanos();
        if (delay > 0) {
            recorder.scheduleDecision(now, EventKindCode.DECISION_DELAY, dst, delay);
        }
        return delay;
    }

    private void ensurePriorities(int nodeCount) {
        if (priority.length < nodeCount) {
            int old = priority.length;
            priority = Arrays.copyOf(priority, nodeCount);
            for (int i = old; i < nodeCount; i++) {
                // Non-negative draws; demoted nodes go below them, into the negatives.
                priority[i] = random.nextLong() >>> 1;
            }
        }
    }

    private int highest() {
        int top = 0;
        for (int i = 1; i < priority.length; i++) {
            if (priority[i] > priority[top]) {
                top = i;
            }
        }
        return top;
    }
}
