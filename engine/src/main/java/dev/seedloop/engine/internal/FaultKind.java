package dev.seedloop.engine.internal;

import dev.seedloop.engine.api.Fault;

/** The kinds of scheduled fault, in the fixed order swarm testing draws them. */
enum FaultKind {
    PARTITION, SLOW_LINK, CRASH, CRASH_RESTART, PAUSE, CLOCK_SKEW;

    /** The kind's name in the trace, for example {@code crash-restart}. */
    String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static FaultKind of(Fault fault) {
        return switch (fault) {
            case Fault.Partition p -> PARTITION;
            case Fault.SlowLink s -> SLOW_LINK;
            case Fault.Crash c -> CRASH;
            case Fault.CrashRestart c -> CRASH_RESTART;
            case Fault.Pause p -> PAUSE;
            case Fault.ClockSkew k -> CLOCK_SKEW;
        };
    }
}
