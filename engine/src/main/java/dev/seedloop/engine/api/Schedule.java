package dev.seedloop.engine.api;

/**
 * How a run orders what the seed's latencies leave open, beyond random message latency.
 *
 * <ul>
 *   <li>{@link #fifo()}, the default: events due at the same instant run in the order they were scheduled.
 *   <li>{@link #randomTies()}: events due at the same instant run in a seed-chosen order.
 *   <li>{@link #pct(int)}: a priority-based strategy after PCT (Burckhardt et al., as Coyote and Fray
 *       apply it to threads), applied to message delivery: every node gets a seed-chosen priority, and a
 *       message to a lower-priority node is delayed by its rank times {@code quantumNanos}; at
 *       {@code depth - 1} seed-chosen points (counted in sends, within {@code horizon}) the
 *       highest-priority node drops to the lowest priority. It systematically starves some nodes of
 *       timely messages, the shape of many real ordering bugs.
 * </ul>
 * Choices come from the run's {@code "schedule"} stream, and every choice is a schedule-decision event
 * in the trace. {@link #fifo()} draws nothing.
 *
 * @param strategy which strategy
 * @param depth PCT's bug depth d (d - 1 priority change points); 0 for other strategies
 * @param horizon the number of sends within which PCT's change points fall
 * @param quantumNanos PCT's delay per rank step
 */
public record Schedule(Strategy strategy, int depth, int horizon, long quantumNanos) {
    /** The strategies. */
    public enum Strategy {
        /** Scheduling order at equal times. */
        FIFO,
        /** Seed-chosen order at equal times. */
        RANDOM_TIES,
        /** Priority-based delivery delays with change points. */
        PCT
    }

    /** Validates the parameters. */
    public Schedule {
        Check.notNull(strategy, "strategy");
        Check.argument(strategy != Strategy.PCT || depth >= 1, "PCT depth must be at least 1, got %s", depth);
        Check.argument(strategy != Strategy.PCT || horizon >= 1, "PCT horizon must be at least 1, got %s", horizon);
        Check.argument(quantumNanos >= 0, "PCT quantum must not be negative, got %s", quantumNanos);
    }

    /** Events due at the same instant run in scheduling order. */
    public static Schedule fifo() {
        return new Schedule(Strategy.FIFO, 0, 0, 0);
    }

    /** Events due at the same instant run in a seed-chosen order. */
    public static Schedule randomTies() {
        return new Schedule(Strategy.RANDOM_TIES, 0, 0, 0);
    }

    /** PCT on message delivery with bug depth {@code depth}, change points within 1,000 sends, 5 ms per rank. */
    public static Schedule pct(int depth) {
        return new Schedule(Strategy.PCT, depth, 1_000, 5_000_000L);
    }

    /** Java code that builds this schedule, for replay instructions. */
    public String toJava() {
        return switch (strategy) {
            case FIFO -> "Schedule.fifo()";
            case RANDOM_TIES -> "Schedule.randomTies()";
            case PCT -> horizon == 1_000 && quantumNanos == 5_000_000L ? "Schedule.pct(" + depth + ")"
                    : "new Schedule(Schedule.Strategy.PCT, " + depth + ", " + horizon + ", " + quantumNanos + "L)";
        };
    }

    @Override
    public String toString() {
        return switch (strategy) {
            case FIFO -> "fifo";
            case RANDOM_TIES -> "random-ties";
            case PCT -> "pct(depth=" + depth + ", horizon=" + horizon + ", quantum=" + quantumNanos + "ns)";
        };
    }
}
