package dev.seedloop.engine.internal;

import dev.seedloop.engine.api.Check;
import dev.seedloop.engine.api.DeterministicRandom;
import dev.seedloop.engine.api.Storage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A node's simulated disk: the visible state (every write) and the durable state (synced writes), plus
 * the unsynced writes in order, so that a crash can keep exactly a seed-chosen prefix of them.
 */
final class SimStorage implements Storage {
    /** What a crash did to the unsynced writes. */
    record CrashLoss(int unsynced, int kept, boolean torn) {
        /** A crash with no unsynced writes. */
        static final CrashLoss NONE = new CrashLoss(0, 0, false);

        int lost() {
            return unsynced - kept;
        }
    }

    private sealed interface Write {}

    private record Put(String key, String value) implements Write {}

    private record Remove(String key) implements Write {}

    private record Append(String entry) implements Write {}

    private final SimulationRun run;
    private final int node;
    private final TreeMap<String, String> durableMap = new TreeMap<>();
    private final List<String> durableLog = new ArrayList<>();
    private final TreeMap<String, String> visibleMap = new TreeMap<>();
    private final List<String> visibleLog = new ArrayList<>();
    private final List<Write> unsynced = new ArrayList<>();

    SimStorage(SimulationRun run, int node) {
        this.run = run;
        this.node = node;
    }

    @Override
    public void put(String key, String value) {
        Check.notNull(key, "key");
        Check.notNull(value, "value");
        visibleMap.put(key, value);
        unsynced.add(new Put(key, value));
    }

    @Override
    public String get(String key) {
        return visibleMap.get(Check.notNull(key, "key"));
    }

    @Override
    public void remove(String key) {
        Check.notNull(key, "key");
        visibleMap.remove(key);
        unsynced.add(new Remove(key));
    }

    @Override
    public SortedMap<String, String> entries() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(visibleMap));
    }

    @Override
    public void append(String entry) {
        Check.notNull(entry, "entry");
        visibleLog.add(entry);
        unsynced.add(new Append(entry));
    }

    @Override
    public List<String> log() {
        return List.copyOf(visibleLog);
    }

    @Override
    public void sync() {
        int count = unsynced.size();
        for (Write write : unsynced) {
            apply(write, durableMap, durableLog);
        }
        unsynced.clear();
        run.storageSynced(node, count);
    }

    @Override
    public int unsyncedWrites() {
        return unsynced.size();
    }

    /**
     * Applies a crash: keeps a seed-chosen prefix of the unsynced writes (uniform over 0..all), and with
     * probability 1/2 tears the next one (a value or entry cut to a seed-chosen shorter length). Draws
     * from {@code faults} only when there are unsynced writes.
     */
    CrashLoss crash(DeterministicRandom faults) {
        int pending = unsynced.size();
        int kept = 0;
        boolean torn = false;
        if (pending > 0) {
            kept = faults.nextInt(pending + 1);
            for (int i = 0; i < kept; i++) {
                apply(unsynced.get(i), durableMap, durableLog);
            }
            if (kept < pending && faults.nextBoolean()) {
                torn = tear(unsynced.get(kept), faults);
            }
        }
        unsynced.clear();
        visibleMap.clear();
        visibleMap.putAll(durableMap);
        visibleLog.clear();
        visibleLog.addAll(durableLog);
        return new CrashLoss(pending, kept, torn);
    }

    private boolean tear(Write write, DeterministicRandom faults) {
        switch (write) {
            case Put put when !put.value().isEmpty() -> {
                durableMap.put(put.key(), put.value().substring(0, faults.nextInt(put.value().length())));
                return true;
            }
            case Append append when !append.entry().isEmpty() -> {
                durableLog.add(append.entry().substring(0, faults.nextInt(append.entry().length())));
                return true;
            }
            default -> {
                return false; // a remove or an empty write cannot be torn
            }
        }
    }

    private static void apply(Write write, TreeMap<String, String> map, List<String> log) {
        switch (write) {
            case Put put -> map.put(put.key(), put.value());
            case Remove remove -> map.remove(remove.key());
            case Append append -> log.add(append.entry());
        }
    }

    @Override
    public String toString() {
        return "storage" + visibleMap + " log" + visibleLog + (unsynced.isEmpty() ? "" : " (" + unsynced.size() + " unsynced)");
    }
}
