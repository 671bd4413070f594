package dev.seedloop.engine.api;

/**
 * A finding: the simulated system under test failed in a run. Carries where: the seed, the step and the
 * virtual time, so the run can be replayed to exactly that point.
 *
 * <p>Findings are kept apart from API misuse (an {@link IllegalArgumentException} or
 * {@link IllegalStateException} at the call) and from internal engine errors ({@link EngineError}).
 * Each kind of finding is its own subtype.
 */
public abstract sealed class SimulationFailure extends RuntimeException
        permits InvariantViolation, NodeFailure, ScenarioFailure, QuiescenceFailure, DeadlineExceeded,
                LimitExceeded, NondeterminismDetected, LivenessViolation {
    private static final long serialVersionUID = 1L;

    private final long seed;
    private final long step;
    private final long timeNanos;
    private final String detail;

    SimulationFailure(long seed, long step, long timeNanos, String detail, Throwable cause) {
        super(headline(seed, step, timeNanos) + detail, cause);
        this.seed = seed;
        this.step = step;
        this.timeNanos = timeNanos;
        this.detail = detail;
    }

    /** The root seed of the failing run. */
    public long seed() {
        return seed;
    }

    /** The step at which the failure was found (1 is the first event processed; 0 is before any). */
    public long step() {
        return step;
    }

    /** The virtual time, in nanoseconds, at which the failure was found. */
    public long timeNanos() {
        return timeNanos;
    }

    /** What failed, without the seed/step/time headline. */
    public String detail() {
        return detail;
    }

    /** A short stable name of the failure kind, as recorded in the trace (for example "invariant"). */
    public abstract String kind();

    /** Formats virtual nanoseconds for people: {@code 229.113ms}. */
    public static String formatTime(long nanos) {
        return String.format(java.util.Locale.ROOT, "%d.%03dms", nanos / 1_000_000, (nanos / 1_000) % 1_000);
    }

    private static String headline(long seed, long step, long timeNanos) {
        return "seed " + seed + ", step " + step + ", t=" + formatTime(timeNanos) + ": ";
    }
}
