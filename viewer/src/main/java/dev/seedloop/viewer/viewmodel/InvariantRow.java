package dev.seedloop.viewer.viewmodel;

/**
 * One row of the invariant panel.
 *
 * @param name the invariant
 * @param checks how many times the trace records it being checked; -1 when the trace does not say: it was
 *     recorded below FULL (which leaves checks out), the row is an {@code eventually} property (a FULL
 *     trace records the checks of {@code always} invariants only), or it is a run failure
 * @param violatedAtStep the step of its first violation, -1 if it held
 * @param heldAtStep for an {@code eventually} property a FULL trace records as held: the step at which it
 *     first held; -1 otherwise
 * @param ordinal the ordinal of the violation event, else of the event saying the property held; -1 if none
 * @param evidence what the violation saw, or when the property held; "" if neither
 * @param readablePartOnly whether the trace is damaged, so that "held" covers only the events before the damage
 */
public record InvariantRow(String name, long checks, long violatedAtStep, long heldAtStep, int ordinal,
        String evidence, boolean readablePartOnly) {
    /** A row of an undamaged trace that says nothing of a liveness property holding. */
    public InvariantRow(String name, long checks, long violatedAtStep, int ordinal, String evidence) {
        this(name, checks, violatedAtStep, -1, ordinal, evidence, false);
    }

    /** A row that says nothing of a liveness property holding. */
    public InvariantRow(String name, long checks, long violatedAtStep, int ordinal, String evidence,
            boolean readablePartOnly) {
        this(name, checks, violatedAtStep, -1, ordinal, evidence, readablePartOnly);
    }

    /** The row of an {@code eventually} property that held at {@code step}, event {@code ordinal}. */
    public static InvariantRow held(String name, long step, int ordinal, String when) {
        return new InvariantRow(name, -1, -1, step, ordinal, when, false);
    }

    /** The checks column: the count, or "not recorded" when the trace does not say. */
    public String checksText() {
        return checks < 0 ? "not recorded" : Long.toString(checks);
    }

    /**
     * "VIOLATED at step 11", "held at step 10" (a liveness property), "held", or for a damaged trace "held
     * before the damage" (the rest is unknown).
     */
    public String outcome() {
        if (violatedAtStep >= 0) {
            return "VIOLATED at step " + violatedAtStep;
        }
        if (heldAtStep >= 0) {
            return "held at step " + heldAtStep;
        }
        return readablePartOnly ? "held before the damage" : "held";
    }
}
