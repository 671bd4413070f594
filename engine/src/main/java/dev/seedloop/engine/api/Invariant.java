package dev.seedloop.engine.api;

/**
 * A safety property that must hold after every step of a run, returning evidence when it does not.
 *
 * <p>An invariant reads the system's state and must not change it or draw randomness: it runs after
 * every step and its result must not depend on how often it ran.
 */
@FunctionalInterface
public interface Invariant {
    /** Checks the property now. */
    Verdict check();
}
