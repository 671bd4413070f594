package dev.seedloop.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.DeterministicRandom;
import dev.seedloop.engine.api.Fault;
import dev.seedloop.engine.api.Faults;
import dev.seedloop.engine.api.LinkProfile;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Exact observations of what the fault planner schedules, where {@link FaultPlannerTests} checks ranges:
 * <ul>
 *   <li>every fault with a window records its end at the phase start plus the end of its window (pinned,
 *       and unpinned as the begin event reports it), and a crash-restart rebuilds the node at that end;
 *   <li>a crash-restart crashes (and so later restarts) only a node it finds up or starting;
 *   <li>a clock skew's end takes back exactly its own drift: the local clock read by a node, and the
 *       global times its timers fire at, over two overlapping skews with jumps, computed from the
 *       documented clock (global time plus each skew's jump and {@code driftPpm} parts per million of the
 *       time it was active);
 *   <li>under swarm testing exactly the kinds the seed switched on are scheduled, and the rest are noted;
 *   <li>an unpinned partition side and an unpinned drift are the draws of the {@code "faults"} stream in
 *       the documented order: one coin per up node in index order (true joins), redrawn until the side is
 *       non-empty and proper; one coin for the drift's sign (true: fast), then its magnitude. These pin the
 *       seed-to-plan mapping a recorded seed relies on, not only the distribution.
 * </ul>
 * Every run here is single-threaded and deterministic; the expected values are derived in the comments.
 */
class FaultWindowExactTests {
    private static final Duration MS = Duration.ofMillis(1);
    private static final long MS_NANOS = 1_000_000L;
    private static final LinkProfile TEN_MS = LinkProfile.DEFAULT.withLatency(MS.multipliedBy(10), MS.multipliedBy(10));

    private final RecordingListener events = new RecordingListener();

    private void run(Scenario scenario, long seed, RunOptions options) {
        RunResult result = ScenarioRunner.run(scenario, seed, options, events);
        assertThat(result.failure()).as("run failure").isNull();
    }

    private static Duration ms(long millis) {
        return MS.multipliedBy(millis);
    }

    // ---------------------------------------------------------------- fault ends

    @Test
    void everyWindowedFaultRecordsItsEndAtThePhaseStartPlusTheEndOfItsWindow() {
        run(world -> {
            Address a = world.start("a", new TestNodes.Idle());
            Address b = world.start("b", () -> new TestNodes.Idle());
            Address c = world.start("c", new TestNodes.Idle());
            world.runFor(ms(30)); // the faulty phase starts at 30 ms
            world.runFor(ms(100),
                    Faults.slowLink().between(a, b).factor(3).window(ms(10), ms(15)), // #1: 40 to 55
                    Faults.crashRestart().node(b).at(ms(20), ms(30)),                 // #2: 50, back at 80
                    Faults.pause().node(c).window(ms(40), ms(15)),                    // #3: 70 to 85
                    Faults.clockSkew().node(a).drift(100_000).window(ms(5), ms(40)),  // #4: 35 to 75
                    Faults.partition().side(List.of(a)).window(Duration.ZERO, ms(60))); // #5: 30 to 90
        }, 1, RunOptions.DEFAULTS);
        assertThat(events.linesStartingWith("fault-end")).containsExactly(
                "fault-end #1 slow-link t=55000000",
                "fault-end #4 clock-skew t=75000000",
                "fault-end #2 crash-restart t=80000000",
                "fault-end #3 pause t=85000000",
                "fault-end #5 partition t=90000000");
        assertThat(events.linesStartingWith("crash")).containsExactly("crash 1 t=50000000");
        assertThat(startsWithoutStep()).containsExactly("start 0 inc=0 t=0", "start 1 inc=0 t=0", "start 2 inc=0 t=0",
                "start 1 inc=1 t=80000000");
    }

    /** The node starts so far, without their step numbers. */
    private List<String> startsWithoutStep() {
        return events.linesStartingWith("start").stream().map(l -> l.substring(0, l.indexOf(" step="))).toList();
    }

    private static final Pattern WINDOW =
            Pattern.compile("^fault-begin #(\\d+) (\\S+) .*from=(\\S+) to=(\\S+) t=(\\d+)$");
    private static final Pattern RESTART =
            Pattern.compile("^fault-begin #(\\d+) crash-restart .*at=(\\S+) down=(\\S+) t=(\\d+)$");

