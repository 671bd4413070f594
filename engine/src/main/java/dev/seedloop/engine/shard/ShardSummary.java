package dev.seedloop.engine.shard;

import dev.seedloop.engine.api.CheckResult;
import dev.seedloop.engine.api.Check;
import dev.seedloop.engine.api.InvariantViolation;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Seeds;
import dev.seedloop.engine.api.SimulationFailure;
import dev.seedloop.trace.RunDigest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one shard of a sharded sweep found, as written to its JSON summary file and read back by
 * {@link MergeShards}. Positions are positions in the whole seed set, so summaries of different shards
 * can be put in one order.
 *
 * @param scenario the scenario's name (a {@code @SimulationTest}'s {@code Class#method})
 * @param seedSet the whole seed set being sharded, in words; equal in every shard of one sweep
 * @param shard which shard this is
 * @param fromPosition the shard's first position in the whole seed set
 * @param size how many seeds the shard holds
 * @param seedsChecked how many of them were run (all of them unless one failed)
 * @param sweepDigest the digest of the per-seed digests of the seeds checked, as 16 hex digits
 * @param failure the shard's first failure, or null if every seed passed
 */
public record ShardSummary(String scenario, String seedSet, Shard shard, long fromPosition, long size,
        long seedsChecked, String sweepDigest, FailureSummary failure) {

    /** The format name written into every summary; a reader refuses other formats. */
    public static final String FORMAT = "seedloop-shard-summary/1";

    /**
     * A shard's first failure.
     *
     * @param seed the failing seed
     * @param position its position in the whole seed set
     * @param kind the failure kind ("invariant", "node-threw", ...)
     * @param invariant the violated invariant's name, or empty
     * @param message the failure's full message (seed, step, time, detail)
     * @param step the step it was found at
     * @param timeNanos the virtual time it was found at
     * @param trace the FULL trace file the shard wrote, or empty
     */
    public record FailureSummary(long seed, long position, String kind, String invariant, String message, long step,
            long timeNanos, String trace) {}

    /** Validates the summary. */
    public ShardSummary {
        Check.notNull(scenario, "scenario");
        Check.notNull(seedSet, "seedSet");
        Check.notNull(shard, "shard");
        Check.argument(size > 0, "a shard holds at least one seed, got %s", size);
        Check.argument(seedsChecked >= 0 && seedsChecked <= size, "seedsChecked %s is outside 0..%s", seedsChecked, size);
    }

    /** Whether every seed of the shard ran and passed. */
    public boolean passed() {
        return failure == null;
    }

    /**
     * The summary of {@code result}, the sweep of {@code shard} of {@code allSeeds}; {@code seedSet}
     * describes the whole set as every shard describes it.
     */
    public static ShardSummary of(CheckResult result, Seeds allSeeds, Shard shard, String seedSet) {
        long from = shard.fromPosition(allSeeds.size());
        long size = shard.toPosition(allSeeds.size()) - from;
        FailureSummary failure = result.firstFailure().map(first -> failure(result, first, from)).orElse(null);
        return new ShardSummary(result.scenarioName(), seedSet, shard, from, size, result.seedsChecked(),
                RunDigest.format(result.sweepDigest()), failure);
    }

    private static FailureSummary failure(CheckResult result, RunResult first, long from) {
        SimulationFailure f = first.failure();
        String invariant = f instanceof InvariantViolation v ? v.invariant() : "";
        // A sharded sweep stops at its first failure, so that failure is the last seed it covered.
        long position = from + result.seedsChecked() - 1;
        String trace = result.failureTraceIfAny().map(p -> p.toAbsolutePath().toString()).orElse("");
        return new FailureSummary(first.seed(), position, f.kind(), invariant, f.getMessage(), f.step(), f.timeNanos(),
                trace);
    }

    /** The file name of this summary: the scenario made file-safe, and the shard. */
    public String fileName() {
        String safe = scenario.replaceAll("[^A-Za-z0-9._-]+", "_");
        if (safe.length() > 80) {
            safe = safe.substring(0, 80);
        }
        return safe + "-shard-" + shard.index() + "-of-" + shard.count() + ".json";
    }

    /** Writes this summary into {@code directory} (created if missing) and returns the file. */
    public Path writeInto(Path directory) {
        Path file = directory.resolve(fileName());
        try {
            Files.createDirectories(directory);
            Files.writeString(file, toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the shard summary " + file.toAbsolutePath()
                    + "; check that the directory (-Dseedloop.shardDir) is writable", e);
        }
        return file;
    }

    /** This summary as JSON. */
    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("scenario", scenario);
        json.put("seedSet", seedSet);
        json.put("shardIndex", (long) shard.index());
        json.put("shardCount", (long) shard.count());
        json.put("fromPosition", fromPosition);
        json.put("size", size);
        json.put("seedsChecked", seedsChecked);
        json.put("status", passed() ? "passed" : "failed");
        json.put("sweepDigest", sweepDigest);
        if (failure != null) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("seed", failure.seed());
            f.put("position", failure.position());
            f.put("kind", failure.kind());
            f.put("invariant", failure.invariant());
            f.put("message", failure.message());
            f.put("step", failure.step());
            f.put("timeNanos", failure.timeNanos());
            f.put("trace", failure.trace());
            json.put("failure", f);
        } else {
            json.put("failure", null);
        }
        return Json.write(json);
    }

    /**
     * Reads a summary written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException naming the source and what is wrong with it
     */
    public static ShardSummary parse(String json, String source) {
        try {
            if (!(Json.parse(json) instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("a summary is a JSON object");
            }
            Object format = map.get("format");
            if (!FORMAT.equals(format)) {
                throw new IllegalArgumentException("format is '" + format + "', expected '" + FORMAT + "'");
            }
            FailureSummary failure = null;
            if (map.get("failure") instanceof Map<?, ?> f) {
                failure = new FailureSummary(number(f, "seed"), number(f, "position"), text(f, "kind"),
                        text(f, "invariant"), text(f, "message"), number(f, "step"), number(f, "timeNanos"),
                        text(f, "trace"));
            }
            boolean failedStatus = "failed".equals(map.get("status"));
            if (failedStatus != (failure != null)) {
                throw new IllegalArgumentException("status '" + map.get("status") + "' disagrees with the failure field");
            }
            Shard shard = new Shard(Math.toIntExact(number(map, "shardIndex")), Math.toIntExact(number(map, "shardCount")));
            return new ShardSummary(text(map, "scenario"), text(map, "seedSet"), shard, number(map, "fromPosition"),
                    number(map, "size"), number(map, "seedsChecked"), text(map, "sweepDigest"), failure);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException(source + " is not a valid shard summary: " + e.getMessage(), e);
        }
    }

    private static long number(Map<?, ?> map, String key) {
        if (map.get(key) instanceof Long value) {
            return value;
        }
        throw new IllegalArgumentException("field '" + key + "' must be a whole number");
    }

    private static String text(Map<?, ?> map, String key) {
        if (map.get(key) instanceof String value) {
            return value;
        }
        throw new IllegalArgumentException("field '" + key + "' must be a string");
    }
}
