package dev.seedloop.engine.api;

import java.util.List;
import java.util.SortedMap;

/**
 * A node's durable storage: a key-value map and an append-only log, which survive a crash-restart —
 * but only what was {@link #sync() synced}.
 *
 * <p>Reads see every write, synced or not. On a crash, unsynced writes are lost as the seed decides:
 * all of them, a prefix of them in write order, or a prefix followed by one torn write (a value or log
 * entry cut short). The trace records what was lost. Syncing is what makes a write safe; a node that
 * acknowledges a write before syncing it has a bug that crash-restart faults will find.
 */
public interface Storage {
    /** Sets {@code key} to {@code value}. Not durable until {@link #sync()}. */
    void put(String key, String value);

    /** The value of {@code key}, or null. */
    String get(String key);

    /** Removes {@code key}. Not durable until {@link #sync()}. */
    void remove(String key);

    /** Every key and value, sorted by key. */
    SortedMap<String, String> entries();

    /** Appends {@code entry} to the log. Not durable until {@link #sync()}. */
    void append(String entry);

    /** The log, oldest entry first. */
    List<String> log();

    /** Makes every write so far durable. */
    void sync();

    /** How many writes are not yet durable. */
    int unsyncedWrites();
}
