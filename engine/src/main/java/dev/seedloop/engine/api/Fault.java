package dev.seedloop.engine.api;

import java.time.Duration;
import java.util.List;

/**
 * A fault to inject during {@link World#runFor(Duration, Fault...)}: an inert value recording only what
 * the caller pinned. Everything left unpinned (null) — which node, when, how long, how much — is drawn
 * from the run's {@code "faults"} stream when {@code runFor} schedules it, in argument order, so the seed
 * decides it and the trace records the resolved values.
 *
 * <p>Build faults with {@link Faults}. Windows are relative to the start of the {@code runFor} call and
 * end within it; a fault never outlives its phase, except a crash-stop, which lasts for the rest of the
 * run. Faults compose independently: one ending never clears another.
 */
public sealed interface Fault {
    /** A short name of the fault kind, as recorded in the trace ("partition", "crash", ...). */
    String kind();

    /**
     * The network splits in two for a window: nodes in {@code side} reach each other, the rest reach each
     * other, nothing crosses.
     *
     * @param side the nodes on one side, or null to draw a non-empty proper subset of the started nodes
     * @param start when the window opens, or null to draw it
     * @param length how long it stays open, or null to draw it
     */
    record Partition(List<Address> side, Duration start, Duration length) implements Fault {
        /** Copies the side. */
        public Partition {
            side = side == null ? null : List.copyOf(side);
        }

        /** This fault with a pinned side. */
        public Partition side(List<Address> nodes) {
            return new Partition(nodes, start, length);
        }

        /** This fault with a pinned window. */
        public Partition window(Duration from, Duration lasting) {
            return new Partition(side, from, lasting);
        }

        @Override
        public String kind() {
            return "partition";
        }
    }

    /**
     * Latency on the link between {@code a} and {@code b}, both ways, is multiplied by {@code factor}
     * for a window. The factor is applied when a message is sent, so a message sent before the window
     * keeps its latency.
     *
     * @param a one end, or null to draw it
     * @param b the other end, or null to draw it (distinct from a)
     * @param factor the multiplier, or null to draw it in [2, 50]
     * @param start when the window opens, or null to draw it
     * @param length how long it lasts, or null to draw it
     */
    record SlowLink(Address a, Address b, Integer factor, Duration start, Duration length) implements Fault {
        /** Validates what is pinned. */
        public SlowLink {
            Check.argument(factor == null || factor >= 1, "slowLink factor must be at least 1, got %s", factor);
            Check.argument(a == null || b == null || !a.equals(b), "slowLink needs two different nodes, got %s twice", a);
        }

        /** This fault on a pinned link. */
        public SlowLink between(Address first, Address second) {
            return new SlowLink(first, second, factor, start, length);
        }

        /** This fault with a pinned factor. */
        public SlowLink factor(int multiplier) {
            return new SlowLink(a, b, multiplier, start, length);
        }

        /** This fault with a pinned window. */
        public SlowLink window(Duration from, Duration lasting) {
            return new SlowLink(a, b, factor, from, lasting);
        }

        @Override
        public String kind() {
            return "slow-link";
        }
    }

    /**
     * Crash-stop: the node stops at {@code at} for the rest of the run.
     *
     * @param node the node, or null to draw it
     * @param at when it crashes, or null to draw it
     */
    record Crash(Address node, Duration at) implements Fault {
        /** This fault on a pinned node. */
        public Crash node(Address which) {
            return new Crash(which, at);
        }

        /** This fault at a pinned time. */
        public Crash at(Duration when) {
            return new Crash(node, when);
        }

        @Override
        public String kind() {
            return "crash";
        }
    }

    /**
     * The node crashes at {@code at}, losing all in-memory state and its unsynced storage writes as the
     * seed decides, and is rebuilt from its factory and restarted {@code downFor} later with its storage.
     *
     * @param node the node (it must have been started from a factory), or null to draw one that was
     * @param at when it crashes, or null to draw it
     * @param downFor how long it stays down, or null to draw it
     */
    record CrashRestart(Address node, Duration at, Duration downFor) implements Fault {
        /** This fault on a pinned node. */
        public CrashRestart node(Address which) {
            return new CrashRestart(which, at, downFor);
        }

        /** This fault with a pinned crash time and downtime. */
        public CrashRestart at(Duration when, Duration down) {
            return new CrashRestart(node, when, down);
        }

        @Override
        public String kind() {
            return "crash-restart";
        }
    }

    /**
     * A stop-the-world pause: from {@code at}, the node handles nothing for {@code length} — deliveries
     * and timers wait — then it resumes and works through its backlog in arrival order. Its own clock
     * keeps running, which is what breaks leases.
     *
     * @param node the node, or null to draw it
     * @param at when the pause begins, or null to draw it
     * @param length how long it lasts, or null to draw it
     */
    record Pause(Address node, Duration at, Duration length) implements Fault {
        /** This fault on a pinned node. */
        public Pause node(Address which) {
            return new Pause(which, at, length);
        }

        /** This fault with a pinned window. */
        public Pause window(Duration from, Duration lasting) {
            return new Pause(node, from, lasting);
        }

        @Override
        public String kind() {
            return "pause";
        }
    }

    /**
     * The node's local clock ({@link Context#nowNanos()} and its timers) runs fast or slow by
     * {@code driftPpm} parts per million, and may jump by {@code jump} when the window opens. The
     * engine's global virtual time is unaffected. The offset a clock gained stays after the window.
     *
     * @param node the node, or null to draw it
     * @param driftPpm the drift (positive: fast), or null to draw it in ±[10,000, 500,000] ppm
     * @param jump a step added to the local clock when the window opens (may be negative), or null for none
     * @param start when the window opens, or null to draw it
     * @param length how long it lasts, or null to draw it
     */
    record ClockSkew(Address node, Long driftPpm, Duration jump, Duration start, Duration length) implements Fault {
        /** Validates what is pinned. */
        public ClockSkew {
            Check.argument(driftPpm == null || driftPpm > -1_000_000,
                    "clock drift must be above -1,000,000 ppm (a clock cannot run backwards), got %s", driftPpm);
        }

        /** This fault on a pinned node. */
        public ClockSkew node(Address which) {
            return new ClockSkew(which, driftPpm, jump, start, length);
        }

        /** This fault with a pinned drift in parts per million. */
        public ClockSkew drift(long ppm) {
            return new ClockSkew(node, ppm, jump, start, length);
        }

        /** This fault with a jump of the local clock when the window opens. */
        public ClockSkew jump(Duration step) {
            return new ClockSkew(node, driftPpm, step, start, length);
        }

        /** This fault with a pinned window. */
        public ClockSkew window(Duration from, Duration lasting) {
            return new ClockSkew(node, driftPpm, jump, from, lasting);
        }

        @Override
        public String kind() {
            return "clock-skew";
        }
    }
}
