package dev.seedloop.demos.lease;

import java.time.Duration;

/**
 * The timing of the lock service, one line each.
 *
 * @param lease how long a granted lease lasts on the server's clock
 * @param safetyMargin how much earlier than that the client stops trusting its lease, to allow for
 *     message latency (measured from when it sent the request, on its own clock)
 * @param tick how often a client looks at its lease and, holding it, starts a write
 * @param workMin the shortest time a write takes to prepare before it is sent
 * @param workMax the longest time a write takes to prepare before it is sent
 */
public record LeaseTiming(Duration lease, Duration safetyMargin, Duration tick, Duration workMin, Duration workMax) {
    /** A 100 ms lease with a 25 ms margin, a tick every 10 ms, 1–5 ms of work per write. */
    public static final LeaseTiming DEFAULT = new LeaseTiming(Duration.ofMillis(100), Duration.ofMillis(25),
            Duration.ofMillis(10), Duration.ofMillis(1), Duration.ofMillis(5));
}
