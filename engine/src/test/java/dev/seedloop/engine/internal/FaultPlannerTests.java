package dev.seedloop.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Fault;
import dev.seedloop.engine.api.Faults;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Fault handles are validated as a whole before any is scheduled; unpinned parameters stay in their ranges. */
class FaultPlannerTests {
    private static final Duration MS = Duration.ofMillis(1);
    private static final Duration PHASE = MS.multipliedBy(100);
    private static final Address FOREIGN = new Address(7, "foreign");

    /** For each bad handle, what the refusal says; each is passed after a valid fault that must not be scheduled. */
    @Test
    void everyKindRefusesABadHandleBeforeAnythingIsScheduled() {
        Map<String, Function<Address[], Fault>> bad = new LinkedHashMap<>();
        bad.put("a partition side must not be empty", n -> Faults.partition().side(List.of()));
        bad.put("does not belong to this run|partition", n -> Faults.partition().side(List.of(n[0], FOREIGN)));
        bad.put("outside its runFor phase|partition", n -> Faults.partition().window(PHASE, Duration.ZERO));
        bad.put("ends after its runFor phase|partition", n -> Faults.partition().window(MS, PHASE));
        bad.put("length must not be negative|partition", n -> Faults.partition().window(MS, MS.negated()));
        bad.put("does not belong to this run|slow a", n -> Faults.slowLink().between(FOREIGN, n[0]));
        bad.put("does not belong to this run|slow b", n -> Faults.slowLink().between(n[0], FOREIGN));
        bad.put("ends after its runFor phase|slow", n -> Faults.slowLink().window(MS, PHASE));
        bad.put("does not belong to this run|crash", n -> Faults.crash().node(FOREIGN));
        bad.put("outside its runFor phase|crash", n -> Faults.crash().at(PHASE));
        bad.put("outside its runFor phase|negative crash", n -> Faults.crash().at(MS.negated()));
        bad.put("ends after its runFor phase|crash-restart", n -> Faults.crashRestart().node(n[1]).at(MS, PHASE));
        bad.put("started from a factory|crash-restart", n -> Faults.crashRestart().node(n[0]));
        bad.put("does not belong to this run|pause", n -> Faults.pause().node(FOREIGN));
        bad.put("ends after its runFor phase|pause", n -> Faults.pause().window(MS, PHASE));
        bad.put("does not belong to this run|skew", n -> Faults.clockSkew().node(FOREIGN));
        bad.put("ends after its runFor phase|skew", n -> Faults.clockSkew().window(MS, PHASE));
        bad.forEach((expected, handle) -> {
            RecordingListener listener = new RecordingListener();
            List<Throwable> thrown = new ArrayList<>();
            RunResult result = ScenarioRunner.run(world -> {
                Address[] nodes = nodes(world);
                try {
                    world.runFor(PHASE, Faults.crash().node(nodes[0]).at(MS), handle.apply(nodes));
                } catch (IllegalArgumentException e) {
                    thrown.add(e);
                }
                world.runFor(PHASE);
            }, 1, RunOptions.DEFAULTS, listener);
            assertThat(result.failure()).as(expected).isNull();
            assertThat(thrown).as(expected).singleElement().satisfies(
                    e -> assertThat(e.getMessage()).contains(expected.split("\\|")[0]));
            assertThat(listener.linesStartingWith("fault")).as(expected).isEmpty();
            assertThat(listener.linesStartingWith("crash")).as(expected).isEmpty();
        });
    }

    private static Address[] nodes(World world) {
        Address a = world.start("a", new TestNodes.Idle());
        Address b = world.start("b", () -> new TestNodes.Idle());
        return new Address[] {a, b};
    }

    @Test
    void windowsMayStartJustBeforeAndEndExactlyAtThePhaseEnd() {
        RecordingListener listener = new RecordingListener();
        RunResult result = ScenarioRunner.run(world -> {
            Address[] n = nodes(world);
            world.runFor(PHASE, Faults.partition().side(List.of(n[0])).window(Duration.ZERO, PHASE),
                    Faults.crash().node(n[0]).at(PHASE.minusNanos(1)),
                    Faults.pause().node(n[1]).window(PHASE.minusNanos(1), Duration.ofNanos(1)));
        }, 1, RunOptions.DEFAULTS, listener);
        assertThat(result.failure()).isNull();
        assertThat(listener.linesStartingWith("fault-begin")).hasSize(3);
        assertThat(listener.linesStartingWith("fault-end")).hasSize(2);
    }

