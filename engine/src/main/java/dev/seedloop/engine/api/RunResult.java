package dev.seedloop.engine.api;

import java.util.Optional;

/**
 * What one run did: its seed, how far it got, the digest of its events, and its failure if it failed.
 *
 * <p>Two runs of the same scenario with the same seed and options have equal results, digest included.
 *
 * @param seed the run's root seed
 * @param digest the 64-bit digest of the run's canonical event stream (see the trace format)
 * @param steps how many events the run processed
 * @param events how many events the run recorded (sends, drops, timers... not only processed ones)
 * @param endTimeNanos the virtual time when the run ended
 * @param failure the finding that ended the run, or null if it passed
 */
public record RunResult(long seed, long digest, long steps, long events, long endTimeNanos, SimulationFailure failure) {
    /** Whether the run ended without a finding. */
    public boolean passed() {
        return failure == null;
    }

    /** The finding that ended the run, if any. */
    public Optional<SimulationFailure> failureIfAny() {
        return Optional.ofNullable(failure);
    }
}
