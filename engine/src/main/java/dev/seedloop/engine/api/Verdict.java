package dev.seedloop.engine.api;

/**
 * The outcome of checking an {@link Invariant}: it holds, or it is violated with evidence that says why.
 *
 * @param holds whether the invariant holds
 * @param evidence why it does not hold (empty when it holds)
 */
public record Verdict(boolean holds, String evidence) {
    private static final Verdict OK = new Verdict(true, "");

    /** Validates the components. */
    public Verdict {
        Check.notNull(evidence, "evidence");
    }

    /** The invariant holds. */
    public static Verdict ok() {
        return OK;
    }

    /** The invariant is violated; {@code evidence} says how (for example which two nodes lead term 4). */
    public static Verdict violated(String evidence) {
        return new Verdict(false, evidence);
    }
}
