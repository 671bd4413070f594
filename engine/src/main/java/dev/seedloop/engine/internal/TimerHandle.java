package dev.seedloop.engine.internal;

import dev.seedloop.engine.api.TimerId;

/**
 * A timer's handle: the queue slot it lives in and that slot's generation, which proves the timer is
 * still the one in the slot; {@code id} is the run-unique timer id the trace records.
 */
record TimerHandle(int slot, int generation, long id, int node) implements TimerId {
    @Override
    public String toString() {
        return "timer#" + id;
    }
}
