package dev.seedloop.demos.raft;

import java.time.Duration;

/**
 * The election's timing. The defaults match the original Python demo, so that throughput compares like
 * for like: election timeout uniform in [150, 300] ms, heartbeat every 50 ms.
 *
 * @param electionTimeoutMinNanos the shortest election timeout
 * @param electionTimeoutMaxNanos the longest election timeout
 * @param heartbeatIntervalNanos how long a leader waits before its next heartbeat
 */
public record RaftTiming(long electionTimeoutMinNanos, long electionTimeoutMaxNanos, long heartbeatIntervalNanos) {
    /** Election timeout 150–300 ms, heartbeat 50 ms. */
    public static final RaftTiming DEFAULT = new RaftTiming(
            Duration.ofMillis(150).toNanos(), Duration.ofMillis(300).toNanos(), Duration.ofMillis(50).toNanos());
}