    @Test
    void unpinnedWindowsBeginAndEndWhereTheirBeginEventSays() {
        long phaseStart = 100 * MS_NANOS;
        int windows = 0;
        for (long seed = 0; seed < 20; seed++) {
            RecordingListener listener = runThreeIdleNodes(seed, RunOptions.DEFAULTS, Duration.ofNanos(phaseStart),
                    Faults.partition(), Faults.slowLink(), Faults.crashRestart(), Faults.pause(), Faults.clockSkew());
            Map<String, String> expectedEnds = new HashMap<>();
            for (String line : listener.linesStartingWith("fault-begin")) {
                Matcher w = WINDOW.matcher(line);
                Matcher r = RESTART.matcher(line);
                if (w.matches()) {
                    assertThat(Long.parseLong(w.group(5))).as(line).isEqualTo(phaseStart + nanos(w.group(3)));
                    expectedEnds.put(w.group(1), w.group(2) + " t=" + (phaseStart + nanos(w.group(4))));
                } else {
                    assertThat(r.matches()).as(line).isTrue();
                    assertThat(Long.parseLong(r.group(4))).as(line).isEqualTo(phaseStart + nanos(r.group(2)));
                    long end = phaseStart + nanos(r.group(2)) + nanos(r.group(3));
                    expectedEnds.put(r.group(1), "crash-restart t=" + end);
                }
            }
            assertThat(expectedEnds).as("seed %s", seed).hasSize(5);
            Map<String, String> ends = new HashMap<>();
            for (String line : listener.linesStartingWith("fault-end")) {
                String[] parts = line.split(" ", 3);
                ends.put(parts[1].substring(1), parts[2]);
            }
            assertThat(ends).as("seed %s", seed).isEqualTo(expectedEnds);
            windows += ends.size();
        }
        assertThat(windows).isEqualTo(100);
    }

    /**
     * Runs idle nodes a, b and c, started from factories, through a quiet phase of {@code quiet} (none if
     * zero) and then a phase of one second with {@code faults}; the run must not fail.
     */
    private static RecordingListener runThreeIdleNodes(long seed, RunOptions options, Duration quiet, Fault... faults) {
        RecordingListener listener = new RecordingListener();
        RunResult result = ScenarioRunner.run(world -> {
            for (String name : List.of("a", "b", "c")) {
                world.start(name, () -> new TestNodes.Idle());
            }
            if (!quiet.isZero()) {
                world.runFor(quiet);
            }
            world.runFor(Duration.ofSeconds(1), faults);
        }, seed, options, listener);
        assertThat(result.failure()).as("seed %s", seed).isNull();
        return listener;
    }

    private static long nanos(String isoDuration) {
        return Duration.parse(isoDuration).toNanos();
    }

    // ---------------------------------------------------------------- crash-restart of a node that is not up

    @Test
    void aCrashRestartOfANodeThatIsAlreadyDownNeitherCrashesItAgainNorBringsItBack() {
        run(world -> {
            Address b = world.start("b", () -> new TestNodes.Idle());
            world.runFor(ms(10));
            world.crash(b);
            world.runFor(ms(100), Faults.crashRestart().node(b).at(ms(20), ms(30)));
        }, 1, RunOptions.DEFAULTS);
        // The fault is recorded at 30 and 60 ms, but the node World.crash stopped at 10 ms stays down.
        assertThat(events.linesStartingWith("fault-begin")).singleElement()
                .satisfies(l -> assertThat(l).startsWith("fault-begin #1 crash-restart b").endsWith(" t=30000000"));
        assertThat(events.linesStartingWith("fault-end")).containsExactly("fault-end #1 crash-restart t=60000000");
        assertThat(events.linesStartingWith("crash")).containsExactly("crash 0 t=10000000");
        assertThat(startsWithoutStep()).containsExactly("start 0 inc=0 t=0");
    }

