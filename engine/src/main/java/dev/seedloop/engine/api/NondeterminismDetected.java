package dev.seedloop.engine.api;

/**
 * The same seed did not give the same run: a sweep's run and its recorded re-run produced different
 * digests. The scenario or a node depends on something outside the simulation (the wall clock, a
 * thread, unseeded randomness, identity-hash iteration order, state shared between runs). The message
 * names the first event where two runs of the seed diverged, when it could be found.
 */
public final class NondeterminismDetected extends SimulationFailure {
    private static final long serialVersionUID = 1L;

    /** Creates the finding; the engine does this when a seed's digests disagree. */
    public NondeterminismDetected(long seed, long step, long timeNanos, String explanation) {
        super(seed, step, timeNanos, "nondeterminism: " + explanation
                + "; see docs/determinism.md for what code inside a simulation must not do", null);
    }

    @Override
    public String kind() {
        return "nondeterminism";
    }
}
