package dev.seedloop.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Context;
import dev.seedloop.engine.api.DeterministicRandom;
import dev.seedloop.engine.api.Node;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a node's storage holds after a crash-restart, seed by seed: exactly the synced state plus a prefix
 * of the unsynced writes in write order, at most one of them torn (a put's value or a log entry cut
 * strictly shorter; a remove or an empty write cannot be torn), no unsynced write left over, and a
 * {@code STORAGE_LOST} record that says how many writes were lost and whether one was torn. It also pins
 * which {@code "faults"} draws decide the outcome (determinism.md: how many survive, whether the next is
 * torn, where) and what {@code Storage.toString()} shows.
 */
class StorageCrashTests {
    private static final Duration MS = Duration.ofMillis(1);
    private static final Pattern LOST = Pattern.compile("storage-lost 0 lost=(\\d+) torn=(true|false) t=.*");

    private enum Kind { PUT, REMOVE, APPEND }

    /** One storage write of the script; {@code text} is the value of a put or the entry of an append. */
    private record Op(Kind kind, String key, String text) {
        void applyTo(Storage storage) {
            switch (kind) {
                case PUT -> storage.put(key, text);
                case REMOVE -> storage.remove(key);
                case APPEND -> storage.append(text);
            }
        }

        void applyTo(Disk disk) {
            switch (kind) {
                case PUT -> disk.map.put(key, text);
                case REMOVE -> disk.map.remove(key);
                case APPEND -> disk.log.add(text);
            }
        }

        /** Whether a crash can tear this write: only a put or an append with something to cut. */
        boolean tearable() {
            return kind != Kind.REMOVE && !text.isEmpty();
        }
    }

    /** Synced before the crash: a=alpha and the entry "one". */
    private static final List<Op> SYNCED = List.of(new Op(Kind.PUT, "a", "alpha"), new Op(Kind.APPEND, null, "one"));

    /**
     * Never synced. Each prefix leaves a different state, and no torn value equals a state some prefix
     * leaves (the last put's "BRAVO" is cut to a prefix of "BRAVO", never "bravo"). A remove, an empty value
     * and an empty entry sit where a crash may try to tear them.
     */
    private static final List<Op> UNSYNCED = List.of(
            new Op(Kind.PUT, "b", "bravo"),
            new Op(Kind.REMOVE, "a", null),
            new Op(Kind.APPEND, null, "two"),
            new Op(Kind.PUT, "c", ""),
            new Op(Kind.APPEND, null, ""),
            new Op(Kind.PUT, "b", "BRAVO"));

    private static final List<String> PROBED_KEYS = List.of("a", "b", "c", "never-written");

    /** A map and a log, as the test expects a disk to be. */
    private record Disk(TreeMap<String, String> map, List<String> log) {
        /** The synced state followed by the first {@code kept} unsynced writes. */
        static Disk afterKeeping(int kept) {
            Disk disk = new Disk(new TreeMap<>(), new ArrayList<>());
            SYNCED.forEach(op -> op.applyTo(disk));
            UNSYNCED.subList(0, kept).forEach(op -> op.applyTo(disk));
            return disk;
        }
    }

    /** What a node saw of its storage: entries, log, unsynced count and a get of each probed key. */
    private record Seen(Map<String, String> entries, List<String> log, int unsynced, Map<String, String> gets) {
        static Seen of(Storage storage) {
            Map<String, String> gets = new TreeMap<>();
            for (String key : PROBED_KEYS) {
                gets.put(key, String.valueOf(storage.get(key))); // "null" for an absent key
            }
            return new Seen(new TreeMap<>(storage.entries()), storage.log(), storage.unsyncedWrites(), gets);
        }
    }

    /** One crash-restart run of a seed: what the node saw before the crash, after it, and the loss record. */
    private record Outcome(Seen beforeCrash, int unsyncedRightAfterSync, Seen afterRestart, int lost, boolean torn) {
        int kept() {
            return UNSYNCED.size() - lost;
        }
    }

