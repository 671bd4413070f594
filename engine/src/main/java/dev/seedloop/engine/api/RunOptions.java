package dev.seedloop.engine.api;

/**
 * The limits and exploration knobs of one run. Every run is bounded: a limit that is hit fails the run
 * with a {@link LimitExceeded} naming it, never a hang or an out-of-memory.
 *
 * @param maxSteps the most events one run may process in all
 * @param maxStepsWithoutTimeAdvance the most events processed at one virtual instant before the run is
 *     declared livelocked (nodes exchanging messages or timers with zero delay forever)
 * @param maxVirtualTimeNanos the latest virtual time a run may reach
 * @param maxPendingEvents the most events (messages in flight, timers, starts) pending at once, at most
 *     {@value #MAX_PENDING_EVENTS}
 * @param swarm swarm testing: each seed enables a random subset of fault kinds and draws loss (0–30 %)
 *     and duplication (0–50 %) for the default link profile, all from the {@code "swarm"} stream and
 *     recorded in the trace header; faults of disabled kinds passed to {@code runFor} are skipped
 * @param buggifyEnabled the probability that a buggify point is enabled for a run
 * @param buggifyFires the probability that an enabled buggify point fires each time it is reached
 * @param schedule how events left in a tie, and message deliveries, are ordered (see {@link Schedule})
 */
public record RunOptions(
        long maxSteps,
        long maxStepsWithoutTimeAdvance,
        long maxVirtualTimeNanos,
        int maxPendingEvents,
        boolean swarm,
        Ratio buggifyEnabled,
        Ratio buggifyFires,
        Schedule schedule) {

    /**
     * 50 million steps, 100,000 steps at one instant, 24 hours of virtual time, 10 million pending events,
     * no swarm, buggify points enabled with probability 1/4 and firing with probability 1/4.
     */
    public static final RunOptions DEFAULTS = new RunOptions(50_000_000L, 100_000L, 24L * 3600 * 1_000_000_000L,
            10_000_000, false, Ratio.percent(25), Ratio.percent(25), Schedule.fifo());

    /** The largest {@code maxPendingEvents} the engine's event queue can address. */
    public static final int MAX_PENDING_EVENTS = 1 << 24;

    /** Validates that every limit is positive and within what the engine can do. */
    public RunOptions {
        Check.argument(maxSteps > 0, "maxSteps must be positive, got %s", maxSteps);
        Check.argument(maxStepsWithoutTimeAdvance > 0,
                "maxStepsWithoutTimeAdvance must be positive, got %s", maxStepsWithoutTimeAdvance);
        Check.argument(maxVirtualTimeNanos > 0, "maxVirtualTimeNanos must be positive, got %s", maxVirtualTimeNanos);
        Check.argument(maxPendingEvents > 0, "maxPendingEvents must be positive, got %s", maxPendingEvents);
        Check.argument(maxPendingEvents <= MAX_PENDING_EVENTS, "maxPendingEvents must be at most %s "
                + "(16,777,216 events in flight at once), got %s", MAX_PENDING_EVENTS, maxPendingEvents);
        Check.notNull(buggifyEnabled, "buggifyEnabled");
        Check.notNull(buggifyFires, "buggifyFires");
        Check.notNull(schedule, "schedule");
    }

    /**
     * These options as Java code, for replay instructions: {@code RunOptions.DEFAULTS} followed by a
     * {@code with...} call for each field that differs from the default.
     */
    public String toJava() {
        StringBuilder java = new StringBuilder("RunOptions.DEFAULTS");
        if (maxSteps != DEFAULTS.maxSteps) {
            java.append(".withMaxSteps(").append(maxSteps).append("L)");
        }
        if (maxStepsWithoutTimeAdvance != DEFAULTS.maxStepsWithoutTimeAdvance) {
            java.append(".withMaxStepsWithoutTimeAdvance(").append(maxStepsWithoutTimeAdvance).append("L)");
        }
        if (maxVirtualTimeNanos != DEFAULTS.maxVirtualTimeNanos) {
            java.append(".withMaxVirtualTimeNanos(").append(maxVirtualTimeNanos).append("L)");
        }
        if (maxPendingEvents != DEFAULTS.maxPendingEvents) {
            java.append(".withMaxPendingEvents(").append(maxPendingEvents).append(")");
        }
        if (swarm) {
            java.append(".withSwarm(true)");
        }
        if (!buggifyEnabled.equals(DEFAULTS.buggifyEnabled) || !buggifyFires.equals(DEFAULTS.buggifyFires)) {
            java.append(".withBuggify(Ratio.of(").append(buggifyEnabled.numerator()).append(", ")
                    .append(buggifyEnabled.denominator()).append("), Ratio.of(").append(buggifyFires.numerator())
                    .append(", ").append(buggifyFires.denominator()).append("))");
        }
        if (!schedule.equals(DEFAULTS.schedule)) {
            java.append(".withSchedule(").append(schedule.toJava()).append(")");
        }
        return java.toString();
    }

    /** These options with a different total step limit. */
    public RunOptions withMaxSteps(long value) {
        return new RunOptions(value, maxStepsWithoutTimeAdvance, maxVirtualTimeNanos, maxPendingEvents, swarm,
                buggifyEnabled, buggifyFires, schedule);
    }

    /** These options with a different livelock limit. */
    public RunOptions withMaxStepsWithoutTimeAdvance(long value) {
        return new RunOptions(maxSteps, value, maxVirtualTimeNanos, maxPendingEvents, swarm, buggifyEnabled,
                buggifyFires, schedule);
    }

    /** These options with a different virtual-time limit. */
    public RunOptions withMaxVirtualTimeNanos(long value) {
        return new RunOptions(maxSteps, maxStepsWithoutTimeAdvance, value, maxPendingEvents, swarm, buggifyEnabled,
                buggifyFires, schedule);
    }

    /** These options with a different limit on pending events. */
    public RunOptions withMaxPendingEvents(int value) {
        return new RunOptions(maxSteps, maxStepsWithoutTimeAdvance, maxVirtualTimeNanos, value, swarm, buggifyEnabled,
                buggifyFires, schedule);
    }

    /** These options with swarm testing on or off. */
    public RunOptions withSwarm(boolean on) {
        return new RunOptions(maxSteps, maxStepsWithoutTimeAdvance, maxVirtualTimeNanos, maxPendingEvents, on,
                buggifyEnabled, buggifyFires, schedule);
    }

    /** These options with different buggify probabilities ({@link Ratio#ZERO} enabled turns buggify off). */
    public RunOptions withBuggify(Ratio enabled, Ratio fires) {
        return new RunOptions(maxSteps, maxStepsWithoutTimeAdvance, maxVirtualTimeNanos, maxPendingEvents, swarm,
                enabled, fires, schedule);
    }

    /** These options with a different schedule strategy. */
    public RunOptions withSchedule(Schedule strategy) {
        return new RunOptions(maxSteps, maxStepsWithoutTimeAdvance, maxVirtualTimeNanos, maxPendingEvents, swarm,
                buggifyEnabled, buggifyFires, strategy);
    }
}
