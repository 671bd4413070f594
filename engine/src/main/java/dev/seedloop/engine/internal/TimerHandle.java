package dev.seedloop.engine.internal;

import dev.seedloop.engine.api.TimerId;

/** A timer's handle: the queue slot it lives in and the sequence number that proves it is still there. */
record TimerHandle(int slot, long seq, int node) implements TimerId {
    @Override
    public long id() {
        return seq;
    }

    @Override
    public String toString() {
        return "timer#" + seq;
    }
}
