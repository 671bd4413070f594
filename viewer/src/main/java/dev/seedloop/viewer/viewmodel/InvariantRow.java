package dev.seedloop.viewer.viewmodel;

/**
 * One row of the invariant panel.
 *
 * @param name the invariant
 * @param checks how many times the trace records it being checked; -1 when that is not known: the trace
 *     was recorded below FULL (which leaves checks out), or the row is a run failure rather than an
 *     invariant. A FULL trace records the checks of {@code always} invariants only, so an {@code eventually}
 *     property's violation has 0 here
 * @param violatedAtStep the step of its first violation, -1 if it held
 * @param ordinal the ordinal of that violation event, -1 if none
 * @param evidence what the violation saw, "" if none
 */
public record InvariantRow(String name, long checks, long violatedAtStep, int ordinal, String evidence) {
    /**
     * The checks column: the count, or "not recorded" when the trace does not say. A violated row with no
     * check is an {@code eventually} property (its evaluations are not recorded), never "checked 0 times".
     */
    public String checksText() {
        return checks < 0 || checks == 0 && violatedAtStep >= 0 ? "not recorded" : Long.toString(checks);
    }

    /** "violated at step 11" or "held". */
    public String outcome() {
        return violatedAtStep >= 0 ? "VIOLATED at step " + violatedAtStep : "held";
    }
}
