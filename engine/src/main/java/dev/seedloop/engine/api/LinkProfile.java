package dev.seedloop.engine.api;

import java.time.Duration;

/**
 * How a simulated link treats the messages sent over it. Immutable; change a field with a {@code with}
 * method.
 *
 * <p>The default is an unreliable datagram link: latency uniform in [1 ms, 20 ms], no loss, no
 * duplication. Every send draws exactly one latency from the run's {@code "net"} stream; loss and
 * duplication are decided by draws from the {@code "faults"} stream, made only when their probability is
 * not zero, so a lost message never shifts another message's latency.
 *
 * <p>A reliable link never loses or duplicates and delivers in FIFO order per (sender, receiver): a
 * message is never delivered before one sent earlier on the same link. Latency still applies and
 * partitions still cut it.
 *
 * @param reliable whether the link is reliable FIFO (no loss, no duplication)
 * @param minLatencyNanos the smallest latency, in nanoseconds (zero or more)
 * @param maxLatencyNanos the largest latency, in nanoseconds, at least {@code minLatencyNanos}
 * @param loss the probability that a message is lost; zero on a reliable link
 * @param duplication the probability that a message is delivered twice; zero on a reliable link
 */
public record LinkProfile(
        boolean reliable, long minLatencyNanos, long maxLatencyNanos, Ratio loss, Ratio duplication) {

    /** Unreliable datagrams, latency uniform in [1 ms, 20 ms], no loss, no duplication. */
    public static final LinkProfile DEFAULT =
            new LinkProfile(false, 1_000_000L, 20_000_000L, Ratio.ZERO, Ratio.ZERO);

    /** Validates the profile: latencies ordered and non-negative, a reliable link neither loses nor duplicates. */
    public LinkProfile {
        Check.argument(minLatencyNanos >= 0, "min latency must be >= 0, got %s ns", minLatencyNanos);
        Check.argument(maxLatencyNanos >= minLatencyNanos,
                "max latency %s ns is below min latency %s ns", maxLatencyNanos, minLatencyNanos);
        Check.notNull(loss, "loss");
        Check.notNull(duplication, "duplication");
        Check.argument(!reliable || (loss.isZero() && duplication.isZero()),
                "a reliable link cannot lose (%s) or duplicate (%s) messages", loss, duplication);
    }

    /** The default profile made reliable FIFO (loss and duplication zero). */
    public static LinkProfile reliableFifo() {
        return DEFAULT.asReliable();
    }

    /** This profile with latency uniform in {@code [min, max]}. */
    public LinkProfile withLatency(Duration min, Duration max) {
        return new LinkProfile(reliable, min.toNanos(), max.toNanos(), loss, duplication);
    }

    /** This profile with the given loss probability (unreliable links only). */
    public LinkProfile withLoss(Ratio newLoss) {
        return new LinkProfile(reliable, minLatencyNanos, maxLatencyNanos, newLoss, duplication);
    }

    /** This profile with the given duplication probability (unreliable links only). */
    public LinkProfile withDuplication(Ratio newDuplication) {
        return new LinkProfile(reliable, minLatencyNanos, maxLatencyNanos, loss, newDuplication);
    }

    /** This profile's latency, made reliable FIFO: no loss, no duplication. */
    public LinkProfile asReliable() {
        return new LinkProfile(true, minLatencyNanos, maxLatencyNanos, Ratio.ZERO, Ratio.ZERO);
    }
}
