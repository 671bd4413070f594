package dev.seedloop.viewer.model;

import java.util.Arrays;

/**
 * An open-addressing map from long keys to non-negative int values, without boxing: message id to the
 * ordinal of its send, for a million events. Not thread-safe.
 */
final class LongIntMap {
    private long[] keys;
    private int[] values;
    private boolean[] used;
    private int size;

    LongIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new int[cap];
        used = new boolean[cap];
    }

    void put(long key, int value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int i = slot(key, keys.length);
        while (used[i] && keys[i] != key) {
            i = (i + 1) & (keys.length - 1);
        }
        if (!used[i]) {
            used[i] = true;
            keys[i] = key;
            size++;
        }
        values[i] = value;
    }

    /** The value of {@code key}, or -1. */
    int get(long key) {
        int i = slot(key, keys.length);
        while (used[i]) {
            if (keys[i] == key) {
                return values[i];
            }
            i = (i + 1) & (keys.length - 1);
        }
        return -1;
    }

    private static int slot(long key, int cap) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & (cap - 1);
    }

    private void grow() {
        long[] k = keys;
        int[] v = values;
        boolean[] u = used;
        keys = new long[k.length * 2];
        values = new int[k.length * 2];
        used = new boolean[k.length * 2];
        size = 0;
        for (int i = 0; i < k.length; i++) {
            if (u[i]) {
                put(k[i], v[i]);
            }
        }
        Arrays.fill(u, false);
    }
}
