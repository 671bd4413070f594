package dev.seedloop.demos.bench;

import dev.seedloop.demos.raft.RaftTiming;
import dev.seedloop.engine.api.DeterministicRandom;
import dev.seedloop.engine.api.LinkProfile;
import dev.seedloop.trace.EventKindCode;
import dev.seedloop.trace.RunDigest;
import java.util.Arrays;

/**
 * The correct Raft election of {@code RaftElection}, written as one specialised loop over primitive
 * arrays: the floor under what the engine can cost for that scenario.
 *
 * <p>It does the work that decides the engine's result and nothing else. The same random streams
 * ({@code "net"} and {@code "node/<name>"}) give the same draws in the same order; events are ordered by
 * (time, sequence) with the engine's sequence numbering; every event the engine digests is folded into
 * the same digest with the same words; the "one leader per term" invariant is checked after every step.
 * So a seed's digest and event count here equal the engine's, which {@link RaftFloorBenchmark} checks for
 * every seed it runs. What it leaves out is everything general: the {@code Node}/{@code Context} API, message
 * objects, address checks, limits, link profiles, faults, schedule strategies, liveness, listeners and
 * failure reporting. Its arrays are reused from seed to seed, so a run allocates only its random streams.
 */
final class BareRaftElection {
    private static final byte START = 0;
    private static final byte DELIVERY = 1;
    private static final byte TIMER = 2;

    private static final byte REQUEST_VOTE = 0;
    private static final byte VOTE = 1;
    private static final byte HEARTBEAT = 2;

    private static final byte FOLLOWER = 0;
    private static final byte CANDIDATE = 1;
    private static final byte LEADER = 2;

    private static final int SLOT_BITS = 20;
    private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;

    private final int nodes;
    private final long durationNanos;
    private final long minLatency = LinkProfile.DEFAULT.minLatencyNanos();
    private final long maxLatency = LinkProfile.DEFAULT.maxLatencyNanos();
    private final long timeoutMin;
    private final long timeoutMax;
    private final long heartbeat;
    private final String[] names;
    private final boolean digesting;

    // Pending events: slots (parallel arrays, reused through a free list) and a binary heap of slots.
    private int capacity = 64;
    private byte[] kind = new byte[capacity];
    private int[] target = new int[capacity];
    private int[] source = new int[capacity];
    private long[] eventId = new long[capacity];
    private byte[] messageType = new byte[capacity];
    private int[] messageTerm = new int[capacity];
    private boolean[] messageGranted = new boolean[capacity];
    private int[] heapPos = new int[capacity];
    private int[] free = new int[capacity];
    private int freeCount;
    private int slotsUsed;
    private long[] heapTime = new long[capacity];
    private long[] heapKey = new long[capacity]; // sequence << SLOT_BITS | slot
    private int size;

    // The nodes.
    private final int[] term;
    private final byte[] role;
    private final int[] votedFor;
    private final long[] votes;
    private final int[] timerSlot; // -1: no timeout pending
    private final long[] timerId;
    private final DeterministicRandom[] nodeRandom;
    private int[] leaderOfTerm = new int[16];

    private DeterministicRandom net;
    private long now;
    private long sequence;
    private long messages;
    private long timers;
    private long digest;
    private long events;
    private long steps;

    /**
     * A loop for {@code nodes} servers and {@code durationNanos} of virtual time; with {@code digesting}
     * false it counts events without folding them (to measure what the digest costs).
     */
    BareRaftElection(int nodes, long durationNanos, RaftTiming timing, boolean digesting) {
        this.digesting = digesting;
        this.nodes = nodes;
        this.durationNanos = durationNanos;
        this.timeoutMin = timing.electionTimeoutMinNanos();
        this.timeoutMax = timing.electionTimeoutMaxNanos();
        this.heartbeat = timing.heartbeatIntervalNanos();
        this.names = new String[nodes];
        for (int i = 0; i < nodes; i++) {
            names[i] = "n" + (i + 1);
        }
        term = new int[nodes];
        role = new byte[nodes];
        votedFor = new int[nodes];
        votes = new long[nodes];
        timerSlot = new int[nodes];
        timerId = new long[nodes];
        nodeRandom = new DeterministicRandom[nodes];
    }

