package dev.seedloop.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fault handles, schedules and failures: every validation boundary, the kind names the trace and the
 * reports print, and the accessors the replay instructions read.
 */
class FaultAndFailureValueTests {
    private static final Address A = new Address(0, "a");
    private static final Address B = new Address(1, "b");

    @Test
    void faultKindsAreTheNamesTheTraceUses() {
        assertThat(Faults.partition().kind()).isEqualTo("partition");
        assertThat(Faults.slowLink().kind()).isEqualTo("slow-link");
        assertThat(Faults.crash().kind()).isEqualTo("crash");
        assertThat(Faults.crashRestart().kind()).isEqualTo("crash-restart");
        assertThat(Faults.pause().kind()).isEqualTo("pause");
        assertThat(Faults.clockSkew().kind()).isEqualTo("clock-skew");
    }

    @Test
    void slowLinkFactorIsAtLeastOneAndItsEndsDiffer() {
        assertThat(Faults.slowLink().factor(1).factor()).isEqualTo(1);
        assertThatThrownBy(() -> Faults.slowLink().factor(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("slowLink factor must be at least 1, got 0");
        assertThatThrownBy(() -> Faults.slowLink().between(A, new Address(0, "a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("slowLink needs two different nodes, got a twice");
        // Only one end pinned, or two different ends: fine.
        assertThat(new Fault.SlowLink(A, null, null, null, null).a()).isEqualTo(A);
        assertThat(new Fault.SlowLink(null, B, null, null, null).b()).isEqualTo(B);
        assertThat(Faults.slowLink().between(A, B).a()).isEqualTo(A);
    }

    @Test
    void clockDriftMustKeepTheClockRunningForward() {
        assertThat(Faults.clockSkew().drift(-999_999).driftPpm()).isEqualTo(-999_999L);
        assertThatThrownBy(() -> Faults.clockSkew().drift(-1_000_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clock drift must be above -1,000,000 ppm (a clock cannot run backwards), got -1000000");
        assertThat(Faults.clockSkew().jump(Duration.ofMillis(3)).jump()).isEqualTo(Duration.ofMillis(3));
    }

    @Test
    void pctParametersAreValidatedOnlyForPct() {
        assertThat(new Schedule(Schedule.Strategy.PCT, 1, 1, 0).depth()).isEqualTo(1);
        assertThatThrownBy(() -> new Schedule(Schedule.Strategy.PCT, 0, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("PCT depth must be at least 1, got 0");
        assertThatThrownBy(() -> new Schedule(Schedule.Strategy.PCT, 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("PCT horizon must be at least 1, got 0");
        assertThatThrownBy(() -> new Schedule(Schedule.Strategy.PCT, 1, 1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("PCT quantum must not be negative, got -1");
        assertThat(new Schedule(Schedule.Strategy.FIFO, 0, 0, 0)).isEqualTo(Schedule.fifo());
        assertThat(Schedule.fifo()).hasToString("fifo");
        assertThat(Schedule.randomTies()).hasToString("random-ties");
        assertThat(Schedule.pct(3).toString()).isNotEmpty().contains("3");
    }

    @Test
    void failuresNameTheirKindAndWhatFailed() {
        DeadlineExceeded deadline = new DeadlineExceeded(1, 2, 3, "leader elected", 4);
        assertThat(deadline.kind()).isEqualTo("deadline");
        assertThat(deadline.condition()).isEqualTo("leader elected");
        QuiescenceFailure quiet = new QuiescenceFailure(1, 2, 3, "all acked");
        assertThat(quiet.kind()).isEqualTo("quiescence");
        assertThat(quiet.condition()).isEqualTo("all acked");
        LivenessViolation liveness = new LivenessViolation(1, 2, 3, "progress", 0, 1);
        assertThat(liveness.kind()).isEqualTo("liveness");
        assertThat(liveness.property()).isEqualTo("progress");
        LimitExceeded limit = new LimitExceeded(1, 2, 3, "maxSteps", 10, "why");
        assertThat(limit.kind()).isEqualTo("limit");
        assertThat(limit.limit()).isEqualTo("maxSteps");
        NodeFailure node = new NodeFailure(1, 2, 3, "n1", "onTimer", new IllegalStateException("boom"));
        assertThat(node.kind()).isEqualTo("node-threw");
        assertThat(node.node()).isEqualTo("n1");
        assertThat(node.handler()).isEqualTo("onTimer");
    }

    @Test
    void resultsExposeTheirFailureAsAnOptional() {
        LimitExceeded limit = new LimitExceeded(1, 2, 3, "maxSteps", 10, "why");
        assertThat(new RunResult(1, 0, 0, 0, 0, limit).failureIfAny()).containsSame(limit);
        assertThat(new RunResult(1, 0, 0, 0, 0, null).failureIfAny()).isEmpty();
        CheckResult passed = new CheckResult(3, List.of(), 0, "s", RunOptions.DEFAULTS, null);
        assertThat(passed.assertPassed()).isSameAs(passed);
    }

    @Test
    void dropReasonCodesAreTheTraceFormatCodes() {
        assertThat(DropReason.LOSS.code()).isEqualTo(dev.seedloop.trace.EventKindCode.DROP_LOSS);
        assertThat(DropReason.PARTITION.code()).isEqualTo(dev.seedloop.trace.EventKindCode.DROP_PARTITION);
        assertThat(DropReason.ISOLATED.code()).isEqualTo(dev.seedloop.trace.EventKindCode.DROP_ISOLATED);
        assertThat(DropReason.CRASHED.code()).isEqualTo(dev.seedloop.trace.EventKindCode.DROP_CRASHED);
        assertThat(DropReason.UNBOUND.code()).isEqualTo(dev.seedloop.trace.EventKindCode.DROP_UNBOUND);
    }

    @Test
    void aScenarioNameMustNotBeBlank() {
        assertThatThrownBy(() -> CheckOptions.seeds(1).withScenarioName(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("scenarioName must not be blank");
    }

    @Test
    void contextNowIsNowNanosAsADuration() {
        Context<Object> context = new Context<>() {
            @Override
            public Address self() {
                return A;
            }

            @Override
            public long nowNanos() {
                return 1_500;
            }

            @Override
            public DeterministicRandom random() {
                return null;
            }

            @Override
            public void send(Address to, Object message) {}

            @Override
            public TimerId setTimer(Duration after, Object tag) {
                return null;
            }

            @Override
            public TimerId setTimerNanos(long afterNanos, Object tag) {
                return null;
            }

            @Override
            public void cancelTimer(TimerId timer) {}

            @Override
            public void log(String text) {}

            @Override
            public Storage storage() {
                return null;
            }

            @Override
            public boolean buggify(String point) {
                return false;
            }
        };
        assertThat(context.now()).isEqualTo(Duration.ofNanos(1_500));
    }

    @Test
    void settingALinkProfileBothWaysSetsEachDirection() {
        List<String> calls = new ArrayList<>();
        Network network = new Network() {
            @Override
            public LinkProfile defaultProfile() {
                return LinkProfile.DEFAULT;
            }

            @Override
            public void setDefaultProfile(LinkProfile profile) {}

            @Override
            public void setNodeProfile(Address node, LinkProfile profile) {}

            @Override
            public void setLinkProfile(Address from, Address to, LinkProfile profile) {
                calls.add(from.name() + "->" + to.name());
            }

            @Override
            public void partition(java.util.Collection<Address> side) {}

            @Override
            public void partition(List<? extends java.util.Collection<Address>> groups) {}

            @Override
            public void isolate(Address node) {}

            @Override
            public void heal() {}

            @Override
            public boolean canReach(Address from, Address to) {
                return true;
            }
        };
        network.setLinkProfileBothWays(A, B, LinkProfile.DEFAULT);
        assertThat(calls).containsExactly("a->b", "b->a");
    }
}
