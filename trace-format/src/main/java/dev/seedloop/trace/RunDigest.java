package dev.seedloop.trace;

import java.nio.charset.StandardCharsets;

/**
 * A 64-bit fingerprint of a run's canonical event stream.
 *
 * <p>Two runs with the same digest took, with overwhelming likelihood, the same path: the same events
 * of the same kinds at the same virtual times between the same nodes. The engine updates a digest for
 * every event whether or not it writes a trace, so a sweep at trace level {@code OFF} and a recorded
 * re-run can be compared; a trace reader recomputes it from the events in a file.
 *
 * <p>The encoding is part of the trace format (see {@code docs/trace-format.md}): every event is four
 * 64-bit words,
 * <pre>
 *   w0 = kind | (nodeA + 1) &lt;&lt; 16 | (nodeB + 1) &lt;&lt; 40     (node indexes, -1 for "none")
 *   w1 = virtual time in nanoseconds
 *   w2 = id    (message id, timer id, or a kind-specific value)
 *   w3 = value (latency, fire time, drop reason, or a kind-specific value)
 * </pre>
 * and each word is folded in as {@code h = (h ^ w) * K; h ^= h >>> 29} with
 * {@code K = 0x9E3779B97F4A7C15}. The result is the SplitMix64 finalizer applied to
 * {@code h ^ eventCount}. Strings enter as their {@link #hashText 64-bit FNV-1a over UTF-8}.
 *
 * <p>Payload renderings, node state snapshots, wall-clock provenance and host names never enter the
 * digest. Instances are not thread-safe; a reader owns one per trace. The engine keeps the state in
 * its own fields instead and folds events with {@link #foldEvent}, the same algorithm without an object.
 */
public final class RunDigest {
    /**
     * The state of a digest of no events: where {@link #foldEvent} starts. Equal to the state of a new
     * instance.
     */
    public static final long INITIAL_STATE = 0x5EED_100F_0000_0001L;
    private static final long K = 0x9E37_79B9_7F4A_7C15L;
    private static final long FNV_OFFSET = 0xCBF2_9CE4_8422_2325L;
    private static final long FNV_PRIME = 0x0000_0100_0000_01B3L;
    /** The largest node index an event can carry: the digest gives each index 24 bits, after adding one. */
    public static final int MAX_NODE_INDEX = (1 << 24) - 2;

    private long state = INITIAL_STATE;
    private long events;

    /** Creates a digest of an empty event stream. */
    public RunDigest() {}

    /**
     * Folds one canonical event into the digest.
     *
     * @param kind an {@link EventKindCode} kind
     * @param timeNanos the event's virtual time
     * @param nodeA the first node index involved (sender, or the acting node), or -1
     * @param nodeB the second node index involved (receiver), or -1
     * @param id the event's identifier word (message id, timer id, ...)
     * @param value the event's value word (latency, fire time, reason, ...)
     */
    public void event(int kind, long timeNanos, int nodeA, int nodeB, long id, long value) {
        // One test for all three ranges on the hot path: kind in 1..0xFFFF has no bit above 15, and a node
        // index in -1..2^24-2 plus one has none above 23 (a negative one has them all).
        if ((kind >>> 16 | (nodeA + 1) >>> 24 | (nodeB + 1) >>> 24) != 0 || kind == 0) {
            throw outOfRange(kind, nodeA, nodeB);
        }
        state = foldEvent(state, kind, timeNanos, nodeA, nodeB, id, value);
        events++;
    }

    /**
     * The digest state after one more event: the fold of {@link #event}, as a pure function of the state
     * before it, for callers that keep the state and the event count in their own fields (the engine does,
     * so its hot path reaches no other object). Unlike {@link #event} it does not check its arguments: the
     * caller guarantees {@code kind} in 1..65535 and both node indexes in -1..{@link #MAX_NODE_INDEX}, or
     * the result is not the digest of any event. {@link #finish} turns a state and its count into a digest.
     */
    public static long foldEvent(long state, int kind, long timeNanos, int nodeA, int nodeB, long id, long value) {
        long header = kind | ((long) (nodeA + 1) << 16) | ((long) (nodeB + 1) << 40);
        long h = fold(state, header);
        h = fold(h, timeNanos);
        h = fold(h, id);
        return fold(h, value);
    }

    private static IllegalArgumentException outOfRange(int kind, int nodeA, int nodeB) {
        if (kind <= 0 || kind > 0xFFFF) {
            return new IllegalArgumentException("event kind " + kind + " is outside 1..65535");
        }
        return new IllegalArgumentException("node index outside -1.." + MAX_NODE_INDEX + ": " + nodeA + ", " + nodeB);
    }

    /** The number of events folded in so far. */
    public long eventCount() {
        return events;
    }

    /** The digest of every event folded in so far. Calling it does not change the digest. */
    public long value() {
        return finish(state, events);
    }

    /** The digest of {@code eventCount} events folded into {@code state} by {@link #foldEvent}. */
    public static long finish(long state, long eventCount) {
        return splitMixFinalizer(state ^ eventCount);
    }

    /** The 64-bit FNV-1a hash of a string's UTF-8 bytes: how text enters the digest. */
    public static long hashText(String text) {
        long h = FNV_OFFSET;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xFF);
            h *= FNV_PRIME;
        }
        return h;
    }

    /**
     * The 64-bit FNV-1a hash of a partition's groups, as it enters the digest of a
     * {@link EventKindCode#NETWORK_CHANGED} event: each member index as four little-endian bytes, and
     * after each group the four bytes {@code FF FF FF FF}.
     */
    public static long hashGroups(int[][] groups) {
        long h = FNV_OFFSET;
        for (int[] group : groups) {
            for (int member : group) {
                h = fnvInt(h, member);
            }
            h = fnvInt(h, -1);
        }
        return h;
    }

    /** Formats a digest the way every seedloop tool prints it: 16 lower-case hex digits. */
    public static String format(long digest) {
        return String.format("%016x", digest);
    }

    private static long fnvInt(long h, int v) {
        for (int shift = 0; shift < 32; shift += 8) {
            h ^= (v >>> shift) & 0xFF;
            h *= FNV_PRIME;
        }
        return h;
    }

    private static long fold(long h, long word) {
        h = (h ^ word) * K;
        return h ^ (h >>> 29);
    }

    private static long splitMixFinalizer(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
