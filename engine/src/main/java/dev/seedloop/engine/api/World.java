package dev.seedloop.engine.api;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One simulated run, seen from the scenario: its nodes, network, virtual clock, invariants and seed.
 *
 * <p>The scenario builds the system (addresses, nodes, invariants), then drives virtual time with
 * {@link #runFor} or {@link #runUntil}. Time moves only by jumping to the next pending event, so a
 * ten-second scenario takes milliseconds. Everything a world does is decided by its {@link #seed()}.
 *
 * <p>When the run fails (an invariant is violated, a node throws, a limit is hit), the method that
 * discovered it throws a {@link SimulationFailure}; every later call throws the same failure again, so a
 * scenario that catches it cannot hide it.
 */
public interface World {
    /** The root seed of this run. */
    long seed();

    /** Virtual time in nanoseconds since the start of the run. */
    long nowNanos();

    /** The scenario's own random stream ({@code "user"}), independent of every node's and the network's. */
    DeterministicRandom random();

    /** The simulated network. */
    Network network();

    /** Creates a new, unique address with no node behind it yet. Names must be unique in the run. */
    Address address(String name);

    /** Creates an address named {@code name} and starts {@code node} on it. */
    <M> Address start(String name, Node<M> node);

    /** Starts {@code node} on an address created by {@link #address}. Its {@code onStart} runs as a step. */
    <M> void start(Address address, Node<M> node);

    /**
     * Creates an address named {@code name} and starts a node built by {@code factory} on it. The factory
     * is kept so that fault injection can rebuild the node after a crash-restart.
     */
    <M> Address start(String name, Supplier<? extends Node<M>> factory);

    /** Starts a node built by {@code factory} on an address created by {@link #address}. */
    <M> void start(Address address, Supplier<? extends Node<M>> factory);

    /** Every address created so far, in creation order. */
    List<Address> addresses();

    /** The node currently running at {@code address}, or null if none is. */
    Node<?> node(Address address);

    /**
     * Stops {@code node} for the rest of the run (crash-stop): its pending timers never fire and messages
     * delivered to it are dropped with reason {@link DropReason#CRASHED}.
     */
    void crash(Address node);

    /**
     * Adds a safety property checked after every step. The first false verdict fails the run.
     *
     * @throws IllegalArgumentException if {@code name} is blank or already names an invariant of this run
     *     (failures, traces and the viewer tell invariants apart by name)
     */
    void always(String name, Invariant invariant);

    /** Adds a safety property checked after every step, without evidence beyond its name. */
    default void always(String name, BooleanSupplier property) {
        always(name, () -> property.getAsBoolean() ? Verdict.ok() : Verdict.violated("returned false"));
    }

    /**
     * Processes every event due within {@code duration} from now; then virtual time is now + duration.
     *
     * <p>{@code faults} are injected during this phase: each is validated, then everything it leaves
     * unpinned is drawn from the {@code "faults"} stream, in argument order, and its begin and end are
     * scheduled within the phase. The trace records every resolved parameter.
     */
    void runFor(Duration duration, Fault... faults);

    /**
     * Restarts a crashed node: a new instance from the factory it was started with, its storage as the
     * crash left it, a new incarnation. Its {@code onStart} runs as a step.
     */
    void restart(Address node);

    /**
     * Adds a liveness property: {@code property} must become true within {@code within} of virtual time
     * from now (checked after every step). If it is still false when that time passes, the run fails
     * with a {@link LivenessViolation}. Once true, it is satisfied for good.
     */
    void eventually(String name, BooleanSupplier property, Duration within);

    /**
     * Processes events until {@code condition} holds (checked before the first step and after each),
     * failing with {@link DeadlineExceeded} if it does not hold within {@code deadline} of virtual time,
     * or with {@link QuiescenceFailure} if no event is left to process while it is still false.
     */
    void runUntil(String name, BooleanSupplier condition, Duration deadline);

    /** Writes a scenario note into the trace: a label and a detail, at the current virtual time. */
    void note(String label, String detail);
}