    /** Runs {@code seed} and returns its digest; {@link #events} and {@link #steps} then describe the run. */
    long run(long seed) {
        reset(seed);
        for (int n = 0; n < nodes; n++) {
            int slot = schedule(START, 0, n);
            source[slot] = -1;
        }
        while (size > 0 && heapTime[0] <= durationNanos) {
            now = heapTime[0];
            int slot = pop();
            steps++;
            int n = target[slot];
            switch (kind[slot]) {
                case START -> {
                    release(slot);
                    fold(EventKindCode.NODE_STARTED, n, -1, 0, 0);
                }
                case DELIVERY -> {
                    int from = source[slot];
                    byte type = messageType[slot];
                    int messageTermValue = messageTerm[slot];
                    boolean granted = messageGranted[slot];
                    fold(EventKindCode.MESSAGE_DELIVERED, from, n, eventId[slot], 0);
                    release(slot);
                    onMessage(n, from, type, messageTermValue, granted);
                }
                default -> {
                    fold(EventKindCode.TIMER_FIRED, n, -1, eventId[slot], 0);
                    release(slot);
                    timerSlot[n] = -1;
                    onTimeout(n);
                }
            }
            restartTimeout(n);
            if (!electionSafetyHolds()) {
                throw new IllegalStateException("two leaders in one term at seed " + seed);
            }
        }
        return RunDigest.finish(digest, events);
    }

    long events() {
        return events;
    }

    long steps() {
        return steps;
    }

    private void reset(long seed) {
        net = DeterministicRandom.derive(seed, "net");
        for (int n = 0; n < nodes; n++) {
            nodeRandom[n] = DeterministicRandom.derive(seed, "node/", names[n]);
            term[n] = 0;
            role[n] = FOLLOWER;
            votedFor[n] = -1;
            votes[n] = 0;
            timerSlot[n] = -1;
        }
        Arrays.fill(leaderOfTerm, 0);
        size = 0;
        freeCount = 0;
        slotsUsed = 0;
        now = 0;
        sequence = 0;
        messages = 0;
        timers = 0;
        digest = RunDigest.INITIAL_STATE;
        events = 0;
        steps = 0;
    }

    // ---------------------------------------------------------------- the node, as RaftNode does it

    private void onMessage(int n, int from, byte type, int messageTermValue, boolean granted) {
        if (messageTermValue > term[n]) {
            term[n] = messageTermValue;
            role[n] = FOLLOWER;
            votedFor[n] = -1;
        }
        switch (type) {
            case REQUEST_VOTE -> {
                boolean grant = messageTermValue == term[n] && (votedFor[n] == -1 || votedFor[n] == from);
                if (grant) {
                    votedFor[n] = from;
                }
                send(n, from, VOTE, term[n], grant);
            }
            case VOTE -> {
                if (role[n] != CANDIDATE || messageTermValue != term[n] || !granted) {
                    return;
                }
                votes[n] |= 1L << from;
                if (Long.bitCount(votes[n]) > nodes / 2) {
                    role[n] = LEADER;
                    fold(EventKindCode.LOG, n, -1, RunDigest.hashText("leader of term " + term[n]), 0);
                    broadcast(n, HEARTBEAT);
                }
            }
            default -> {
                if (messageTermValue == term[n] && role[n] == CANDIDATE) {
                    role[n] = FOLLOWER;
                }
            }
        }
    }

    private void onTimeout(int n) {
        if (role[n] == LEADER) {
            broadcast(n, HEARTBEAT);
        } else {
            term[n]++;
            role[n] = CANDIDATE;
            votedFor[n] = n;
            votes[n] = 1L << n;
            broadcast(n, REQUEST_VOTE);
        }
    }

    private void broadcast(int n, byte type) {
        for (int peer = 0; peer < nodes; peer++) {
            if (peer != n) {
                send(n, peer, type, term[n], false);
            }
        }
    }

    private void restartTimeout(int n) {
        long wait = role[n] == LEADER ? heartbeat : nodeRandom[n].between(timeoutMin, timeoutMax);
        long fireAt = now + wait;
        int slot = timerSlot[n];
        long id = ++timers;
        if (slot < 0) {
            slot = schedule(TIMER, fireAt, n);
            timerSlot[n] = slot;
        } else {
            fold(EventKindCode.TIMER_CANCELLED, n, -1, timerId[n], 0);
            rearm(slot, fireAt);
        }
        eventId[slot] = id;
        timerId[n] = id;
        fold(EventKindCode.TIMER_SET, n, -1, id, fireAt);
    }

