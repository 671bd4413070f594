package dev.seedloop.engine.internal;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Check;
import dev.seedloop.engine.api.DeterministicRandom;
import dev.seedloop.engine.api.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns the fault handles of one {@code runFor} phase into scheduled begin and end actions.
 *
 * <p>First every handle is validated, so a bad one rejects the call before anything is committed. Then,
 * in argument order, everything a handle left unpinned is drawn from the {@code "faults"} stream:
 * <ul>
 *   <li>a node: uniform over the nodes that are up (crash-restart: that have a factory), by index;
 *   <li>a start: uniform in [0, phase); a length: uniform in [phase/20, phase/2], cut to end by the phase;
 *   <li>a partition side: each up node joins it with probability 1/2, redrawn until it is a non-empty
 *       proper subset;
 *   <li>a slow-link factor: uniform in [2, 50]; a clock drift: ±[10,000, 500,000] ppm;
 *   <li>a crash-restart downtime: uniform in [phase/100, phase/5], cut to end by the phase.
 * </ul>
 * Under swarm testing, a fault of a kind the seed switched off is skipped (and noted in the trace)
 * before anything is drawn for it.
 */
final class FaultPlanner {
    private final SimulationRun run;
    private final DeterministicRandom faults;
    private final SwarmPlan swarm;
    private final RunTweaks tweaks;

    FaultPlanner(SimulationRun run, DeterministicRandom faults, SwarmPlan swarm, RunTweaks tweaks) {
        this.run = run;
        this.faults = faults;
        this.swarm = swarm;
        this.tweaks = tweaks;
    }

    void schedule(long phaseStart, long phaseLength, Fault[] handles) {
        for (Fault fault : handles) {
            validate(Check.notNull(fault, "fault"), phaseLength);
        }
        for (Fault fault : handles) {
            if (swarm != null && !swarm.enables(FaultKind.of(fault))) {
                run.note("swarm", "skipped a " + fault.kind() + " fault: this seed switched the kind off");
                continue;
            }
            resolveAndSchedule(fault, phaseStart, phaseLength);
        }
    }

    // ---------------------------------------------------------------- validation

    private void validate(Fault fault, long phase) {
        switch (fault) {
            case Fault.Partition p -> {
                if (p.side() != null) {
                    Check.argument(!p.side().isEmpty(), "a partition side must not be empty");
                    p.side().forEach(run::indexOf);
                }
                checkWindow(p.start(), p.length(), phase, fault);
                requireUpNodes(2, fault);
            }
            case Fault.SlowLink s -> {
                checkNode(s.a());
                checkNode(s.b());
                checkWindow(s.start(), s.length(), phase, fault);
                requireUpNodes(2, fault);
            }
            case Fault.Crash c -> {
                checkNode(c.node());
                checkWindow(c.at(), null, phase, fault);
                requireUpNodes(1, fault);
            }
            case Fault.CrashRestart c -> {
                if (c.node() != null) {
                    Check.argument(run.runtimeAt(run.indexOf(c.node())).factory != null,
                            "crashRestart needs '%s' to be started from a factory (World.start(name, factory)) "
                                    + "so it can be rebuilt", c.node());
                } else {
                    Check.argument(!restartable().isEmpty(), "crashRestart found no node started from a factory; "
                            + "start nodes with World.start(name, factory) or pin one");
                }
                checkWindow(c.at(), c.downFor(), phase, fault);
            }
            case Fault.Pause p -> {
                checkNode(p.node());
                checkWindow(p.at(), p.length(), phase, fault);
                requireUpNodes(1, fault);
            }
            case Fault.ClockSkew k -> {
                checkNode(k.node());
                checkWindow(k.start(), k.length(), phase, fault);
                requireUpNodes(1, fault);
            }
        }
    }

    private void checkNode(Address node) {
        if (node != null) {
            run.indexOf(node);
        }
    }

    private void requireUpNodes(int count, Fault fault) {
        if (upNodes().size() < count && !pinsAllNodes(fault)) {
            throw new IllegalArgumentException("a " + fault.kind() + " fault needs at least " + count
                    + " started node(s) to choose from; start the nodes before runFor, or pin the fault's nodes");
        }
    }

    private static boolean pinsAllNodes(Fault fault) {
        return switch (fault) {
            case Fault.Partition p -> p.side() != null;
            case Fault.SlowLink s -> s.a() != null && s.b() != null;
            case Fault.Crash c -> c.node() != null;
            case Fault.CrashRestart c -> c.node() != null;
            case Fault.Pause p -> p.node() != null;
            case Fault.ClockSkew k -> k.node() != null;
        };
    }