    @Test
    void aCrashRestartThatBeginsAsTheNodeIsRestartingCrashesItBeforeItStarts() {
        run(world -> {
            Address b = world.start("b", () -> new TestNodes.Idle());
            // #1 crashes b at 10 ms and rebuilds it at 30 ms; #2 begins at 30 ms, when that new instance is
            // still starting (its start runs after the fault actions scheduled for the same instant), so #2
            // crashes it before it ever runs and rebuilds it at 50 ms.
            world.runFor(ms(100), Faults.crashRestart().node(b).at(ms(10), ms(20)),
                    Faults.crashRestart().node(b).at(ms(30), ms(20)));
        }, 1, RunOptions.DEFAULTS);
        assertThat(events.linesStartingWith("crash")).containsExactly("crash 0 t=10000000", "crash 0 t=30000000");
        assertThat(startsWithoutStep()).containsExactly("start 0 inc=0 t=0", "start 0 inc=1 t=50000000");
        assertThat(events.linesStartingWith("fault-end"))
                .containsExactly("fault-end #1 crash-restart t=30000000", "fault-end #2 crash-restart t=50000000");
    }

    // ---------------------------------------------------------------- the local clock across skew windows

    /** Reads its local clock at every message and timer; sets one timer per local target when it starts. */
    static final class Watcher implements Node<Object> {
        private final long[] targetsMs;
        final List<Long> messageLocal = new ArrayList<>();
        final List<String> timerLocal = new ArrayList<>();

        Watcher(long... targetsMs) {
            this.targetsMs = targetsMs;
        }

        @Override
        public void onStart(Context<Object> ctx) {
            for (long target : targetsMs) {
                ctx.setTimer(ms(target), target);
            }
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {
            messageLocal.add(ctx.nowNanos());
        }

        @Override
        public void onTimer(Context<Object> ctx, Object tag) {
            timerLocal.add(tag + "@" + ctx.nowNanos());
        }
    }

    /** A clock-skew window in global time, in nanoseconds. */
    record Skew(long from, long to, long driftPpm, long jump) {}

    /**
     * The documented local clock: global time, plus each skew's jump once its window opened, plus
     * {@code driftPpm} parts per million of the time its window has been open so far. Exact when every
     * window length times drift is a whole number of nanoseconds, as it is for every value used here.
     */
    private static long expectedLocal(long global, Skew... skews) {
        long local = global;
        for (Skew k : skews) {
            if (global >= k.from()) {
                local += k.jump() + k.driftPpm() * (Math.min(global, k.to()) - k.from()) / 1_000_000L;
            }
        }
        return local;
    }

    /**
     * {@code w} is read every 10 ms: a chatter sends to it every 10 ms from 10 ms on, with a fixed 10 ms
     * latency, so its messages arrive at 20, 30, ..., 340 ms of global time; the run ends at 345 ms.
     */
    private static List<Long> arrivalTimes() {
        List<Long> arrivals = new ArrayList<>();
        for (long t = 20; t <= 340; t += 10) {
            arrivals.add(t * MS_NANOS);
        }
        return arrivals;
    }

