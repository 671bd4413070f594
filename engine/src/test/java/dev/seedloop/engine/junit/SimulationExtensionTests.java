package dev.seedloop.engine.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.seedloop.engine.shard.ShardSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** The JUnit extension, run through the JUnit Platform test kit on the {@link Fixtures}. */
class SimulationExtensionTests {

    private static EngineExecutionResults run(Class<?> fixture, Map<String, String> config) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture))
                .configurationParameters(config).execute();
    }

    private static EngineExecutionResults run(Class<?> fixture) {
        return run(fixture, Map.of());
    }

    /** The values of the report entries published under {@code key}, in the order they were published. */
    private static List<String> reportEntries(EngineExecutionResults results, String key) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get(key))
                .filter(Objects::nonNull).toList();
    }

    /** The one failure message of the only test in {@code results}, which must have failed. */
    private static Throwable onlyFailure(EngineExecutionResults results) {
        assertThat(results.testEvents().started().count()).as("tests started").isEqualTo(1);
        List<Event> failed = results.testEvents().failed().list();
        assertThat(failed).as("failed tests").hasSize(1);
        return failed.get(0).getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    }

    @Test
    void aPassingSweepIsOneTestThatRanEverySeed() {
        Fixtures.forget("passing");
        EngineExecutionResults results = run(Fixtures.Passing.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
        for (long seed = 0; seed < 20; seed++) {
            assertThat(Fixtures.saw("passing", seed)).as("seed %d ran", seed).isTrue();
        }
        assertThat(Fixtures.seenCount("passing")).isEqualTo(20);
    }

    @Test
    void aFailingSweepFailsWithOneMessageHoldingEverythingNeededToReplayIt() {
        Throwable failure = onlyFailure(run(Fixtures.Failing.class));
        assertThat(failure).isInstanceOf(AssertionError.class);
        String message = failure.getMessage();
        assertThat(message)
                .startsWith("Failing#pingPongUpToSeed100: seed 24 failed after 25 of 100 seeds (seeds = 100)")
                .contains("invariant 'no-seed-3-mod-7' violated")
                .containsPattern("at step \\d+, virtual time 5\\d\\.\\d{3}ms")
                .contains("@Replay(seed = 24)")
                .contains("./mvnw test -Dtest='Failing#pingPongUpToSeed100' -Dseedloop.seed=24");
        String trace = message.lines().filter(l -> l.startsWith("  trace: ")).findFirst().orElseThrow()
                .substring("  trace: ".length());
        assertThat(Path.of(trace)).exists().hasFileName("Failing_pingPongUpToSeed100-seed-24.trace");
        assertThat(Path.of(trace).toString()).contains("target");
        assertThat(failure.getCause()).hasMessageContaining("seed 24");
    }

    @Test
    void anExpectedFailurePassesWhenTheSweepFindsIt() {
        run(Fixtures.Expected.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void anExpectedFailureThatNoSeedShowsFailsTheTest() {
        Throwable failure = onlyFailure(run(Fixtures.ExpectedButPassed.class));
        assertThat(failure.getMessage())
                .startsWith("ExpectedButPassed#noFailureBelowSeed20: expected a violation of invariant "
                        + "'no-seed-3-mod-7', but all 20 seeds passed (seeds = 20)")
                .contains("remove @ExpectFailure");
    }

    @Test
    void anExpectedFailureOfAnotherInvariantFailsWithTheActualReport() {
        Throwable failure = onlyFailure(run(Fixtures.ExpectedAnotherInvariant.class));
        assertThat(failure.getMessage())
                .contains("expected a violation of invariant 'some-other-invariant', but the first failure was another")
                .contains("seed 24 failed")
                .contains("invariant 'no-seed-3-mod-7' violated");
    }

    @Test
    void replayRunsExactlyThePinnedSeedsInTheirOrderInsteadOfTheSweep() {
        Fixtures.forget("pinned");
        Throwable failure = onlyFailure(run(Fixtures.Pinned.class));
        // 31 comes first in the pinned order, so it is the failure reported, though 24 is the lower seed.
        assertThat(failure.getMessage()).startsWith("Pinned#pinnedSeeds: seed 31 failed (@Replay(seed = {31, 24}))");
        assertThat(Fixtures.saw("pinned", 31)).isTrue();
        assertThat(Fixtures.seenCount("pinned")).as("only pinned seeds ran")
                .isEqualTo(Fixtures.saw("pinned", 24) ? 2 : 1);
    }

    @Test
    void theSeedPropertySelectsOneSeedAndTheReplayLineNamesIt() {
        Throwable failure = onlyFailure(run(Fixtures.Failing.class, Map.of("seedloop.seed", "38")));
        assertThat(failure.getMessage())
                .startsWith("Failing#pingPongUpToSeed100: seed 38 failed (-Dseedloop.seed=38)")
                .contains("-Dseedloop.seed=38");
        run(Fixtures.Failing.class, Map.of("seedloop.seed", "25")).testEvents()
                .assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void theSeedsPropertyOverridesTheCountForSoaks() {
        run(Fixtures.Failing.class, Map.of("seedloop.seeds", "24")).testEvents()
                .assertStatistics(stats -> stats.started(1).succeeded(1));
        Throwable failure = onlyFailure(run(Fixtures.Passing.class, Map.of("seedloop.seeds", "1_000", "seedloop.threads", "2")));
        assertThat(failure.getMessage()).startsWith("Passing#pingPongForTwentySeeds: seed 24 failed after 25 of 1000 seeds "
                + "(-Dseedloop.seeds=1000)");
        run(Fixtures.Failing.class, Map.of("seedloop.seeds", "3", "seedloop.firstSeed", "25")).testEvents()
                .assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void anAssertionInsideTheBodyFailsThatSeedWithItsMessage() {
        Throwable failure = onlyFailure(run(Fixtures.BodyAsserts.class));
        assertThat(failure.getMessage()).contains("seed 6 failed").contains("seed six is unlucky");
    }

    @Test
    void invalidAnnotationValuesAndPropertiesFailWithClearErrors() {
        EngineExecutionResults results = run(Fixtures.Invalid.class);
        results.testEvents().assertStatistics(stats -> stats.started(4).failed(4));
        List<String> messages = results.testEvents().failed().list().stream()
                .map(e -> e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage())
                .sorted().toList();
        assertThat(messages).containsExactly(
                "@SimulationTest Invalid#noWorld takes no World parameter; the method body is the scenario and needs "
                        + "its run's World: declare it as void noWorld(World world)",
                "@SimulationTest on Invalid#noPinnedSeed: @Replay(seed = {}) pins no seed; name at least one, for "
                        + "example @Replay(seed = 13)",
                "@SimulationTest on Invalid#notAPercentage: runTwicePercent = 150 is not a percentage; use 0 to 100",
                "@SimulationTest on Invalid#zeroSeeds: seeds = 0 sweeps nothing; give at least 1 seed");

        Throwable badCount = onlyFailure(run(Fixtures.Passing.class, Map.of("seedloop.seeds", "lots")));
        assertThat(badCount).hasMessage("@SimulationTest on Passing#pingPongForTwentySeeds: -Dseedloop.seeds=lots is "
                + "not a whole number; give a positive count, for example -Dseedloop.seeds=100000");
        Throwable zero = onlyFailure(run(Fixtures.Passing.class, Map.of("seedloop.seeds", "0")));
        assertThat(zero).hasMessageContaining("-Dseedloop.seeds=0 must be at least 1");
        Throwable badShard = onlyFailure(run(Fixtures.Passing.class, Map.of("seedloop.shard", "4/4")));
        assertThat(badShard).hasMessageContaining("-Dseedloop.shard=4/4: shard index must be in 0..3 for 4 shards, got 4");
    }

    @Test
    void theAuditFailsATestThatReadsTheWallClockBeforeRunningAnySeed() {
        Throwable failure = onlyFailure(run(Fixtures.Leaky.class));
        assertThat(failure.getMessage())
                .startsWith("Leaky#readsTheWallClock: the nondeterminism audit found code that escapes the simulation")
                .contains("at dev.seedloop.engine.junit.Fixtures$Leaky.readsTheWallClock(Fixtures.java:")
                .contains("System.nanoTime() reads the wall clock")
                .contains("instead: virtual time: ctx.nowNanos() in a node, world.nowNanos() in the scenario")
                .contains("@AllowNondeterminism");
    }

    @Test
    void theAuditNamesANodeFromASiblingPackageItDidNotReadWithoutFailingTheTest() {
        EngineExecutionResults results = run(Fixtures.SiblingNode.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        String nl = System.lineSeparator();
        assertThat(reportEntries(results, "seedloop.audit")).containsExactly("SiblingNode#startsANodeFromASiblingPackage: "
                + "the nondeterminism audit found nothing in what it read, but did not read all of the code under test:" + nl
                + "  (0 findings; 1 class scanned)" + nl
                + "  not scanned: 1 class of the code under test outside the audited packages (dev.seedloop.engine.junit): "
                + "dev.seedloop.engine.audit.sibling.nodes.WallClockNode" + nl
                + "  to audit it too: @SimulationTest(auditPackages = {\"dev.seedloop.engine.audit.sibling.nodes\", "
                + "\"dev.seedloop.engine.junit\"}), or the same packages to NondeterminismScanner.forPackages");
    }

    @Test
    void anAuditThatMustBeCompleteFailsTheTestOnTheClassItDidNotReadBeforeAnySeedRuns() {
        String nl = System.lineSeparator();
        String expected = "the nondeterminism audit did not read all of the code under test, and auditComplete"
                + " requires it to:" + nl
                + "  (0 findings; 1 class scanned)" + nl
                + "  not scanned: 1 class of the code under test outside the audited packages (dev.seedloop.engine.junit): "
                + "dev.seedloop.engine.audit.sibling.nodes.WallClockNode" + nl
                + "  to audit it too: @SimulationTest(auditPackages = {\"dev.seedloop.engine.audit.sibling.nodes\", "
                + "\"dev.seedloop.engine.junit\"}), or the same packages to NondeterminismScanner.forPackages" + nl
                + "Audit those packages too as shown, or set auditComplete = false (or -Dseedloop.auditComplete=false)"
                + " to accept a partial audit.";
        EngineExecutionResults annotated = run(Fixtures.SiblingNodeAuditComplete.class);
        assertThat(onlyFailure(annotated).getMessage())
                .isEqualTo("SiblingNodeAuditComplete#startsANodeFromASiblingPackage: " + expected);
        // It failed before sweeping: no sweep summary was published.
        assertThat(reportEntries(annotated, "seedloop")).isEmpty();

        // The property asks the same of every simulation test, and overrides the annotation either way.
        assertThat(onlyFailure(run(Fixtures.SiblingNode.class, Map.of("seedloop.auditComplete", "true"))).getMessage())
                .isEqualTo("SiblingNode#startsANodeFromASiblingPackage: " + expected);
        run(Fixtures.SiblingNodeAuditComplete.class, Map.of("seedloop.auditComplete", "false")).testEvents()
                .assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void anAuditThatReadEverythingIsCompleteAndAnInvalidSettingIsNamed() {
        // BodyAsserts's audit reads all it reaches: the sweep runs, and fails only on its own unlucky seed.
        Throwable swept = onlyFailure(run(Fixtures.BodyAsserts.class, Map.of("seedloop.auditComplete", "true")));
        assertThat(swept.getMessage()).contains("seed six is unlucky").doesNotContain("auditComplete");

        assertThat(onlyFailure(run(Fixtures.Passing.class, Map.of("seedloop.auditComplete", "yes"))).getMessage())
                .endsWith(": -Dseedloop.auditComplete=yes is neither true nor false; write -Dseedloop.auditComplete=true"
                        + " to fail every simulation test whose audit leaves code under test unread");
    }

    @Test
    void auditingTheNamedPackagesFailsTheTestWithTheWallClockRead() {
        Throwable failure = onlyFailure(run(Fixtures.SiblingNodeAudited.class));
        assertThat(failure.getMessage())
                .startsWith("SiblingNodeAudited#startsANodeFromASiblingPackage: the nondeterminism audit found code that "
                        + "escapes the simulation")
                .contains("at dev.seedloop.engine.audit.sibling.nodes.WallClockNode.onStart(WallClockNode.java:")
                .contains("System.currentTimeMillis() reads the wall clock")
                .doesNotContain("not scanned");
    }

    @Test
    void aTestWhoseAuditReadEverythingPublishesNoAuditEntry() {
        EngineExecutionResults results = run(Fixtures.BodyAsserts.class);
        assertThat(reportEntries(results, "seedloop")).hasSize(1);
        assertThat(reportEntries(results, "seedloop.audit")).isEmpty();
    }

    @Test
    void allowNondeterminismOnTheTestSkipsTheAudit() {
        run(Fixtures.LeakyButAllowed.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void aShardRunsItsSliceAndWritesASummary(@TempDir Path dir) throws Exception {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectMethod(Fixtures.Sharded.class, "pingPongSharded", "dev.seedloop.engine.api.World"))
                .configurationParameters(Map.of("seedloop.shard", "1/4", "seedloop.shardDir", dir.toString()))
                .execute();
        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        ShardSummary summary = ShardSummary.parse(
                Files.readString(dir.resolve("Sharded_pingPongSharded-shard-1-of-4.json")), "summary");
        assertThat(summary.fromPosition()).isEqualTo(25);
        assertThat(summary.size()).isEqualTo(25);
        assertThat(summary.failure().seed()).isEqualTo(31);
        assertThat(summary.failure().position()).isEqualTo(31);
        assertThat(summary.seedsChecked()).isEqualTo(7);
        assertThat(summary.seedSet()).isEqualTo("seeds = 100: 100 seeds (0..99)");
    }
}