    private void send(int from, int to, byte type, int messageTermValue, boolean granted) {
        long id = ++messages;
        long latency = net.between(minLatency, maxLatency);
        fold(EventKindCode.MESSAGE_SENT, from, to, id, latency);
        int slot = schedule(DELIVERY, now + latency, to);
        source[slot] = from;
        eventId[slot] = id;
        messageType[slot] = type;
        messageTerm[slot] = messageTermValue;
        messageGranted[slot] = granted;
    }

    /** ElectionSafety's check: at most one leader per term, over the whole run. */
    private boolean electionSafetyHolds() {
        for (int i = 0; i < nodes; i++) {
            if (role[i] != LEADER) {
                continue;
            }
            int t = term[i];
            if (t >= leaderOfTerm.length) {
                leaderOfTerm = Arrays.copyOf(leaderOfTerm, Math.max(t + 1, 2 * leaderOfTerm.length));
            }
            int known = leaderOfTerm[t];
            if (known == 0) {
                leaderOfTerm[t] = i + 1;
            } else if (known != i + 1) {
                return false;
            }
        }
        return true;
    }

    private void fold(int eventKind, int nodeA, int nodeB, long id, long value) {
        if (digesting) {
            digest = RunDigest.foldEvent(digest, eventKind, now, nodeA, nodeB, id, value);
        }
        events++;
    }

    // ---------------------------------------------------------------- the queue: (time, sequence) order

    private int schedule(byte eventKind, long at, int forNode) {
        int slot = freeCount > 0 ? free[--freeCount] : newSlot();
        kind[slot] = eventKind;
        target[slot] = forNode;
        siftUp(size++, at, sequence++ << SLOT_BITS | slot);
        return slot;
    }

    private void rearm(int slot, long at) {
        int pos = heapPos[slot];
        long key = sequence++ << SLOT_BITS | slot;
        if (pos > 0 && before(at, key, (pos - 1) >>> 1)) {
            siftUp(pos, at, key);
        } else {
            siftDown(pos, at, key);
        }
    }

    private int pop() {
        int slot = (int) (heapKey[0] & SLOT_MASK);
        int last = --size;
        if (last > 0) {
            siftDown(0, heapTime[last], heapKey[last]);
        }
        return slot;
    }

    private void release(int slot) {
        free[freeCount++] = slot;
    }

    private boolean before(long time, long key, int pos) {
        return keyBefore(time, key, heapTime[pos], heapKey[pos]);
    }

    private void siftUp(int pos, long time, long key) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!before(time, key, parent)) {
                break;
            }
            put(pos, heapTime[parent], heapKey[parent]);
            pos = parent;
        }
        put(pos, time, key);
    }

    private void siftDown(int pos, long time, long key) {
        int half = size >>> 1;
        while (pos < half) {
            int child = 2 * pos + 1;
            int right = child + 1;
            if (right < size && before(heapTime[right], heapKey[right], child)) {
                child = right;
            }
            if (!keyBefore(heapTime[child], heapKey[child], time, key)) {
                break;
            }
            put(pos, heapTime[child], heapKey[child]);
            pos = child;
        }
        put(pos, time, key);
    }

    private static boolean keyBefore(long timeA, long keyA, long timeB, long keyB) {
        return timeA < timeB || (timeA == timeB && keyA < keyB);
    }

    private void put(int pos, long time, long key) {
        heapTime[pos] = time;
        heapKey[pos] = key;
        heapPos[(int) (key & SLOT_MASK)] = pos;
    }

    private int newSlot() {
        if (slotsUsed == capacity) {
            grow();
        }
        return slotsUsed++;
    }

    private void grow() {
        capacity *= 2;
        kind = Arrays.copyOf(kind, capacity);
        target = Arrays.copyOf(target, capacity);
        source = Arrays.copyOf(source, capacity);
        eventId = Arrays.copyOf(eventId, capacity);
        messageType = Arrays.copyOf(messageType, capacity);
        messageTerm = Arrays.copyOf(messageTerm, capacity);
        messageGranted = Arrays.copyOf(messageGranted, capacity);
        heapPos = Arrays.copyOf(heapPos, capacity);
        free = Arrays.copyOf(free, capacity);
        heapTime = Arrays.copyOf(heapTime, capacity);
        heapKey = Arrays.copyOf(heapKey, capacity);
    }
}
