package dev.seedloop.engine.api;

/**
 * Factories for {@link Fault}s, everything unpinned: the seed decides. Pin what matters with the
 * fault's own methods, for example {@code Faults.pause().node(leader).window(ofMillis(100), ofSeconds(2))}.
 */
public final class Faults {
    private Faults() {}

    /** A seed-chosen two-way partition for a seed-chosen window. */
    public static Fault.Partition partition() {
        return new Fault.Partition(null, null, null);
    }

    /** A seed-chosen link slowed by a seed-chosen factor in [2, 50] for a seed-chosen window. */
    public static Fault.SlowLink slowLink() {
        return new Fault.SlowLink(null, null, null, null, null);
    }

    /** A seed-chosen node crash-stopped at a seed-chosen time. */
    public static Fault.Crash crash() {
        return new Fault.Crash(null, null);
    }

    /** A seed-chosen node crashed and restarted with its storage after a seed-chosen downtime. */
    public static Fault.CrashRestart crashRestart() {
        return new Fault.CrashRestart(null, null, null);
    }

    /** A seed-chosen node paused for a seed-chosen window. */
    public static Fault.Pause pause() {
        return new Fault.Pause(null, null, null);
    }

    /** A seed-chosen node whose clock drifts by a seed-chosen rate for a seed-chosen window. */
    public static Fault.ClockSkew clockSkew() {
        return new Fault.ClockSkew(null, null, null, null, null);
    }
}
