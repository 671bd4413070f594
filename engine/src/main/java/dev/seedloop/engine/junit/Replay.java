package dev.seedloop.engine.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Pins seeds on a {@link SimulationTest}: instead of sweeping, the test runs exactly these seeds, in this
 * order, for example a seed that once failed and must keep passing after the fix (a regression seed), or,
 * with {@link ExpectFailure}, a seed that must keep showing a known bug.
 *
 * <pre>{@code
 * @SimulationTest
 * @Replay(seed = 13)
 * void seed13NoLongerSplitsTheBrain(World world) { ... }
 * }</pre>
 *
 * <p>{@code -Dseedloop.seed} still overrides it. A failing pinned seed writes its FULL trace like a sweep.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Replay {
    /** The seeds to run; at least one. {@code @Replay(seed = 13)} pins one. */
    long[] seed();
}
