package dev.seedloop.engine.internal;

import dev.seedloop.engine.api.DeterministicRandom;
import dev.seedloop.engine.api.Ratio;
import java.util.HashMap;
import java.util.Map;

/**
 * The buggify points of a run. Each point has its own stream, {@code "buggify/<point>"}, whose first
 * draw decides whether the point is enabled for the run and whose later draws decide each firing: so
 * whether and how often one point fires never depends on which other points exist or were reached first.
 */
final class BuggifyPoints {
    private final long seed;
    private final Ratio enabled;
    private final Ratio fires;
    // Looked up by point name only, never iterated.
    private final Map<String, Point> points = new HashMap<>();

    BuggifyPoints(long seed, Ratio enabled, Ratio fires) {
        this.seed = seed;
        this.enabled = enabled;
        this.fires = fires;
    }

    /** Whether {@code point} fires this time. */
    boolean fires(String point) {
        if (enabled.isZero()) {
            return false;
        }
        Point state = points.computeIfAbsent(point, p -> new Point(DeterministicRandom.derive(seed, "buggify/" + p), enabled));
        return state.enabled && state.random.chance(fires);
    }

    /** A point's decision for this run and its stream of firings. */
    private static final class Point {
        final DeterministicRandom random;
        final boolean enabled;

        Point(DeterministicRandom random, Ratio enabledRatio) {
            this.random = random;
            this.enabled = random.chance(enabledRatio);
        }
    }
}
