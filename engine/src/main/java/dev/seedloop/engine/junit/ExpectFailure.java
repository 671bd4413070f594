package dev.seedloop.engine.junit;

import dev.seedloop.engine.api.SimulationFailure;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Turns a {@link SimulationTest} around: it passes only if some seed fails in the expected way. This is
 * how a demo's buggy twin, a canary that proves the sweep can find a bug, or a pinned seed that shows a
 * known bug is written.
 *
 * <pre>{@code
 * @SimulationTest(seeds = 200)
 * @ExpectFailure(invariant = "at-most-one-leader-per-term")
 * void theFlawedElectionSplitsTheBrain(World world) { RaftElection.buggy().run(world); }
 * }</pre>
 *
 * <p>The test fails if every seed passes ("expected ... but all N seeds passed"), or if the first failure
 * is of another kind or names another invariant (with that failure's full report).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ExpectFailure {
    /** The kind of failure expected; any finding by default. */
    Class<? extends SimulationFailure> value() default SimulationFailure.class;

    /**
     * The name of the invariant expected to be violated; empty for any. When set, the failure must be an
     * {@link dev.seedloop.engine.api.InvariantViolation} of that invariant.
     */
    String invariant() default "";
}
