package dev.seedloop.viewer.viewmodel;

/**
 * One row of the invariant panel.
 *
 * @param name the invariant
 * @param checks how many times the trace records it being checked (FULL traces only)
 * @param violatedAtStep the step of its first violation, -1 if it held
 * @param ordinal the ordinal of that violation event, -1 if none
 * @param evidence what the violation saw, "" if none
 */
public record InvariantRow(String name, long checks, long violatedAtStep, int ordinal, String evidence) {
    /** "violated at step 11" or "held". */
    public String outcome() {
        return violatedAtStep >= 0 ? "VIOLATED at step " + violatedAtStep : "held";
    }
}
