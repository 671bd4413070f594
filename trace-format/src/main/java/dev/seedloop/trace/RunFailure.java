package dev.seedloop.trace;

import static dev.seedloop.trace.internal.Checks.nonNegative;
import static dev.seedloop.trace.internal.Checks.notNull;

/**
 * Why a run failed.
 *
 * @param kind the failure kind, e.g. "InvariantViolation", "NodeHandlerThrew", "Quiescence"
 * @param message a human description
 * @param step the step at which it failed
 * @param timeNanos the virtual time at which it failed
 * @param node the node involved, or -1
 * @param stack a stack trace text, or ""
 */
public record RunFailure(String kind, String message, long step, long timeNanos, int node, String stack) {
    public RunFailure {
        notNull(kind, "kind");
        notNull(message, "message");
        nonNegative(step, "step");
        nonNegative(timeNanos, "timeNanos");
        if (node < -1) {
            throw new IllegalArgumentException("node must be a node index or -1, was " + node);
        }
        notNull(stack, "stack");
    }
}
