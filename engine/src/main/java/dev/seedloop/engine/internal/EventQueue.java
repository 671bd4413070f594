package dev.seedloop.engine.internal;

import dev.seedloop.engine.api.DeterministicRandom;
import dev.seedloop.engine.api.EngineError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The run's pending events, totally ordered by (virtual time, sequence).
 *
 * <p>The sequence is a per-run counter assigned at scheduling, so events due at the same instant fire in
 * the order they were scheduled, and the order never depends on anything but the run itself. Under the
 * random-ties schedule a seeded key comes between time and sequence: (time, key, sequence).
 *
 * <p>Events live in slots: parallel primitive arrays reused through a free list, so a run in steady state
 * allocates nothing per event. The heap holds slot numbers and each slot knows its heap position, which
 * makes cancelling a timer a true O(log n) removal instead of a tombstone that costs a pop later.
 *
 * <p>A slot's fields mean: {@code kind} one of the {@code KIND_*} constants; {@code node} the node the
 * event is for (-1 for run-wide actions); {@code other} the sender of a message or the incarnation a
 * timer belongs to; {@code id} the message id or timer id; {@code payload} the message, the timer's tag
 * or the action. A slot's {@code generation} changes each time it is released, so a handle (slot,
 * generation) can never reach a later event that reuses the slot; a slot deferred with
 * {@link #reinsert} keeps its generation, so handles to it stay valid.
 */
final class EventQueue {
    static final byte KIND_START = 1;
    static final byte KIND_DELIVERY = 2;
    static final byte KIND_TIMER = 3;
    /** A delivery that already passed the reachability check and waited out a pause. */
    static final byte KIND_DELIVERY_ADMITTED = 4;
    /** A scheduled action of the run itself (a fault beginning or ending); payload is a {@code Runnable}. */
    static final byte KIND_ACTION = 5;

    private static final int INITIAL_CAPACITY = 16;

    private long[] time = new long[INITIAL_CAPACITY];
    private long[] seq = new long[INITIAL_CAPACITY];
    private long[] tiebreak = new long[INITIAL_CAPACITY];
    private byte[] kind = new byte[INITIAL_CAPACITY];
    private int[] node = new int[INITIAL_CAPACITY];
    private int[] other = new int[INITIAL_CAPACITY];
    private long[] id = new long[INITIAL_CAPACITY];
    private Object[] payload = new Object[INITIAL_CAPACITY];
    private int[] heapPos = new int[INITIAL_CAPACITY];
    private int[] generation = new int[INITIAL_CAPACITY];

    private int[] heap = new int[INITIAL_CAPACITY];
    private long[] heapTime = new long[INITIAL_CAPACITY];
    private long[] heapTie = new long[INITIAL_CAPACITY];
    private long[] heapSeq = new long[INITIAL_CAPACITY];
    private int size;

    private int[] free = new int[INITIAL_CAPACITY];
    private int freeCount;
    private int slotsUsed;

    private long nextSeq;
    private final DeterministicRandom tiebreaks;
    private final boolean fifo; // no tiebreak keys: every key is 0, so comparisons skip them

    /** A queue that breaks ties between equal times by scheduling order. */
    EventQueue() {
        this(null);
    }

    /**
     * A queue that breaks ties between equal times by a key drawn from {@code tiebreaks} when each event
     * is scheduled, or by scheduling order if it is null.
     */
    EventQueue(DeterministicRandom tiebreaks) {
        this.tiebreaks = tiebreaks;
        this.fifo = tiebreaks == null;
    }

    /** The number of pending events. */
    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The time of the earliest pending event; only valid when not empty. */
    long peekTime() {
        return heapTime[0];
    }

    /**
     * Puts a popped, unreleased slot back with a new time and kind and a fresh sequence number: it is
     * ordered after everything already scheduled for that time, and handles to it stay valid.
     */
    void reinsert(int slot, long at, byte newKind) {
        if (heapPos[slot] >= 0) {
            throw new EngineError("reinsert of slot " + slot + ", which is still pending");
        }
        time[slot] = at;
        seq[slot] = nextSeq++;
        tiebreak[slot] = tiebreaks == null ? 0 : tiebreaks.nextLong();
        kind[slot] = newKind;
        push(slot);
    }

    /**
     * Gives the pending event in {@code slot} a new time, id and payload and a fresh sequence number (and
     * tie-break key), as if it had been removed and a new event scheduled: the order of events is the
     * same, but it costs one sift instead of two and keeps the slot. The slot's generation changes, so
     * handles to the old event no longer reach it.
     */
    void rearm(int slot, long at, long eventId, Object eventPayload) {
        int pos = heapPos[slot];
        if (pos < 0) {
            throw new EngineError("rearm of slot " + slot + ", which is not pending");
        }
        time[slot] = at;
        seq[slot] = nextSeq++;
        tiebreak[slot] = tiebreaks == null ? 0 : tiebreaks.nextLong();
        id[slot] = eventId;
        payload[slot] = eventPayload;
        generation[slot]++;
        if (pos > 0 && before(at, tiebreak[slot], seq[slot], (pos - 1) >>> 1)) {
            siftUp(pos, slot);
        } else {
            siftDown(pos, slot);
        }
    }

    /** Schedules an event and returns its slot. Its sequence number is {@link #seqOf(int)}. */
    int schedule(byte eventKind, long at, int forNode, int otherNode, long eventId, Object eventPayload) {
        int slot = allocateSlot();
        time[slot] = at;
        seq[slot] = nextSeq++;
        tiebreak[slot] = tiebreaks == null ? 0 : tiebreaks.nextLong();
        kind[slot] = eventKind;
        node[slot] = forNode;
        other[slot] = otherNode;
        id[slot] = eventId;
        payload[slot] = eventPayload;
        push(slot);
        return slot;
    }

    private void push(int slot) {
        if (size == heap.length) {
            int capacity = size * 2;
            heap = Arrays.copyOf(heap, capacity);
            heapTime = Arrays.copyOf(heapTime, capacity);
            heapTie = Arrays.copyOf(heapTie, capacity);
            heapSeq = Arrays.copyOf(heapSeq, capacity);
        }
        size++;
        siftUp(size - 1, slot);
    }

    /** Removes the earliest event and returns its slot; read it, then {@link #release(int)} it. */
    int pop() {
        if (size == 0) {
            throw new EngineError("pop from an empty event queue");
        }
        int slot = heap[0];
        removeAt(0);
        return slot;
    }

    /**
     * Removes the pending event in {@code slot} if the slot is still in {@code expectedGeneration}
     * (slots are reused, so a stale handle must not cancel a newer event). Returns whether it was removed.
     */
    boolean cancel(int slot, int expectedGeneration) {
        if (!isPending(slot, expectedGeneration)) {
            return false;
        }
        remove(slot);
        return true;
    }

    /** Removes the pending event in {@code slot}, which {@link #isPending} has confirmed, and frees the slot. */
    void remove(int slot) {
        removeAt(heapPos[slot]);
        release(slot);
    }

    /** Whether {@code slot} still holds a pending event of {@code expectedGeneration}. */
    boolean isPending(int slot, int expectedGeneration) {
        return slot >= 0 && slot < slotsUsed && generation[slot] == expectedGeneration && heapPos[slot] >= 0;
    }

    int generationOf(int slot) {
        return generation[slot];
    }

    /**
     * The slots of every pending event of {@code eventKind} for {@code forNode}, in the order they were
     * scheduled (by sequence number): callers may record them, so the order must not depend on the heap's
     * layout, which differs between equivalent histories (a {@link #rearm} against a remove and a schedule).
     */
    int[] pendingSlots(int forNode, byte eventKind) {
        // A rare path (crashes, clock skews): boxing the few matches keeps the sort simple and exact.
        List<Integer> matching = new ArrayList<>();
        for (int pos = 0; pos < size; pos++) {
            int slot = heap[pos];
            if (node[slot] == forNode && kind[slot] == eventKind) {
                matching.add(slot);
            }
        }
        matching.sort(Comparator.comparingLong(slot -> seq[slot]));
        return matching.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Moves a pending event to a new time, keeping its sequence number and generation. */
    void retime(int slot, long at) {
        if (heapPos[slot] < 0) {
            throw new EngineError("retime of slot " + slot + ", which is not pending");
        }
        removeAt(heapPos[slot]);
        time[slot] = at;
        push(slot);
    }

    /** Removes every pending event of {@code eventKind} for {@code forNode}; returns how many. */
    int removeAll(int forNode, byte eventKind) {
        // Collected first, removed after: removal reorders the heap under a scan.
        int[] matching = pendingSlots(forNode, eventKind);
        for (int slot : matching) {
            remove(slot);
        }
        return matching.length;
    }

    /** Returns a popped slot to the free list. */
    void release(int slot) {
        payload[slot] = null; // let the message or tag be collected
        seq[slot] = -1;
        generation[slot]++;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = slot;
    }

    long timeOf(int slot) {
        return time[slot];
    }

    long seqOf(int slot) {
        return seq[slot];
    }

    byte kindOf(int slot) {
        return kind[slot];
    }

    int nodeOf(int slot) {
        return node[slot];
    }

    int otherOf(int slot) {
        return other[slot];
    }

    long idOf(int slot) {
        return id[slot];
    }

    Object payloadOf(int slot) {
        return payload[slot];
    }

    private int allocateSlot() {
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if (slotsUsed == time.length) {
            grow();
        }
        heapPos[slotsUsed] = -1;
        return slotsUsed++;
    }

    private void grow() {
        int capacity = time.length * 2;
        time = Arrays.copyOf(time, capacity);
        seq = Arrays.copyOf(seq, capacity);
        tiebreak = Arrays.copyOf(tiebreak, capacity);
        kind = Arrays.copyOf(kind, capacity);
        node = Arrays.copyOf(node, capacity);
        other = Arrays.copyOf(other, capacity);
        id = Arrays.copyOf(id, capacity);
        payload = Arrays.copyOf(payload, capacity);
        heapPos = Arrays.copyOf(heapPos, capacity);
        generation = Arrays.copyOf(generation, capacity);
    }

    private void removeAt(int pos) {
        int removed = heap[pos];
        heapPos[removed] = -1;
        size--;
        if (pos == size) {
            return;
        }
        int last = heap[size];
        if (pos > 0 && before(time[last], tiebreak[last], seq[last], (pos - 1) >>> 1)) {
            siftUp(pos, last);
        } else {
            siftDown(pos, last);
        }
    }

    /** Whether an event with these keys orders before the one at heap position {@code pos}. */
    private boolean before(long t, long tie, long s, int pos) {
        long tp = heapTime[pos];
        if (t != tp) {
            return t < tp;
        }
        if (fifo) {
            return s < heapSeq[pos];
        }
        long kp = heapTie[pos];
        return tie < kp || (tie == kp && s < heapSeq[pos]);
    }

    // The heap keeps each position's keys inline (heapTime, heapTie, heapSeq), so a comparison reads
    // the heap's own arrays instead of following the slot number into the slot arrays.

    private void place(int pos, int slot, long t, long tie, long s) {
        heap[pos] = slot;
        heapTime[pos] = t;
        heapTie[pos] = tie;
        heapSeq[pos] = s;
        heapPos[slot] = pos;
    }

    private void siftUp(int pos, int slot) {
        long t = time[slot];
        long tie = tiebreak[slot];
        long s = seq[slot];
        while (pos > 0) {
            int parentPos = (pos - 1) >>> 1;
            if (!before(t, tie, s, parentPos)) {
                break;
            }
            place(pos, heap[parentPos], heapTime[parentPos], heapTie[parentPos], heapSeq[parentPos]);
            pos = parentPos;
        }
        place(pos, slot, t, tie, s);
    }

    private void siftDown(int pos, int slot) {
        long t = time[slot];
        long tie = tiebreak[slot];
        long s = seq[slot];
        int half = size >>> 1;
        while (pos < half) {
            int childPos = 2 * pos + 1;
            int rightPos = childPos + 1;
            if (rightPos < size
                    && before(heapTime[rightPos], heapTie[rightPos], heapSeq[rightPos], childPos)) {
                childPos = rightPos;
            }
            long tc = heapTime[childPos];
            if (tc > t || (tc == t && !beforeKeys(tc, heapTie[childPos], heapSeq[childPos], t, tie, s))) {
                break;
            }
            place(pos, heap[childPos], heapTime[childPos], heapTie[childPos], heapSeq[childPos]);
            pos = childPos;
        }
        place(pos, slot, t, tie, s);
    }

    private static boolean beforeKeys(long t1, long k1, long s1, long t2, long k2, long s2) {
        return t1 < t2 || (t1 == t2 && (k1 < k2 || (k1 == k2 && s1 < s2)));
    }
}