    /** Writes the script on its first start; on a restart, remembers what its storage holds. */
    private static final class Writer implements Node<Object> {
        private final List<Seen> restarts;
        private final Seen[] beforeCrash;
        private final int[] unsyncedAfterSync;

        Writer(List<Seen> restarts, Seen[] beforeCrash, int[] unsyncedAfterSync) {
            this.restarts = restarts;
            this.beforeCrash = beforeCrash;
            this.unsyncedAfterSync = unsyncedAfterSync;
        }

        @Override
        public void onStart(Context<Object> ctx) {
            Storage storage = ctx.storage();
            if (beforeCrash[0] != null) {
                restarts.add(Seen.of(storage));
                return;
            }
            SYNCED.forEach(op -> op.applyTo(storage));
            storage.sync();
            unsyncedAfterSync[0] = storage.unsyncedWrites();
            UNSYNCED.forEach(op -> op.applyTo(storage));
            beforeCrash[0] = Seen.of(storage);
        }

        @Override
        public void onMessage(Context<Object> ctx, Address from, Object message) {}
    }

    /** Runs the script, crashes the node, restarts it, and returns what it saw and what the trace recorded. */
    private static Outcome crashRestart(long seed) {
        List<Seen> restarts = new ArrayList<>();
        Seen[] beforeCrash = new Seen[1];
        int[] unsyncedAfterSync = {-1};
        RecordingListener events = new RecordingListener();
        RunResult result = ScenarioRunner.run(world -> {
            Address node = world.start("w", () -> new Writer(restarts, beforeCrash, unsyncedAfterSync));
            world.runFor(MS);
            world.crash(node);
            world.restart(node);
            world.runFor(MS);
        }, seed, RunOptions.DEFAULTS, events);
        assertThat(result.failure()).as("run failure, seed %s", seed).isNull();
        assertThat(restarts).as("restarts, seed %s", seed).hasSize(1);
        List<String> lost = events.linesStartingWith("storage-lost");
        assertThat(lost).as("loss records, seed %s", seed).hasSizeLessThanOrEqualTo(1);
        if (lost.isEmpty()) { // a crash that kept every unsynced write lost nothing to record
            return new Outcome(beforeCrash[0], unsyncedAfterSync[0], restarts.get(0), 0, false);
        }
        Matcher m = LOST.matcher(lost.get(0));
        assertThat(m.matches()).as(lost.get(0)).isTrue();
        return new Outcome(beforeCrash[0], unsyncedAfterSync[0], restarts.get(0),
                Integer.parseInt(m.group(1)), Boolean.parseBoolean(m.group(2)));
    }

    /** What the node must see when it holds {@code expected}: entries, log, nothing unsynced, gets agreeing. */
    private static void assertHolds(Seen seen, Disk expected, String what) {
        assertThat(seen.entries()).as("entries " + what).isEqualTo(expected.map());
        assertThat(seen.log()).as("log " + what).isEqualTo(expected.log());
        for (String key : PROBED_KEYS) {
            assertThat(seen.gets().get(key)).as("get(%s) %s", key, what).isEqualTo(String.valueOf(expected.map().get(key)));
        }
    }

    @Test
    void readsSeeEveryWriteAndTheUnsyncedCountIsTheWritesSinceTheLastSync() {
        Outcome outcome = crashRestart(0);
        assertThat(outcome.unsyncedRightAfterSync()).isZero();
        Seen before = outcome.beforeCrash();
        assertThat(before.unsynced()).as("removes and empty writes count too").isEqualTo(UNSYNCED.size());
        assertHolds(before, Disk.afterKeeping(UNSYNCED.size()), "before the crash");
        assertThat(before.gets()).containsEntry("a", "null").containsEntry("b", "BRAVO").containsEntry("c", "");
    }