    @Test
    void overlappingSkewsAddAndEachEndTakesBackOnlyItsOwnDriftKeepingTheOffsetGained() {
        // After a quiet phase of 45 ms (so no boundary coincides with an arrival), in global time:
        // A: -750,000 ppm (quarter speed), jump +10 ms, from 65 to 185 ms;
        // B: +250,000 ppm, jump -4 ms, from 105 to 245 ms. Together they run at -500,000 ppm (half speed).
        Skew a = new Skew(65 * MS_NANOS, 185 * MS_NANOS, -750_000, 10 * MS_NANOS);
        Skew b = new Skew(105 * MS_NANOS, 245 * MS_NANOS, 250_000, -4 * MS_NANOS);
        // The local clock: g until 65; jumps to 75 and reaches 85 at 105 (0.25x); jumps back to 81 and
        // reaches 121 at 185 (0.5x); reaches 196 at 245 (1.25x); then runs at 1x, 49 ms behind:
        // 10 - 4 - 0.75 * 120 + 0.25 * 140 = -49 ms.
        Watcher watcher = new Watcher(70, 80, 100, 150, 230);
        run(world -> {
            world.network().setDefaultProfile(TEN_MS);
            Address w = world.address("w");
            world.start("s", new FaultTests.Chatter(w));
            world.start(w, watcher);
            world.runFor(ms(45));
            world.runFor(ms(300),
                    Faults.clockSkew().node(w).drift(-750_000).jump(ms(10)).window(ms(20), ms(120)),
                    Faults.clockSkew().node(w).drift(250_000).jump(ms(-4)).window(ms(60), ms(140)));
        }, 1, RunOptions.DEFAULTS);
        assertThat(expectedLocal(105 * MS_NANOS, a, b)).isEqualTo(81 * MS_NANOS);
        assertThat(expectedLocal(185 * MS_NANOS, a, b)).isEqualTo(121 * MS_NANOS);
        assertThat(expectedLocal(245 * MS_NANOS, a, b)).isEqualTo(196 * MS_NANOS);
        assertThat(expectedLocal(340 * MS_NANOS, a, b)).isEqualTo(291 * MS_NANOS);

        List<Long> arrivals = arrivalTimes();
        assertThat(events.linesStartingWith("deliver")).extracting(l -> Long.parseLong(timeOf(l))).isEqualTo(arrivals);
        assertThat(watcher.messageLocal).isEqualTo(arrivals.stream().map(g -> expectedLocal(g, a, b)).toList());

        // Each timer fires when the local clock reaches its target, inverting the clock above:
        // 70: the +10 ms jump at 65 passes it (75), so it fires at once, at 65;
        // 80: 5 ms of local time at 0.25x after 65: 85; 100: 19 ms at 0.5x after 105 (81): 143;
        // 150: 29 ms at 1.25x after 185 (121): 208.2; 230: 34 ms at 1x after 245 (196): 279.
        assertThat(events.linesStartingWith("timer-fired 0")).extracting(FaultWindowExactTests::timeOf)
                .containsExactly("65000000", "85000000", "143000000", "208200000", "279000000");
        assertThat(watcher.timerLocal).containsExactly("70@75000000", "80@80000000", "100@100000000",
                "150@150000000", "230@230000000");
        assertThat(expectedLocal(208_200_000L, a, b)).isEqualTo(150 * MS_NANOS);
        assertThat(events.linesStartingWith("fault-end"))
                .containsExactly("fault-end #1 clock-skew t=185000000", "fault-end #2 clock-skew t=245000000");
    }

    /** The global time at the end of a recorded line ({@code t=...}). */
    private static String timeOf(String line) {
        return line.substring(line.indexOf("t=") + 2);
    }

    // ---------------------------------------------------------------- draws from the "faults" stream

    @Test
    void anUnpinnedDriftIsASignCoinThenAMagnitudeAndTheClockRunsAtTheReportedDrift() {
        Pattern drift = Pattern.compile("clock-skew w drift=(-?\\d+)ppm jump=PT0S from=PT0.05S to=PT0.15S t=50000000");
        Set<Long> signs = new TreeSet<>();
        for (long seed = 0; seed < 12; seed++) {
            // The skew is the first thing drawn in the run, with its node and window pinned: the stream
            // gives the sign, then the magnitude in [10,000, 500,000].
            DeterministicRandom faults = DeterministicRandom.derive(seed, "faults");
            long expectedDrift = (faults.nextBoolean() ? 1 : -1) * faults.between(10_000, 500_000);
            signs.add((long) Long.signum(expectedDrift));
            RecordingListener listener = new RecordingListener();
            TestNodes.Collector collector = new TestNodes.Collector();
            RunResult result = ScenarioRunner.run(world -> {
                world.network().setDefaultProfile(TEN_MS);
                Address w = world.address("w");
                world.start("s", new FaultTests.Chatter(w));
                world.start(w, collector);
                world.runFor(ms(200), Faults.clockSkew().node(w).window(ms(50), ms(100)));
            }, seed, RunOptions.DEFAULTS, listener);
            assertThat(result.failure()).isNull();
            String begin = listener.linesStartingWith("fault-begin").getFirst();
            Matcher m = drift.matcher(begin);
            assertThat(m.find()).as(begin).isTrue();
            long reported = Long.parseLong(m.group(1));
            assertThat(reported).as("seed %s", seed).isEqualTo(expectedDrift);
            // Arrivals at 20, 30, ..., 200 ms (an event at the very end of a phase still runs); the clock
            // gains drift ppm of the time in [50, 150) ms, then keeps it.
            Skew skew = new Skew(50 * MS_NANOS, 150 * MS_NANOS, reported, 0);
            assertThat(collector.times).as("seed %s", seed).isEqualTo(arrivalTimes().stream()
                    .filter(g -> g <= 200 * MS_NANOS).map(g -> expectedLocal(g, skew)).toList());
        }
        assertThat(signs).as("both signs among the seeds").containsExactly(-1L, 1L);
    }

