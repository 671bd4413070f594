package dev.seedloop.engine.internal;

import dev.seedloop.engine.api.TimerId;

/**
 * A timer's handle: the queue slot it lives in and that slot's generation, which proves the timer is
 * still the one in the slot; {@code id} is the run-unique timer id the trace records.
 *
 * <p>Mutable on purpose: {@code Context.resetTimerNanos} points the handle it is given at the new timer
 * and returns it, so a node that restarts its timeout after every message allocates nothing. Only the
 * run changes it, on the run's thread.
 */
final class TimerHandle implements TimerId {
    private final int node;
    private int slot;
    private int generation;
    private long id;

    TimerHandle(int node) {
        this.node = node;
    }

    /** Points this handle at the timer with {@code timerId} in {@code queueSlot} of {@code slotGeneration}. */
    void point(int queueSlot, int slotGeneration, long timerId) {
        slot = queueSlot;
        generation = slotGeneration;
        id = timerId;
    }

    int node() {
        return node;
    }

    int slot() {
        return slot;
    }

    int generation() {
        return generation;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String toString() {
        return "timer#" + id;
    }
}
