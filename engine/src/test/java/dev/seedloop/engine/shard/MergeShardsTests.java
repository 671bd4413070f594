package dev.seedloop.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.SometimesFails;
import dev.seedloop.engine.api.CheckOptions;
import dev.seedloop.engine.api.CheckResult;
import dev.seedloop.engine.api.Scenario;
import dev.seedloop.engine.api.Seeds;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sharded sweeps merge to the same first failure as one unsharded sweep. */
class MergeShardsTests {

    private static final Scenario SOMETIMES_FAILS = SometimesFails.runningFor(Duration.ofMillis(100));

    @TempDir
    Path dir;

    private static CheckOptions options(Seeds seeds) {
        return CheckOptions.seeds(seeds).withProgress(null).withThreads(2).withScenarioName("SOMETIMES_FAILS")
                .withTraceDirectory(null);
    }

    /** Runs every shard of {@code all} as a separate machine would and returns the summaries, via JSON. */
    private static List<ShardSummary> sweepInShards(Seeds all, int count) {
        List<ShardSummary> summaries = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Shard shard = new Shard(k, count);
            CheckResult result = Simulation.check(SOMETIMES_FAILS, options(shard.of(all)));
            ShardSummary summary = ShardSummary.of(result, all, shard, all.toString());
            summaries.add(ShardSummary.parse(summary.toJson(), "shard " + k));
        }
        return summaries;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 16})
    void mergingShardsGivesTheFirstFailureOfTheUnshardedSweep(int count) {
        for (Seeds all : new Seeds[] {Seeds.first(120), Seeds.range(25, 145), Seeds.of(50, 13, 45, 2, 31, 8, 24, 3, 9, 11,
                60, 61, 62, 63, 64, 65)}) {
            CheckResult whole = Simulation.check(SOMETIMES_FAILS, options(all));
            MergedReport merged = MergedReport.merge(sweepInShards(all, count));

            assertThat(merged.scenarios()).singleElement().satisfies(s -> {
                assertThat(s.firstFailure()).isNotNull();
                assertThat(s.firstFailure().seed()).as("%s in %d shards", all, count)
                        .isEqualTo(whole.firstFailure().orElseThrow().seed());
                assertThat(s.firstFailure().position()).isEqualTo(whole.seedsChecked() - 1);
                assertThat(s.firstFailure().message()).isEqualTo(whole.firstFailure().orElseThrow().failure().getMessage());
                assertThat(s.firstFailure().invariant()).isEqualTo("no-seed-3-mod-7");
                assertThat(s.firstFailureIsFinal()).isTrue();
                assertThat(s.missing()).isEmpty();
                assertThat(s.shards()).hasSize(count);
                assertThat(s.seedsChecked()).isGreaterThanOrEqualTo(whole.seedsChecked());
            });
            assertThat(merged.failed()).isTrue();
            assertThat(merged.passed()).isFalse();
        }
    }

    @Test
    void aPassingShardedSweepChecksEverySeedOnce() {
        Seeds all = Seeds.first(20);
        MergedReport merged = MergedReport.merge(sweepInShards(all, 6));
        assertThat(merged.passed()).isTrue();
        assertThat(merged.scenarios().get(0).seedsChecked()).isEqualTo(20);
        assertThat(merged.scenarios().get(0).firstFailure()).isNull();
    }

    private Path writeShards(Seeds all, int count) {
        for (ShardSummary summary : sweepInShards(all, count)) {
            summary.writeInto(dir);
        }
        return dir;
    }

    private static int merge(List<String> args, StringBuilder out, StringBuilder err) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status = MergeShards.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        out.append(o.toString(StandardCharsets.UTF_8));
        err.append(e.toString(StandardCharsets.UTF_8));
        return status;
    }

    @Test
    void theMergeCommandPrintsTheOverallFirstFailureAndEveryShardsStatus() throws Exception {
        writeShards(Seeds.first(100), 4);
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        Path json = dir.resolve("merged").resolveSibling("merged-report.txt");
        int status = merge(List.of("--json", json.toString(), dir.toString()), out, err);

        assertThat(status).as(err.toString()).isEqualTo(MergeShards.FAILED);
        assertThat(out.toString().lines().toList()).startsWith(
                "SOMETIMES_FAILS: FAILED, first failure at seed 24 (position 24)",
                "  seeds: 100 seeds (0..99), 41 checked in 4 of 4 shards");
        assertThat(out.toString())
                .contains("invariant 'no-seed-3-mod-7' violated")
                .contains("  replay: -Dseedloop.seed=24 or @Replay(seed = 24)")
                .contains("  shard 0: failed at seed 24 after 25 of 25 seeds (positions 0..24, digest ")
                .contains("  shard 2: failed at seed 52 after 3 of 25 seeds (positions 50..74, digest ")
                .contains("  shard 1: failed at seed 31 after 7 of 25 seeds (positions 25..49, digest ")
                .contains("  shard 3: failed at seed 80 after 6 of 25 seeds (positions 75..99");
        Object parsed = Json.parse(Files.readString(json));
        assertThat(parsed).isInstanceOf(Map.class);
        Map<?, ?> scenario = (Map<?, ?>) ((List<?>) ((Map<?, ?>) parsed).get("scenarios")).get(0);
        assertThat(scenario.get("status")).isEqualTo("failed");
        assertThat(((Map<?, ?>) scenario.get("firstFailure")).get("seed")).isEqualTo(24L);
        assertThat(scenario.get("seedsChecked")).isEqualTo(25L + 7 + 3 + 6);
    }

    @Test
    void missingShardsAreReportedAndAnEarlierFailureMayHideInThem() throws Exception {
        writeShards(Seeds.first(100), 4);
        Files.delete(dir.resolve("SOMETIMES_FAILS-shard-0-of-4.json"));
        StringBuilder out = new StringBuilder();
        int status = merge(List.of(dir.toString()), out, new StringBuilder());
        assertThat(status).isEqualTo(MergeShards.FAILED);
        assertThat(out.toString())
                .contains("FAILED, first failure at seed 31 (position 31), but shards before it are missing and could hold an earlier one")
                .contains("  shard 0: MISSING (no summary)");
    }

    @Test
    void aPassingSweepWithAMissingShardIsIncomplete() throws Exception {
        writeShards(Seeds.first(20), 3);
        StringBuilder out = new StringBuilder();
        assertThat(merge(List.of(dir.toString()), out, new StringBuilder())).isEqualTo(MergeShards.PASSED);
        assertThat(out.toString()).startsWith("SOMETIMES_FAILS: PASSED");
        Files.delete(dir.resolve("SOMETIMES_FAILS-shard-2-of-3.json"));
        out.setLength(0);
        assertThat(merge(List.of(dir.toString()), out, new StringBuilder())).isEqualTo(MergeShards.INCOMPLETE);
        assertThat(out.toString()).startsWith("SOMETIMES_FAILS: INCOMPLETE, no failure in the shards present");
    }

    @Test
    void badInputAndBadUsageAreExplained() throws Exception {
        StringBuilder err = new StringBuilder();
        assertThat(merge(List.of(), new StringBuilder(), err)).isEqualTo(MergeShards.USAGE);
        assertThat(err.toString()).startsWith("no shard summaries given");
        err.setLength(0);
        assertThat(merge(List.of("--frobnicate"), new StringBuilder(), err)).isEqualTo(MergeShards.USAGE);
        assertThat(err.toString()).startsWith("unknown option --frobnicate");

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"format\": \"seedloop-shard-summary/1\", \"scenario\": 3}");
        err.setLength(0);
        assertThat(merge(List.of(broken.toString()), new StringBuilder(), err)).isEqualTo(MergeShards.INCOMPLETE);
        assertThat(err.toString()).contains(broken + " is not a valid shard summary: field 'shardIndex' must be a whole number");

        Files.writeString(broken, "{\"format\": \"something-else\"}");
        err.setLength(0);
        merge(List.of(broken.toString()), new StringBuilder(), err);
        assertThat(err.toString()).contains("format is 'something-else', expected 'seedloop-shard-summary/1'");

        err.setLength(0);
        assertThat(merge(List.of(dir.resolve("nope").toString()), new StringBuilder(), err)).isEqualTo(MergeShards.INCOMPLETE);
        assertThat(err.toString()).contains("is neither a summary file nor a directory");
    }

    @Test
    void summariesOfDifferentSweepsOrDuplicateShardsAreRefused() {
        List<ShardSummary> a = sweepInShards(Seeds.first(20), 2);
        List<ShardSummary> duplicate = List.of(a.get(0), a.get(1), a.get(1));
        assertThatThrownBy(() -> MergedReport.merge(duplicate))
                .hasMessage("SOMETIMES_FAILS: shard 1 of 2 appears twice; keep one summary per shard");
        List<ShardSummary> mixed = new ArrayList<>(a);
        mixed.add(sweepInShards(Seeds.first(30), 3).get(2));
        assertThatThrownBy(() -> MergedReport.merge(mixed)).hasMessageContaining("one summary is of 2 shards, another of 3");
    }

    @Test
    void jsonRoundTripsStringsWithEscapesAndRejectsWhatItDoesNotKnow() {
        String text = Json.write(Map.of("k", "quote \" backslash \\ newline \n tab \t bell \u0007 é"));
        assertThat(Json.parse(text)).isEqualTo(Map.of("k", "quote \" backslash \\ newline \n tab \t bell \u0007 é"));
        assertThat(Json.parse("[1, -2, true, false, null, {}, []]"))
                .isEqualTo(java.util.Arrays.asList(1L, -2L, true, false, null, Map.of(), List.of()));
        assertThatThrownBy(() -> Json.parse("1.5")).hasMessage("invalid JSON at offset 1: only whole numbers are expected");
        assertThatThrownBy(() -> Json.parse("{\"a\": 1, \"a\": 2}")).hasMessageContaining("duplicate key 'a'");
        assertThatThrownBy(() -> Json.parse("[1 2]")).hasMessageContaining("expected ']'");
        assertThatThrownBy(() -> Json.parse("\"open")).hasMessageContaining("a string is not closed");
        assertThatThrownBy(() -> Json.parse("{} x")).hasMessageContaining("unexpected text after the value");
    }
}