    private static void checkWindow(Duration start, Duration length, long phase, Fault fault) {
        long s = start == null ? 0 : start.toNanos();
        Check.argument(start == null || (!start.isNegative() && s < Math.max(phase, 1)),
                "%s fault starts at %s, outside its runFor phase of %s ns", fault.kind(), start, phase);
        Check.argument(length == null || !length.isNegative(), "%s fault length must not be negative, got %s",
                fault.kind(), length);
        Check.argument(length == null || s + length.toNanos() <= phase,
                "%s fault window %s + %s ends after its runFor phase of %s ns; faults end within their phase",
                fault.kind(), start, length, phase);
    }

    // ---------------------------------------------------------------- resolution

    private void resolveAndSchedule(Fault fault, long phaseStart, long phase) {
        long id = run.nextFaultId();
        switch (fault) {
            case Fault.Partition p -> {
                int[] side = p.side() != null ? indexes(p.side()) : drawSide();
                long start = startOf(p.start(), phase);
                long end = start + lengthOf(p.length(), start, phase);
                String description = "partition side=" + names(side) + window(start, end);
                Object[] layer = new Object[1];
                at(id, phaseStart + start, () -> {
                    layer[0] = run.simNetwork().addPartitionLayer(side);
                    run.recorder().faultBegan(run.nowNanos(), id, "partition", -1, -1, description);
                });
                at(id, phaseStart + end, () -> {
                    run.simNetwork().removePartitionLayer(layer[0]);
                    run.recorder().faultEnded(run.nowNanos(), id, "partition", -1, -1);
                });
            }
            case Fault.SlowLink s -> {
                int a = s.a() != null ? run.indexOf(s.a()) : drawNode(upNodes());
                int b = s.b() != null ? run.indexOf(s.b()) : drawOther(a);
                long factor = s.factor() != null ? s.factor() : faults.between(2, 50);
                long start = startOf(s.start(), phase);
                long end = start + lengthOf(s.length(), start, phase);
                String description = "slow-link " + name(a) + "<->" + name(b) + " factor=" + factor + window(start, end);
                at(id, phaseStart + start, () -> {
                    run.simNetwork().slowLink(a, b, factor, false);
                    run.recorder().faultBegan(run.nowNanos(), id, "slow-link", a, b, description);
                });
                at(id, phaseStart + end, () -> {
                    run.simNetwork().slowLink(a, b, factor, true);
                    run.recorder().faultEnded(run.nowNanos(), id, "slow-link", a, b);
                });
            }
            case Fault.Crash c -> {
                int node = c.node() != null ? run.indexOf(c.node()) : drawNode(upNodes());
                long at = startOf(c.at(), phase);
                String description = "crash " + name(node) + " at=" + Duration.ofNanos(at);
                at(id, phaseStart + at, () -> {
                    run.recorder().faultBegan(run.nowNanos(), id, "crash", node, -1, description);
                    NodeRuntime runtime = run.runtimeAt(node);
                    if (runtime.isUp() || runtime.state == NodeRuntime.State.STARTING) {
                        run.crashNode(runtime);
                    }
                });
            }
            case Fault.CrashRestart c -> {
                int node = c.node() != null ? run.indexOf(c.node()) : drawNode(restartable());
                long at = startOf(c.at(), phase);
                long down = c.downFor() != null ? c.downFor().toNanos()
                        : Math.min(faults.between(Math.max(1, phase / 100), Math.max(1, phase / 5)), phase - at);
                String description = "crash-restart " + name(node) + " at=" + Duration.ofNanos(at)
                        + " down=" + Duration.ofNanos(down);
                boolean[] crashed = new boolean[1];
                at(id, phaseStart + at, () -> {
                    run.recorder().faultBegan(run.nowNanos(), id, "crash-restart", node, -1, description);
                    NodeRuntime runtime = run.runtimeAt(node);
                    if (runtime.isUp() || runtime.state == NodeRuntime.State.STARTING) {
                        run.crashNode(runtime);
                        crashed[0] = true;
                    }
                });
                at(id, phaseStart + at + down, () -> {
                    run.recorder().faultEnded(run.nowNanos(), id, "crash-restart", node, -1);
                    NodeRuntime runtime = run.runtimeAt(node);
                    if (crashed[0] && runtime.state == NodeRuntime.State.CRASHED) {
                        run.restartNode(runtime);
                    }
                });
            }
            case Fault.Pause p -> {
                int node = p.node() != null ? run.indexOf(p.node()) : drawNode(upNodes());
                long start = startOf(p.at(), phase);
                long end = start + lengthOf(p.length(), start, phase);
                String description = "pause " + name(node) + window(start, end);
                at(id, phaseStart + start, () -> {
                    run.recorder().faultBegan(run.nowNanos(), id, "pause", node, -1, description);
                    NodeRuntime runtime = run.runtimeAt(node);
                    if (runtime.isUp()) {
                        run.pauseNode(runtime, phaseStart + end);
                    }
                });
                at(id, phaseStart + end, () -> {
                    run.recorder().faultEnded(run.nowNanos(), id, "pause", node, -1);
                    run.resumeNode(run.runtimeAt(node));
                });
            }
            case Fault.ClockSkew k -> {
                int node = k.node() != null ? run.indexOf(k.node()) : drawNode(upNodes());
                long drift = k.driftPpm() != null ? k.driftPpm()
                        : (faults.nextBoolean() ? 1 : -1) * faults.between(10_000, 500_000);
                long jump = k.jump() != null ? k.jump().toNanos() : 0;
                long start = startOf(k.start(), phase);
                long end = start + lengthOf(k.length(), start, phase);
                String description = "clock-skew " + name(node) + " drift=" + drift + "ppm jump="
                        + Duration.ofNanos(jump) + window(start, end);
                at(id, phaseStart + start, () -> {
                    run.skewClock(run.runtimeAt(node), drift, jump);
                    run.recorder().faultBegan(run.nowNanos(), id, "clock-skew", node, -1, description);
                });
                at(id, phaseStart + end, () -> {
                    run.skewClock(run.runtimeAt(node), -drift, 0);
                    run.recorder().faultEnded(run.nowNanos(), id, "clock-skew", node, -1);
                });
            }
        }
    }