    @Test
    void anUnpinnedPartitionSideIsOneCoinPerUpNodeInIndexOrderRedrawnUntilNonEmptyAndProper() {
        List<String> names = List.of("a", "b", "c");
        int redrawn = 0;
        Set<String> sides = new TreeSet<>();
        for (long seed = 0; seed < 40; seed++) {
            DeterministicRandom faults = DeterministicRandom.derive(seed, "faults");
            List<String> side;
            int attempts = 0;
            do {
                attempts++;
                side = new ArrayList<>();
                for (String name : names) {
                    if (faults.nextBoolean()) {
                        side.add(name);
                    }
                }
            } while (side.isEmpty() || side.size() == names.size());
            redrawn += attempts > 1 ? 1 : 0;
            String expected = side.stream().collect(Collectors.joining(",", "[", "]"));
            sides.add(expected);
            RecordingListener listener = new RecordingListener();
            RunResult result = ScenarioRunner.run(world -> {
                for (String name : names) {
                    world.start(name, new TestNodes.Idle());
                }
                world.address("unstarted"); // not up: never on a drawn side, and draws no coin
                world.runFor(ms(100), Faults.partition().window(ms(10), ms(20)));
            }, seed, RunOptions.DEFAULTS, listener);
            assertThat(result.failure()).isNull();
            assertThat(listener.linesStartingWith("fault-begin")).as("seed %s", seed).containsExactly(
                    "fault-begin #1 partition side=" + expected + " from=PT0.01S to=PT0.03S t=10000000");
        }
        assertThat(redrawn).as("seeds whose first draw was empty or everyone").isGreaterThan(3);
        assertThat(sides).as("every non-empty proper side").hasSize(6);
    }

    // ---------------------------------------------------------------- swarm

    private static final Pattern SKIPPED = Pattern.compile("^note swarm: skipped a (\\S+) fault");

    @Test
    void underSwarmExactlyTheKindsTheSeedSwitchedOnAreScheduledAndTheOthersNoted() {
        Set<String> allKinds = Arrays.stream(FaultKind.values()).map(FaultKind::label)
                .collect(Collectors.toCollection(TreeSet::new));
        int partial = 0;
        for (long seed = 0; seed < 20; seed++) {
            RecordingListener listener = runThreeIdleNodes(seed, RunOptions.DEFAULTS.withSwarm(true), Duration.ZERO,
                    Faults.partition(), Faults.slowLink(), Faults.crash(), Faults.crashRestart(), Faults.pause(),
                    Faults.clockSkew());
            String swarm = listener.linesStartingWith("swarm ").getFirst();
            String kindList = swarm.substring("swarm kinds=".length(), swarm.indexOf(" loss="));
            Set<String> enabled = kindList.isEmpty() ? new TreeSet<>() : new TreeSet<>(List.of(kindList.split(",")));
            Set<String> disabled = new TreeSet<>(allKinds);
            disabled.removeAll(enabled);
            Set<String> begun = listener.linesStartingWith("fault-begin").stream().map(l -> l.split(" ")[2])
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> skipped = new TreeSet<>();
            for (String line : listener.linesStartingWith("note swarm")) {
                Matcher m = SKIPPED.matcher(line);
                assertThat(m.find()).as(line).isTrue();
                skipped.add(m.group(1));
            }
            assertThat(begun).as("seed %s: %s", seed, swarm).isEqualTo(enabled);
            assertThat(skipped).as("seed %s: %s", seed, swarm).isEqualTo(disabled);
            partial += !enabled.isEmpty() && !disabled.isEmpty() ? 1 : 0;
        }
        assertThat(partial).as("seeds that switched some kinds on and some off").isGreaterThan(5);
    }
}
