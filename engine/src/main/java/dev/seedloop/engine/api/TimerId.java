package dev.seedloop.engine.api;

/**
 * A handle to a timer set by {@link Context#setTimer}, used to cancel it.
 *
 * <p>Its {@link #id()} is unique in the run and is what the trace records. A handle stays valid after its
 * timer fired or was cancelled; cancelling it then does nothing. A handle given to
 * {@link Context#resetTimerNanos} follows the restart: from then on it is the new timer's handle, with the
 * new timer's id.
 */
public interface TimerId {
    /** The timer's run-unique id, as recorded in the trace. */
    long id();
}
