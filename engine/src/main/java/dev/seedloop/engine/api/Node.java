package dev.seedloop.engine.api;

/**
 * A node of a simulated system: an event handler that never touches a socket, a thread or the clock.
 *
 * <p>All input arrives through these three handlers and all output leaves through the {@link Context}.
 * The engine calls at most one handler at a time, on one thread, in an order fixed by the seed. A handler
 * that throws fails the run (as a {@link NodeFailure}); it never kills the sweep.
 *
 * <p>Any plain Java class can be a node; it needs no seedloop base class. Its fields are its state.
 *
 * @param <M> the type of message the node sends and receives (a sealed interface of records works well)
 */
public interface Node<M> {
    /** Called once when the node starts, before any message or timer reaches it. */
    void onStart(Context<M> ctx);

    /** Called when a message from {@code from} is delivered. The engine never mutates {@code message}. */
    void onMessage(Context<M> ctx, Address from, M message);

    /** Called when a timer set through {@link Context#setTimer} fires; {@code tag} is the one given then. */
    default void onTimer(Context<M> ctx, Object tag) {}
}
