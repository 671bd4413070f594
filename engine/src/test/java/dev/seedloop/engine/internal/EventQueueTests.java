package dev.seedloop.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.api.DeterministicRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class EventQueueTests {

    @Test
    void popsByTimeThenBySchedulingOrder() {
        EventQueue queue = new EventQueue();
        queue.schedule(EventQueue.KIND_TIMER, 20, 0, 0, 1, "late");
        queue.schedule(EventQueue.KIND_TIMER, 10, 0, 0, 2, "first at 10");
        queue.schedule(EventQueue.KIND_TIMER, 10, 0, 0, 3, "second at 10");
        queue.schedule(EventQueue.KIND_TIMER, 5, 0, 0, 4, "earliest");

        List<Object> order = new ArrayList<>();
        while (!queue.isEmpty()) {
            int slot = queue.pop();
            order.add(queue.payloadOf(slot));
            queue.release(slot);
        }
        assertThat(order).containsExactly("earliest", "first at 10", "second at 10", "late");
    }

    @Test
    void aSlotNeverHandedOutIsNotPendingWhateverItsGeneration() {
        EventQueue queue = new EventQueue();
        assertThat(queue.isPending(0, 0)).as("a fresh queue").isFalse();
        int first = queue.schedule(EventQueue.KIND_TIMER, 10, 0, 0, 1, "only");
        assertThat(queue.isPending(first, queue.generationOf(first))).isTrue();
        assertThat(queue.isPending(first + 1, 0)).as("the slot after the last one used").isFalse();
        assertThat(queue.cancel(first + 1, 0)).isFalse();
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void theLastEventPoppedLeavesNothingPendingBehind() {
        EventQueue queue = new EventQueue();
        int only = queue.schedule(EventQueue.KIND_TIMER, 10, 0, 0, 1, "only");
        assertThat(queue.pop()).isEqualTo(only);
        queue.release(only);
        // Looking for pending events of the node must not bring the popped one back into the heap.
        assertThat(queue.pendingSlots(0, EventQueue.KIND_TIMER)).isEmpty();
        assertThat(queue.isPending(only, queue.generationOf(only))).isFalse();
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void cancelRemovesThePendingEventAndIgnoresStaleHandles() {
        EventQueue queue = new EventQueue();
        int a = queue.schedule(EventQueue.KIND_TIMER, 10, 0, 0, 0, "a");
        int genA = queue.generationOf(a);
        queue.schedule(EventQueue.KIND_TIMER, 20, 0, 0, 0, "b");

        assertThat(queue.cancel(a, genA)).isTrue();
        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.cancel(a, genA)).as("second cancel of the same timer").isFalse();

        // The freed slot is reused by a new event; the old handle must not cancel it.
        int c = queue.schedule(EventQueue.KIND_TIMER, 5, 0, 0, 0, "c");
        assertThat(c).isEqualTo(a);
        assertThat(queue.cancel(a, genA)).isFalse();
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.payloadOf(queue.pop())).isEqualTo("c");
    }

    @Test
    void aReinsertedSlotKeepsItsHandleAndGoesAfterEverythingAlreadyDue() {
        EventQueue queue = new EventQueue();
        int timer = queue.schedule(EventQueue.KIND_TIMER, 10, 0, 0, 0, "deferred");
        int generation = queue.generationOf(timer);
        queue.schedule(EventQueue.KIND_TIMER, 50, 0, 0, 0, "already due at 50");
        assertThat(queue.pop()).isEqualTo(timer);
        queue.reinsert(timer, 50, EventQueue.KIND_TIMER);
        assertThat(queue.payloadOf(queue.pop())).isEqualTo("already due at 50");
        assertThat(queue.cancel(timer, generation)).as("the handle still reaches the deferred timer").isTrue();
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void removeAllTakesOnlyTheGivenNodeAndKind() {
        EventQueue queue = new EventQueue();
        for (int i = 0; i < 50; i++) {
            queue.schedule(i % 2 == 0 ? EventQueue.KIND_TIMER : EventQueue.KIND_DELIVERY, 100 - i, i % 3, 0, i, i);
        }
        int removed = queue.removeAll(1, EventQueue.KIND_TIMER);
        assertThat(removed).isEqualTo(8); // i even and i % 3 == 1: 4, 10, 16, 22, 28, 34, 40, 46
        long previous = Long.MIN_VALUE;
        while (!queue.isEmpty()) {
            int slot = queue.pop();
            assertThat(queue.nodeOf(slot) == 1 && queue.kindOf(slot) == EventQueue.KIND_TIMER).isFalse();
            assertThat(queue.timeOf(slot)).isGreaterThanOrEqualTo(previous);
            previous = queue.timeOf(slot);
            queue.release(slot);
        }
    }

    /** The queue behaves like a sorted map keyed by (time, sequence) under any mix of operations. */
    @Property(tries = 300)
    void agreesWithASortedMapModel(
            @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 99) Integer> operations) {
        EventQueue queue = new EventQueue();
        TreeMap<Long, Integer> model = new TreeMap<>(); // key: time << 20 | sequence
        List<long[]> handles = new ArrayList<>(); // {slot, generation, seq}
        long time = 0;
        for (int op : operations) {
            if (op < 50) {
                long at = time + op % 7;
                int slot = queue.schedule(EventQueue.KIND_TIMER, at, 0, 0, 0, op);
                long seq = queue.seqOf(slot);
                model.put((at << 20) | seq, op);
                handles.add(new long[] {slot, queue.generationOf(slot), seq});
            } else if (op < 80) {
                if (model.isEmpty()) {
                    assertThat(queue.isEmpty()).isTrue();
                    continue;
                }
                var expected = model.pollFirstEntry();
                int slot = queue.pop();
                assertThat((queue.timeOf(slot) << 20) | queue.seqOf(slot)).isEqualTo(expected.getKey());
                assertThat(queue.payloadOf(slot)).isEqualTo(expected.getValue());
                time = queue.timeOf(slot);
                queue.release(slot);
            } else if (!handles.isEmpty()) {
                long[] handle = handles.get(op % handles.size());
                boolean pending = model.keySet().stream().anyMatch(k -> (k & 0xFFFFF) == handle[2]);
                boolean cancelled = queue.cancel((int) handle[0], (int) handle[1]);
                assertThat(cancelled).isEqualTo(pending);
                model.keySet().removeIf(k -> (k & 0xFFFFF) == handle[2]);
            }
            assertThat(queue.size()).isEqualTo(model.size());
        }
    }

    /**
     * Re-arming a pending event in place pops in exactly the order of removing it and scheduling a new
     * one, with or without seeded tie-break keys, under any mix of schedules, pops and re-arms.
     */
    @Property(tries = 300)
    void rearmInPlacePopsLikeRemoveAndSchedule(
            @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 99) Integer> operations,
            @ForAll boolean randomTies) {
        EventQueue inPlace = new EventQueue(randomTies ? DeterministicRandom.of(42) : null);
        EventQueue removeAndAdd = new EventQueue(randomTies ? DeterministicRandom.of(42) : null);
        List<int[]> handlesA = new ArrayList<>(); // {slot, generation}
        List<int[]> handlesB = new ArrayList<>();
        long time = 0;
        long nextId = 0;
        for (int op : operations) {
            if (op < 45) {
                long at = time + op % 5; // few distinct times, so ties are common
                int a = inPlace.schedule(EventQueue.KIND_TIMER, at, 0, 0, nextId, op);
                int b = removeAndAdd.schedule(EventQueue.KIND_TIMER, at, 0, 0, nextId++, op);
                handlesA.add(new int[] {a, inPlace.generationOf(a)});
                handlesB.add(new int[] {b, removeAndAdd.generationOf(b)});
            } else if (op < 70) {
                assertThat(inPlace.isEmpty()).isEqualTo(removeAndAdd.isEmpty());
                if (inPlace.isEmpty()) {
                    continue;
                }
                int a = inPlace.pop();
                int b = removeAndAdd.pop();
                assertThat(inPlace.idOf(a)).isEqualTo(removeAndAdd.idOf(b));
                assertThat(inPlace.timeOf(a)).isEqualTo(removeAndAdd.timeOf(b));
                assertThat(inPlace.payloadOf(a)).isEqualTo(removeAndAdd.payloadOf(b));
                time = inPlace.timeOf(a);
                inPlace.release(a);
                removeAndAdd.release(b);
            } else if (!handlesA.isEmpty()) {
                int which = op % handlesA.size();
                int[] a = handlesA.get(which);
                int[] b = handlesB.get(which);
                boolean pending = inPlace.isPending(a[0], a[1]);
                assertThat(removeAndAdd.isPending(b[0], b[1])).isEqualTo(pending);
                if (!pending) {
                    continue;
                }
                long at = time + op % 3;
                inPlace.rearm(a[0], at, nextId, "re-armed " + op);
                removeAndAdd.remove(b[0]);
                int fresh = removeAndAdd.schedule(EventQueue.KIND_TIMER, at, 0, 0, nextId++, "re-armed " + op);
                assertThat(inPlace.isPending(a[0], a[1])).as("the old handle is stale").isFalse();
                handlesA.set(which, new int[] {a[0], inPlace.generationOf(a[0])});
                handlesB.set(which, new int[] {fresh, removeAndAdd.generationOf(fresh)});
            }
            assertThat(inPlace.size()).isEqualTo(removeAndAdd.size());
        }
    }

    /**
     * The step of a protocol with timeouts: pop an event, restart a pending timer. With more than a few
     * events pending the restarted timer goes into the hole the pop left, and the last entry takes its
     * place, moving up or down; the order must stay the model's.
     */
    @Test
    void restartingATimerRightAfterAPopKeepsTheOrder() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int round = 0; round < 200; round++) {
            EventQueue queue = new EventQueue();
            TreeMap<Long, Integer> model = new TreeMap<>(); // (time << 24 | id) -> slot
            long[] keyOf = new long[4096];
            long nextId = 0;
            long now = 0;
            int pending = 9 + random.nextInt(24);
            for (int i = 0; i < pending; i++) {
                long at = now + random.nextInt(1000);
                int slot = queue.schedule(EventQueue.KIND_TIMER, at, 0, 0, nextId, null);
                keyOf[slot] = at << 24 | nextId++;
                model.put(keyOf[slot], slot);
            }
            for (int step = 0; step < 60; step++) {
                var first = model.pollFirstEntry();
                int popped = queue.pop();
                assertThat(popped).isEqualTo(first.getValue());
                now = queue.timeOf(popped);
                queue.release(popped);
                if (model.isEmpty()) {
                    break;
                }
                // Restart a pending timer: early or late, so that the entry that moves goes up or down.
                Integer[] slots = model.values().toArray(new Integer[0]);
                int slot = slots[random.nextInt(slots.length)];
                long at = now + (random.nextBoolean() ? random.nextInt(3) : 500 + random.nextInt(1000));
                model.remove(keyOf[slot]);
                queue.rearm(slot, at, nextId, null);
                keyOf[slot] = at << 24 | nextId++;
                model.put(keyOf[slot], slot);
                int scheduled = queue.schedule(EventQueue.KIND_TIMER, now + random.nextInt(1000), 0, 0, nextId, null);
                keyOf[scheduled] = queue.timeOf(scheduled) << 24 | nextId++;
                model.put(keyOf[scheduled], scheduled);
            }
        }
    }

    @Test
    void everyOperationRightAfterAPopSeesAWholeHeap() {
        // A pop leaves a hole at the root that only a schedule fills; everything else must close it first.
        EventQueue queue = new EventQueue();
        int[] slots = new int[6];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = queue.schedule(EventQueue.KIND_TIMER, 10 * (i + 1), 0, 0, i, "e" + i);
        }
        queue.release(queue.pop()); // e0
        queue.retime(slots[5], 15); // e5 now the earliest
        assertThat(queue.peekTime()).isEqualTo(15);
        assertThat(queue.payloadOf(queue.pop())).isEqualTo("e5");
        queue.release(slots[5]);
        queue.rearm(slots[4], 5, 99, "e4 re-armed first");
        assertThat(queue.payloadOf(queue.pop())).isEqualTo("e4 re-armed first");
        queue.release(slots[4]);
        queue.remove(slots[3]);
        assertThat(queue.pendingSlots(0, EventQueue.KIND_TIMER)).containsExactly(slots[1], slots[2]);
        List<Object> order = new ArrayList<>();
        while (!queue.isEmpty()) {
            int slot = queue.pop();
            order.add(queue.payloadOf(slot));
            queue.release(slot);
        }
        assertThat(order).containsExactly("e1", "e2");
    }

    @Test
    void pendingSlotsComeInSchedulingOrderWhateverTheHeapLayout() {
        EventQueue queue = new EventQueue();
        int[] slots = new int[6];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = queue.schedule(EventQueue.KIND_TIMER, 100 - 10 * i, 0, 0, i, i);
        }
        queue.rearm(slots[1], 1, 99, "moved to the front"); // now scheduled last
        int[] pending = queue.pendingSlots(0, EventQueue.KIND_TIMER);
        assertThat(pending).containsExactly(slots[0], slots[2], slots[3], slots[4], slots[5], slots[1]);
    }
}