    /**
     * For each seed, the restarted node sees the synced state plus the kept prefix that the loss record
     * implies, with the write after it torn exactly when the record says so — and nothing unsynced.
     */
    @Test
    void afterACrashTheStorageHoldsTheSyncedStatePlusThePrefixTheLossRecordDescribes() {
        Set<String> outcomes = new HashSet<>();
        for (long seed = 0; seed < 120; seed++) {
            Outcome outcome = crashRestart(seed);
            String what = "after the restart, seed " + seed + ", kept " + outcome.kept() + ", torn " + outcome.torn();
            Seen after = outcome.afterRestart();
            assertThat(after.unsynced()).as("unsynced " + what).isZero();
            Disk prefix = Disk.afterKeeping(outcome.kept());
            if (!outcome.torn()) {
                assertHolds(after, prefix, what);
                outcomes.add(outcome.kept() == 0 ? "none kept" : outcome.lost() == 0 ? "all kept" : "a prefix kept");
                continue;
            }
            Op tornOp = UNSYNCED.get(outcome.kept());
            assertThat(tornOp.tearable()).as("a remove or an empty write cannot be torn: " + what).isTrue();
            String cut = tornOp.kind() == Kind.PUT ? after.entries().get(tornOp.key()) : after.log().getLast();
            assertThat(cut).as("torn text " + what).isNotNull().hasSizeLessThan(tornOp.text().length());
            assertThat(tornOp.text()).as(what).startsWith(cut);
            // Everything but the torn write is exactly the kept prefix.
            Op asTorn = new Op(tornOp.kind(), tornOp.key(), cut);
            asTorn.applyTo(prefix);
            assertHolds(after, prefix, what);
            outcomes.add("torn " + tornOp.kind());
        }
        assertThat(outcomes).containsExactlyInAnyOrder(
                "none kept", "a prefix kept", "all kept", "torn " + Kind.PUT, "torn " + Kind.APPEND);
    }

    /**
     * The outcome of a crash follows the documented {@code "faults"} draws, which nothing else in this
     * scenario consumes: how many unsynced writes survive (uniform over none to all), then, if some were
     * lost, a coin for whether the next is torn, then, for a torn write, where it is cut.
     */
    @Test
    void aCrashKeepsAndTearsWhatTheFaultsStreamDraws() {
        int tornWrites = 0;
        for (long seed = 0; seed < 60; seed++) {
            DeterministicRandom faults = DeterministicRandom.derive(seed, "faults");
            int kept = faults.nextInt(UNSYNCED.size() + 1);
            Disk expected = Disk.afterKeeping(kept);
            boolean torn = false;
            if (kept < UNSYNCED.size() && faults.nextBoolean()) {
                Op next = UNSYNCED.get(kept);
                if (next.tearable()) {
                    new Op(next.kind(), next.key(), next.text().substring(0, faults.nextInt(next.text().length())))
                            .applyTo(expected);
                    torn = true;
                    tornWrites++;
                }
            }
            Outcome outcome = crashRestart(seed);
            String what = "seed " + seed;
            assertThat(outcome.lost()).as("lost " + what).isEqualTo(UNSYNCED.size() - kept);
            assertThat(outcome.torn()).as("torn " + what).isEqualTo(torn);
            assertHolds(outcome.afterRestart(), expected, what);
        }
        assertThat(tornWrites).as("seeds that tore a write").isPositive();
    }

    @Test
    void storageToStringShowsTheEntriesTheLogAndHowManyWritesAreUnsynced() {
        List<String> renderings = new ArrayList<>();
        RunResult result = ScenarioRunner.run(world -> {
            world.start("w", new Node<Object>() {
                @Override
                public void onStart(Context<Object> ctx) {
                    Storage storage = ctx.storage();
                    storage.put("k", "v");
                    storage.append("entry");
                    renderings.add(storage.toString());
                    storage.sync();
                    renderings.add(storage.toString());
                }

                @Override
                public void onMessage(Context<Object> ctx, Address from, Object message) {}
            });
            world.runFor(MS);
        }, 1, RunOptions.DEFAULTS, null);
        assertThat(result.failure()).isNull();
        assertThat(renderings).hasSize(2).allSatisfy(r -> assertThat(r).contains("k=v", "entry"));
        assertThat(renderings.get(0)).contains("2 unsynced");
        assertThat(renderings.get(1)).as("nothing unsynced after a sync").doesNotContain("unsynced");
    }
}
