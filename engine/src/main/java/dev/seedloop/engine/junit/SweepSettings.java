package dev.seedloop.engine.junit;

import dev.seedloop.engine.api.Ratio;
import dev.seedloop.engine.api.Seeds;
import dev.seedloop.engine.shard.Shard;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * What one {@link SimulationTest} runs, resolved from its annotations and the configuration parameters
 * (JUnit configuration parameters, which fall back to system properties): the seeds, how they were
 * chosen, threads, shard and run-twice sampling. Every value is validated here, with an error naming the
 * test, the attribute or property, the bad value and what to write instead.
 *
 * @param seeds the seeds to run, in order (already cut to the shard if there is one)
 * @param allSeeds the whole seed set before sharding
 * @param origin how the seeds were chosen, for messages ("@Replay(seed = 13)", "-Dseedloop.seeds=...")
 * @param threads how many seeds run at once
 * @param shard the shard run, or null for the whole seed set
 * @param shardDirectory where the shard summary goes
 * @param runTwice the fraction of seeds run twice
 * @param wholeOrigin how the whole seed set was chosen, without the shard
 * @param seedPinned whether one seed or a list of pinned seeds was asked for (no sweep)
 * @param auditComplete whether the test fails when the bytecode audit leaves code under test unread
 *     ({@link SimulationTest#auditComplete()}, or {@code -Dseedloop.auditComplete} for every test)
 */
record SweepSettings(Seeds seeds, Seeds allSeeds, String origin, int threads, Shard shard, Path shardDirectory, Ratio runTwice,
        String wholeOrigin, boolean seedPinned, boolean auditComplete) {

    static final String SEEDS = "seedloop.seeds";
    static final String FIRST_SEED = "seedloop.firstSeed";
    static final String SEED = "seedloop.seed";
    static final String THREADS = "seedloop.threads";
    static final String SHARD = "seedloop.shard";
    static final String SHARD_DIR = "seedloop.shardDir";
    static final String AUDIT_COMPLETE = "seedloop.auditComplete";
    static final Path DEFAULT_SHARD_DIRECTORY = Path.of("target", "seedloop-shards");

    /** Resolves the settings of {@code method}; {@code config} looks up a configuration parameter. */
    static SweepSettings resolve(Method method, Function<String, Optional<String>> config) {
        String where = "@SimulationTest on " + method.getDeclaringClass().getSimpleName() + "#" + method.getName();
        SimulationTest test = method.getAnnotation(SimulationTest.class);
        Replay replay = method.getAnnotation(Replay.class);

        if (test.seeds() < 1) {
            throw invalid(where, "seeds = " + test.seeds() + " sweeps nothing; give at least 1 seed");
        }
        if (test.threads() < 0) {
            throw invalid(where, "threads = " + test.threads() + " is negative; use 0 for one per core, or a count");
        }
        if (test.runTwicePercent() < 0 || test.runTwicePercent() > 100) {
            throw invalid(where, "runTwicePercent = " + test.runTwicePercent() + " is not a percentage; use 0 to 100");
        }
        if (replay != null && replay.seed().length == 0) {
            throw invalid(where, "@Replay(seed = {}) pins no seed; name at least one, for example @Replay(seed = 13)");
        }
        if (test.firstSeed() > Long.MAX_VALUE - test.seeds()) {
            throw invalid(where, "firstSeed = " + test.firstSeed() + " plus seeds = " + test.seeds()
                    + " runs past the largest seed");
        }

        Optional<Long> seedOverride = longProperty(config, SEED, where, Long.MIN_VALUE);
        Optional<Long> countOverride = longProperty(config, SEEDS, where, 1);
        Optional<Long> firstOverride = longProperty(config, FIRST_SEED, where, Long.MIN_VALUE);
        Optional<Long> threadOverride = longProperty(config, THREADS, where, 1);

        Seeds seeds;
        String origin;
        boolean pinned;
        if (seedOverride.isPresent()) {
            seeds = Seeds.of(seedOverride.get());
            origin = "-D" + SEED + "=" + seedOverride.get();
            pinned = true;
        } else if (replay != null) {
            seeds = Seeds.of(replay.seed());
            origin = "@Replay(seed = " + seedList(replay.seed()) + ")";
            pinned = true;
        } else {
            long count = countOverride.orElse(test.seeds());
            long first = firstOverride.orElse(test.firstSeed());
            if (first > Long.MAX_VALUE - count) {
                throw invalid(where, "first seed " + first + " plus " + count + " seeds runs past the largest seed");
            }
            seeds = Seeds.range(first, first + count);
            origin = (countOverride.isPresent() ? "-D" + SEEDS + "=" + count : "seeds = " + count)
                    + (first == 0 ? "" : ", first seed " + first);
            pinned = false;
        }

        Seeds allSeeds = seeds;
        String wholeOrigin = origin;
        Shard shard = null;
        Optional<String> shardText = config.apply(SHARD).map(String::trim).filter(s -> !s.isEmpty());
        if (shardText.isPresent()) {
            try {
                shard = Shard.parse(shardText.get());
                seeds = shard.of(seeds);
            } catch (IllegalArgumentException e) {
                throw invalid(where, "-D" + SHARD + "=" + shardText.get() + ": " + e.getMessage());
            }
            origin = origin + ", " + shard;
        }
        Path shardDirectory = config.apply(SHARD_DIR).map(String::trim).filter(s -> !s.isEmpty())
                .map(Path::of).orElse(DEFAULT_SHARD_DIRECTORY);

        int threads = threadOverride.map(Math::toIntExact)
                .orElse(test.threads() == 0 ? Runtime.getRuntime().availableProcessors() : test.threads());
        Ratio runTwice = Ratio.percent(test.runTwicePercent());
        boolean auditComplete = booleanProperty(config, AUDIT_COMPLETE, where).orElse(test.auditComplete());
        return new SweepSettings(seeds, allSeeds, origin, threads, shard, shardDirectory, runTwice, wholeOrigin, pinned,
                auditComplete);
    }

    private static Optional<Boolean> booleanProperty(Function<String, Optional<String>> config, String name, String where) {
        Optional<String> text = config.apply(name).map(String::trim).filter(s -> !s.isEmpty());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return switch (text.get()) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw invalid(where, "-D" + name + "=" + text.get() + " is neither true nor false; write -D"
                    + name + "=true to fail every simulation test whose audit leaves code under test unread");
        };
    }

    private static Optional<Long> longProperty(
            Function<String, Optional<String>> config, String name, String where, long min) {
        Optional<String> text = config.apply(name).map(String::trim).filter(s -> !s.isEmpty());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        long value;
        try {
            value = Long.parseLong(text.get().replace("_", ""));
        } catch (NumberFormatException e) {
            throw invalid(where, "-D" + name + "=" + text.get() + " is not a whole number"
                    + (min == 1 ? "; give a positive count, for example -D" + name + "=100000" : ""));
        }
        if (value < min) {
            throw invalid(where, "-D" + name + "=" + value + " must be at least " + min);
        }
        if (name.equals(THREADS) && value > Integer.MAX_VALUE) {
            throw invalid(where, "-D" + name + "=" + value + " is too many threads");
        }
        return Optional.of(value);
    }

    static String seedList(long[] seeds) {
        if (seeds.length == 1) {
            return Long.toString(seeds[0]);
        }
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < seeds.length; i++) {
            out.append(i == 0 ? "" : ", ").append(seeds[i]);
        }
        return out.append('}').toString();
    }

    private static IllegalArgumentException invalid(String where, String what) {
        return new IllegalArgumentException(where + ": " + what);
    }
}
