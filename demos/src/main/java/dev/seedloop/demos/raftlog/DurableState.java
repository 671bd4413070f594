package dev.seedloop.demos.raftlog;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The part of a Raft server's state that must survive a crash: current term, vote, and log, kept in the
 * node's {@link Storage} (keys {@code term}, {@code votedFor}, {@code log/000001}, ...) and mirrored in
 * memory. Every change is only written; {@link #sync()} makes it durable, and the server syncs before
 * it answers anyone, so nothing it promised can be lost in a crash.
 */
final class DurableState {
    private static final String TERM = "term";
    private static final String VOTED_FOR = "votedFor";
    private static final String LOG_PREFIX = "log/";

    private final Storage storage;
    private final List<LogEntry> log = new ArrayList<>();
    private int term;
    private Address votedFor;

    private DurableState(Storage storage) {
        this.storage = storage;
    }

    /** Loads what the storage holds (everything is empty on a first start). */
    static DurableState load(Storage storage, List<Address> cluster) {
        DurableState state = new DurableState(storage);
        String term = storage.get(TERM);
        state.term = term == null ? 0 : Integer.parseInt(term);
        String voted = storage.get(VOTED_FOR);
        state.votedFor = cluster.stream().filter(a -> a.name().equals(voted)).findFirst().orElse(null);
        for (Map.Entry<String, String> kv : storage.entries().entrySet()) {
            if (kv.getKey().startsWith(LOG_PREFIX)) {
                String value = kv.getValue();
                int bar = value.indexOf('|');
                state.log.add(new LogEntry(Integer.parseInt(value.substring(0, bar)), value.substring(bar + 1)));
            }
        }
        return state;
    }

    int term() {
        return term;
    }

    Address votedFor() {
        return votedFor;
    }

    /** Moves to {@code newTerm} with no vote cast in it yet. */
    void enterTerm(int newTerm) {
        term = newTerm;
        votedFor = null;
        storage.put(TERM, Integer.toString(term));
        storage.put(VOTED_FOR, "");
    }

    /** Records the vote of the current term. */
    void voteFor(Address candidate) {
        votedFor = candidate;
        storage.put(VOTED_FOR, candidate.name());
    }

    /** The index of the last entry (0 when the log is empty). */
    int lastIndex() {
        return log.size();
    }

    /** The term of the entry at {@code index} (1-based), 0 for index 0. */
    int termAt(int index) {
        return index == 0 ? 0 : log.get(index - 1).term();
    }

    /** The entry at {@code index} (1-based). */
    LogEntry entryAt(int index) {
        return log.get(index - 1);
    }

    /** The entries from {@code from} (1-based), at most {@code max} of them. */
    List<LogEntry> entriesFrom(int from, int max) {
        return List.copyOf(log.subList(from - 1, Math.min(log.size(), from - 1 + max)));
    }

    /** Appends {@code entry} at {@link #lastIndex()} + 1. */
    void append(LogEntry entry) {
        log.add(entry);
        storage.put(key(log.size()), entry.term() + "|" + entry.command());
    }

    /** Deletes the entry at {@code index} and every entry after it. */
    void truncateFrom(int index) {
        while (log.size() >= index) {
            storage.remove(key(log.size()));
            log.remove(log.size() - 1);
        }
    }

    /** A read-only view of the log. */
    List<LogEntry> log() {
        return java.util.Collections.unmodifiableList(log);
    }

    /** Makes every change so far durable. */
    void sync() {
        storage.sync();
    }

    private static String key(int index) {
        return String.format("%s%06d", LOG_PREFIX, index);
    }
}
