package dev.seedloop.engine.api;

/**
 * A scenario that declares the range of sizes (usually node counts) it works with, so that
 * {@code Simulation.minimize} can look for a reproduction with fewer nodes.
 */
public interface SizedScenario extends Scenario {
    /** This scenario's size, for example its number of nodes. */
    int size();

    /** The smallest size the scenario is meaningful with. */
    int minSize();

    /** The same scenario at {@code size}, between {@link #minSize()} and {@link #size()}. */
    SizedScenario withSize(int size);
}
