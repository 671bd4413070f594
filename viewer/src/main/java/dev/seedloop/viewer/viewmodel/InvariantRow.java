package dev.seedloop.viewer.viewmodel;

/**
 * One row of the invariant panel.
 *
 * @param name the invariant
 * @param checks how many times the trace records it being checked; -1 when the trace does not say: it was
 *     recorded below FULL (which leaves checks out), the row is an {@code eventually} property (a FULL
 *     trace records the checks of {@code always} invariants only), or it is a run failure
 * @param violatedAtStep the step of its first violation, -1 if it held
 * @param ordinal the ordinal of that violation event, -1 if none
 * @param evidence what the violation saw, "" if none
 * @param readablePartOnly whether the trace is damaged, so that "held" covers only the events before the damage
 */
public record InvariantRow(String name, long checks, long violatedAtStep, int ordinal, String evidence,
        boolean readablePartOnly) {
    /** A row of an undamaged trace. */
    public InvariantRow(String name, long checks, long violatedAtStep, int ordinal, String evidence) {
        this(name, checks, violatedAtStep, ordinal, evidence, false);
    }

    /** The checks column: the count, or "not recorded" when the trace does not say. */
    public String checksText() {
        return checks < 0 ? "not recorded" : Long.toString(checks);
    }

    /** "VIOLATED at step 11", "held", or for a damaged trace "held before the damage" (the rest is unknown). */
    public String outcome() {
        if (violatedAtStep >= 0) {
            return "VIOLATED at step " + violatedAtStep;
        }
        return readablePartOnly ? "held before the damage" : "held";
    }
}