    /** Schedules a fault's action, unless a minimizer left the fault out (its parameters were still drawn). */
    private void at(long faultId, long time, Runnable action) {
        if (!tweaks.skips(faultId)) {
            run.scheduleAction(time, action);
        }
    }

    private long startOf(Duration pinned, long phase) {
        return pinned != null ? pinned.toNanos() : faults.nextLong(Math.max(phase, 1));
    }

    private long lengthOf(Duration pinned, long start, long phase) {
        if (pinned != null) {
            return pinned.toNanos();
        }
        long drawn = faults.between(Math.max(1, phase / 20), Math.max(1, phase / 2));
        return Math.min(drawn, phase - start);
    }

    private List<Integer> upNodes() {
        List<Integer> up = new ArrayList<>();
        for (int i = 0; i < run.addressCount(); i++) {
            NodeRuntime runtime = run.runtimeAt(i);
            if (runtime.isUp() || runtime.state == NodeRuntime.State.STARTING) {
                up.add(i);
            }
        }
        return up;
    }

    private List<Integer> restartable() {
        return upNodes().stream().filter(i -> run.runtimeAt(i).factory != null).toList();
    }

    private int drawNode(List<Integer> candidates) {
        return candidates.get(faults.nextInt(candidates.size()));
    }

    private int drawOther(int a) {
        List<Integer> others = upNodes().stream().filter(i -> i != a).toList();
        Check.argument(!others.isEmpty(), "a slow-link fault needs a second node besides %s", name(a));
        return drawNode(others);
    }

    private int[] drawSide() {
        List<Integer> up = upNodes();
        for (int attempt = 0; attempt < 64; attempt++) {
            List<Integer> side = new ArrayList<>();
            for (int node : up) {
                if (faults.nextBoolean()) {
                    side.add(node);
                }
            }
            if (!side.isEmpty() && side.size() < up.size()) {
                return side.stream().mapToInt(Integer::intValue).toArray();
            }
        }
        return new int[] {up.get(0)}; // 64 unlucky draws in a row: cut off the first node
    }

    private int[] indexes(List<Address> nodes) {
        return nodes.stream().mapToInt(run::indexOf).sorted().distinct().toArray();
    }

    private String name(int index) {
        return run.addressAt(index).name();
    }

    private String names(int[] side) {
        return Arrays.stream(side).mapToObj(this::name).collect(Collectors.joining(",", "[", "]"));
    }

    private static String window(long start, long end) {
        return " from=" + Duration.ofNanos(start) + " to=" + Duration.ofNanos(end);
    }
}
