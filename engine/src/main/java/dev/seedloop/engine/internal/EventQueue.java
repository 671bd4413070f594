package dev.seedloop.engine.internal;

import dev.seedloop.engine.api.DeterministicRandom;
import dev.seedloop.engine.api.EngineError;
import dev.seedloop.engine.api.RunOptions;
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
    /**
     * Up to this many events, a re-arm right after a pop closes the hole first and then sifts the timer:
     * in a heap this shallow the timer rarely moves, and measured faster (Raft, 3 nodes: about 4 %);
     * above it, the timer fills the hole ({@link #moveIntoHole}), faster for larger queues (5 nodes: 6 %).
     */
    private static final int SMALL_HEAP = 8;
    /** Bits of a heap word that hold the slot: at most 2^24 events pending at once. */
    static final int SLOT_BITS = 24;
    /** The most events a queue holds at once. */
    static final int MAX_PENDING = RunOptions.MAX_PENDING_EVENTS;
    private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;
    /** Sequence numbers must fit above the slot bits in a positive long. */
    private static final long MAX_SEQ = (1L << (63 - SLOT_BITS)) - 1;

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

    /**
     * The heap, three words per position: {@code [3p]} the time, {@code [3p + 1]} the tie-break key (always
     * 0 under FIFO), {@code [3p + 2]} the sequence number shifted left by {@link #SLOT_BITS} with the slot
     * in the low bits. Sequence numbers are unique, so comparing that word compares sequence numbers; and
     * one array holding all of a position's keys makes a sift touch one array instead of four.
     */
    private long[] heap = new long[3 * INITIAL_CAPACITY];
    private int size;
    /**
     * Whether position 0 is a hole left by {@link #pop}: the heap's entries are then at 1..size. The next
     * {@link #schedule} fills it with one sift down (a handler usually schedules an event, so a step costs
     * one sift instead of two); any other operation first closes it as a plain removal would.
     */
    private boolean hollowRoot;

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
        closeHole();
        return heap[0];
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
        seq[slot] = nextSequence();
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
        if (heapPos[slot] < 0) {
            throw new EngineError("rearm of slot " + slot + ", which is not pending");
        }
        boolean intoHole = hollowRoot && size > SMALL_HEAP;
        if (!intoHole) {
            closeHole();
        }
        int pos = heapPos[slot];
        time[slot] = at;
        seq[slot] = nextSequence();
        tiebreak[slot] = tiebreaks == null ? 0 : tiebreaks.nextLong();
        id[slot] = eventId;
        payload[slot] = eventPayload;
        generation[slot]++;
        if (intoHole) {
            moveIntoHole(slot, pos);
        } else if (pos > 0 && before(at, tiebreak[slot], order(slot), (pos - 1) >>> 1)) {
            siftUp(pos, slot);
        } else {
            siftDown(pos, slot);
        }
    }

    /**
     * While the root is a hole (entries at 1..size): takes {@code slot} out of {@code pos} and puts it,
     * with its new key, into the hole. The last entry fills {@code pos} and is sifted within the two
     * subheaps below the root; then the slot sifts down from the root. A step that pops an event and
     * restarts a timer (most steps of a protocol with timeouts) costs two short sifts instead of a sift
     * from the root to close the hole and another for the timer.
     */
    private void moveIntoHole(int slot, int pos) {
        hollowRoot = false;
        if (pos != size) {
            int last = slotAt(size);
            if (pos > 2 && before(time[last], tiebreak[last], order(last), (pos - 1) >>> 1)) {
                siftUp(pos, last, 2); // positions 1 and 2 are the subheaps' roots
            } else {
                siftDown(pos, last); // the entries are now at 0..size-1 (0 still the hole)
            }
        }
        siftDown(0, slot);
    }

    /** Schedules an event and returns its slot. Its sequence number is {@link #seqOf(int)}. */
    int schedule(byte eventKind, long at, int forNode, int otherNode, long eventId, Object eventPayload) {
        int slot = allocateSlot();
        time[slot] = at;
        seq[slot] = nextSequence();
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
        if (hollowRoot) {
            hollowRoot = false;
            size++;
            siftDown(0, slot);
            return;
        }
        if (3 * size == heap.length) {
            heap = Arrays.copyOf(heap, heap.length * 2);
        }
        size++;
        siftUp(size - 1, slot);
    }

    /** Removes the earliest event and returns its slot; read it, then {@link #release(int)} it. */
    int pop() {
        closeHole();
        if (size == 0) {
            throw new EngineError("pop from an empty event queue");
        }
        int slot = slotAt(0);
        heapPos[slot] = -1;
        size--;
        hollowRoot = size > 0;
        return slot;
    }

    /** Closes the hole {@link #pop} left at the root, as a removal would have: the last entry sifts down. */
    private void closeHole() {
        if (hollowRoot) {
            hollowRoot = false;
            siftDown(0, slotAt(size));
        }
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
        closeHole();
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
        closeHole();
        // A rare path (crashes, clock skews): boxing the few matches keeps the sort simple and exact.
        List<Integer> matching = new ArrayList<>();
        for (int pos = 0; pos < size; pos++) {
            int slot = slotAt(pos);
            if (node[slot] == forNode && kind[slot] == eventKind) {
                matching.add(slot);
            }
        }
        matching.sort(Comparator.comparingLong(slot -> seq[slot]));
        return matching.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Moves a pending event to a new time, keeping its sequence number and generation. */
    void retime(int slot, long at) {
        closeHole();
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

    private long nextSequence() {
        if (nextSeq > MAX_SEQ) {
            throw new EngineError("a run scheduled more than " + MAX_SEQ + " events; RunOptions.maxSteps keeps "
                    + "runs far below this");
        }
        return nextSeq++;
    }

    private int allocateSlot() {
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if (slotsUsed == time.length) {
            if (slotsUsed == MAX_PENDING) {
                throw new EngineError("more than " + MAX_PENDING + " events pending at once; "
                        + "RunOptions.maxPendingEvents keeps runs below this");
            }
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
        int removed = slotAt(pos);
        heapPos[removed] = -1;
        size--;
        if (pos == size) {
            return;
        }
        int last = slotAt(size);
        if (pos > 0 && before(time[last], tiebreak[last], order(last), (pos - 1) >>> 1)) {
            siftUp(pos, last);
        } else {
            siftDown(pos, last);
        }
    }

    private int slotAt(int pos) {
        return (int) (heap[3 * pos + 2] & SLOT_MASK);
    }

    /** The word that orders a slot among events of equal time and tie-break key: sequence, then slot. */
    private long order(int slot) {
        return seq[slot] << SLOT_BITS | slot;
    }

    /** Whether an event with these keys orders before the one at heap position {@code pos}. */
    private boolean before(long t, long tie, long ord, int pos) {
        long[] h = heap;
        int i = 3 * pos;
        long tp = h[i];
        if (t != tp) {
            return t < tp;
        }
        if (fifo) {
            return ord < h[i + 2];
        }
        long kp = h[i + 1];
        return tie < kp || (tie == kp && ord < h[i + 2]);
    }

    private void place(long[] h, int pos, long t, long tie, long ord) {
        int i = 3 * pos;
        h[i] = t;
        h[i + 1] = tie;
        h[i + 2] = ord;
        heapPos[(int) (ord & SLOT_MASK)] = pos;
    }

    private void siftUp(int pos, int slot) {
        siftUp(pos, slot, 0);
    }

    /**
     * Sifts {@code slot} up from {@code pos}, moving only while its position is above {@code stop}: with
     * 0 up to the root; with 2 at most to position 1 or 2, the roots of the subheaps under a hole.
     */
    private void siftUp(int pos, int slot, int stop) {
        long[] h = heap;
        long t = time[slot];
        long tie = tiebreak[slot];
        long ord = order(slot);
        while (pos > stop) {
            int parentPos = (pos - 1) >>> 1;
            if (!before(t, tie, ord, parentPos)) {
                break;
            }
            int p = 3 * parentPos;
            place(h, pos, h[p], h[p + 1], h[p + 2]);
            pos = parentPos;
        }
        place(h, pos, t, tie, ord);
    }

    private void siftDown(int pos, int slot) {
        long[] h = heap;
        long t = time[slot];
        long tie = tiebreak[slot];
        long ord = order(slot);
        int half = size >>> 1;
        while (pos < half) {
            int childPos = 2 * pos + 1;
            int rightPos = childPos + 1;
            int r = 3 * rightPos;
            if (rightPos < size && before(h[r], h[r + 1], h[r + 2], childPos)) {
                childPos = rightPos;
            }
            int c = 3 * childPos;
            long tc = h[c];
            if (tc > t || (tc == t && !beforeKeys(tc, h[c + 1], h[c + 2], t, tie, ord))) {
                break;
            }
            place(h, pos, tc, h[c + 1], h[c + 2]);
            pos = childPos;
        }
        place(h, pos, t, tie, ord);
    }

    private static boolean beforeKeys(long t1, long k1, long o1, long t2, long k2, long o2) {
        return t1 < t2 || (t1 == t2 && (k1 < k2 || (k1 == k2 && o1 < o2)));
    }
}
