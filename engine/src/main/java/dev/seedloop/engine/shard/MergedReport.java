package dev.seedloop.engine.shard;

import dev.seedloop.engine.api.Check;
import dev.seedloop.engine.shard.ShardSummary.FailureSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shard summaries of one or more sharded sweeps merged into one report per scenario: the overall first
 * failure (the failure at the lowest position across shards, the one an unsharded sweep reports), the
 * seeds checked, and each shard's status, including shards that are missing.
 *
 * @param scenarios one merged sweep per scenario, in order of name
 */
public record MergedReport(List<ScenarioReport> scenarios) {
    /** Copies the list. */
    public MergedReport {
        scenarios = List.copyOf(scenarios);
    }

    /**
     * One scenario's sharded sweep, merged.
     *
     * @param scenario the scenario's name
     * @param seedSet the whole seed set, in words
     * @param shardCount how many shards the sweep was split into
     * @param shards the summaries present, by shard index
     * @param missing the shard indexes with no summary
     * @param firstFailure the failure at the lowest position among the shards present, or null
     */
    public record ScenarioReport(String scenario, String seedSet, int shardCount, List<ShardSummary> shards,
            List<Integer> missing, FailureSummary firstFailure) {
        /** Copies the lists. */
        public ScenarioReport {
            shards = List.copyOf(shards);
            missing = List.copyOf(missing);
        }

        /** Seeds run, over all shards present. */
        public long seedsChecked() {
            return shards.stream().mapToLong(ShardSummary::seedsChecked).sum();
        }

        /** Whether the first failure is certainly the overall first: no shard before it is missing. */
        public boolean firstFailureIsFinal() {
            if (firstFailure == null) {
                return false;
            }
            int failingShard = shards.stream().filter(s -> s.failure() == firstFailure).findFirst()
                    .map(s -> s.shard().index()).orElseThrow();
            return missing.stream().allMatch(index -> index > failingShard);
        }

        /** Every shard is present and every seed passed. */
        public boolean passed() {
            return missing.isEmpty() && firstFailure == null;
        }
    }

    /**
     * Merges {@code summaries} (in any order, of any number of scenarios).
     *
     * @throws IllegalArgumentException if two summaries of one scenario disagree on the seed set or shard
     *     count, or the same shard appears twice
     */
    public static MergedReport merge(List<ShardSummary> summaries) {
        Check.notNull(summaries, "summaries");
        Map<String, List<ShardSummary>> byScenario = new TreeMap<>();
        for (ShardSummary summary : summaries) {
            byScenario.computeIfAbsent(summary.scenario(), k -> new ArrayList<>()).add(summary);
        }
        List<ScenarioReport> reports = new ArrayList<>();
        for (Map.Entry<String, List<ShardSummary>> entry : byScenario.entrySet()) {
            reports.add(mergeOne(entry.getKey(), entry.getValue()));
        }
        return new MergedReport(reports);
    }

    private static ScenarioReport mergeOne(String scenario, List<ShardSummary> summaries) {
        ShardSummary reference = summaries.get(0);
        Map<Integer, ShardSummary> byIndex = new LinkedHashMap<>();
        for (ShardSummary s : summaries) {
            Check.argument(s.shard().count() == reference.shard().count(),
                    "%s: one summary is of %s shards, another of %s; merge the summaries of one sharded sweep",
                    scenario, reference.shard().count(), s.shard().count());
            Check.argument(s.seedSet().equals(reference.seedSet()),
                    "%s: one summary sweeps %s, another %s; merge the summaries of one sharded sweep",
                    scenario, reference.seedSet(), s.seedSet());
            Check.argument(byIndex.put(s.shard().index(), s) == null,
                    "%s: %s appears twice; keep one summary per shard", scenario, s.shard());
        }
        List<ShardSummary> ordered = new ArrayList<>(byIndex.values());
        ordered.sort(Comparator.comparingInt(s -> s.shard().index()));
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < reference.shard().count(); i++) {
            if (!byIndex.containsKey(i)) {
                missing.add(i);
            }
        }
        FailureSummary first = ordered.stream().map(ShardSummary::failure).filter(f -> f != null)
                .min(Comparator.comparingLong(FailureSummary::position)).orElse(null);
        return new ScenarioReport(scenario, reference.seedSet(), reference.shard().count(), ordered, missing, first);
    }

    /** Whether every scenario passed with every shard present. */
    public boolean passed() {
        return scenarios.stream().allMatch(ScenarioReport::passed);
    }

    /** Whether any shard found a failure. */
    public boolean failed() {
        return scenarios.stream().anyMatch(s -> s.firstFailure() != null);
    }
}