    @Test
    void unpinnedFaultsNeedEnoughStartedNodesUnlessTheyPinThem() {
        Map<String, Fault> needTwo = new LinkedHashMap<>();
        needTwo.put("partition", Faults.partition());
        needTwo.put("slow-link", Faults.slowLink());
        needTwo.put("crash", Faults.crash());
        needTwo.put("pause", Faults.pause());
        needTwo.put("clock-skew", Faults.clockSkew());
        needTwo.forEach((kind, fault) -> {
            List<Throwable> thrown = new ArrayList<>();
            ScenarioRunner.run(world -> {
                world.address("unstarted");
                try {
                    world.runFor(PHASE, fault);
                } catch (IllegalArgumentException e) {
                    thrown.add(e);
                }
            }, 1, RunOptions.DEFAULTS, null);
            assertThat(thrown).as(kind).singleElement().satisfies(e -> assertThat(e)
                    .hasMessageStartingWith("a " + kind + " fault needs at least"));
        });
        // Pinned, they need nobody up: a fault on an unstarted node is recorded and does nothing.
        RecordingListener listener = new RecordingListener();
        RunResult result = ScenarioRunner.run(world -> {
            Address x = world.address("x");
            Address y = world.address("y");
            world.runFor(PHASE, Faults.partition().side(List.of(x)).window(MS, MS), Faults.slowLink().between(x, y)
                    .factor(2).window(MS, MS), Faults.crash().node(x).at(MS), Faults.pause().node(x).window(MS, MS),
                    Faults.clockSkew().node(x).drift(10).window(MS, MS));
        }, 1, RunOptions.DEFAULTS, listener);
        assertThat(result.failure()).isNull();
        assertThat(listener.linesStartingWith("fault-begin")).hasSize(5);
        assertThat(listener.linesStartingWith("crash")).isEmpty();
        assertThat(listener.linesStartingWith("pause")).isEmpty();
        List<Throwable> thrown = new ArrayList<>();
        ScenarioRunner.run(world -> {
            world.start("instance", new TestNodes.Idle());
            try {
                world.runFor(PHASE, Faults.crashRestart());
            } catch (IllegalArgumentException e) {
                thrown.add(e);
            }
        }, 1, RunOptions.DEFAULTS, null);
        assertThat(thrown).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("found no node started from a factory"));
    }

    @Test
    void drawnParametersStayInTheirDocumentedRanges() {
        Pattern slow = Pattern.compile("slow-link (\\w+)<->(\\w+) factor=(\\d+) from=(\\S+) to=(\\S+)");
        Pattern skew = Pattern.compile("clock-skew (\\w+) drift=(-?\\d+)ppm");
        Pattern restart = Pattern.compile("crash-restart (\\w+) at=(\\S+) down=(\\S+)");
        Pattern side = Pattern.compile("partition side=\\[([\\w,]+)\\] from=(\\S+) to=(\\S+)");
        boolean[] driftSigns = new boolean[2];
        List<String> restarted = new ArrayList<>();
        List<String> slowEnds = new ArrayList<>();
        long phase = Duration.ofSeconds(1).toNanos();
        for (long seed = 0; seed < 40; seed++) {
            RecordingListener listener = new RecordingListener();
            RunResult result = ScenarioRunner.run(world -> {
                world.start("a", new TestNodes.Idle());
                world.start("b", () -> new TestNodes.Idle());
                world.start("c", new TestNodes.Idle());
                world.start("d", () -> new TestNodes.Idle());
                world.runFor(Duration.ofSeconds(1), Faults.slowLink(), Faults.clockSkew(), Faults.crashRestart(),
                        Faults.partition());
            }, seed, RunOptions.DEFAULTS, listener);
            assertThat(result.failure()).isNull();
            for (String line : listener.linesStartingWith("fault-begin")) {
                Matcher m = slow.matcher(line);
                if (m.find()) {
                    assertThat(m.group(1)).isNotEqualTo(m.group(2));
                    slowEnds.add(m.group(1));
                    slowEnds.add(m.group(2));
                    assertThat(Long.parseLong(m.group(3))).isBetween(2L, 50L);
                    long length = Duration.parse(m.group(5)).toNanos() - Duration.parse(m.group(4)).toNanos();
                    long start = Duration.parse(m.group(4)).toNanos();
                    assertThat(length).isBetween(Math.min(phase / 20, phase - start), phase / 2);
                    assertThat(start + length).isLessThanOrEqualTo(phase);
                }
                m = skew.matcher(line);
                if (m.find()) {
                    long drift = Long.parseLong(m.group(2));
                    assertThat(Math.abs(drift)).isBetween(10_000L, 500_000L);
                    driftSigns[drift > 0 ? 1 : 0] = true;
                }
                m = restart.matcher(line);
                if (m.find()) {
                    restarted.add(m.group(1));
                    long at = Duration.parse(m.group(2)).toNanos();
                    long down = Duration.parse(m.group(3)).toNanos();
                    assertThat(down).isBetween(Math.min(phase / 100, phase - at), phase / 5);
                    assertThat(at + down).isLessThanOrEqualTo(phase);
                }
                m = side.matcher(line);
                if (m.find()) {
                    int size = m.group(1).split(",").length;
                    assertThat(size).as("a non-empty proper subset").isBetween(1, 3);
                }
            }
        }
        assertThat(driftSigns).containsExactly(true, true);
        assertThat(restarted).as("only nodes started from a factory").containsOnly("b", "d").contains("b", "d");
        assertThat(slowEnds).contains("a", "b", "c", "d");
    }
}
