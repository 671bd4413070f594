package dev.seedloop.trace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.trace.DropReason;
import dev.seedloop.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which events {@code --node} keeps: a message involves both ends, a network change its members. */
class EventFilterTests {
    @Test
    void aMessageInvolvesItsSenderAndItsReceiverOnly() {
        List<TraceEvent> messages = List.of(
                new TraceEvent.MessageSent(1, 10, 7, 0, 2, "Ping", 5, null),
                new TraceEvent.MessageDelivered(2, 15, 7, 0, 2, "Ping"),
                new TraceEvent.MessageDropped(3, 16, 8, 0, 2, "Ping", DropReason.LOSS),
                new TraceEvent.MessageDuplicated(4, 17, 9, 0, 2, "Ping", 3));
        for (TraceEvent message : messages) {
            assertThat(EventFilter.involves(message, 0)).as("%s, sender", message).isTrue();
            assertThat(EventFilter.involves(message, 2)).as("%s, receiver", message).isTrue();
            assertThat(EventFilter.involves(message, 1)).as("%s, a bystander", message).isFalse();
        }
    }

    @Test
    void aNetworkChangeInvolvesTheIsolatedNodeOrThePartitionsMembers() {
        TraceEvent isolate = TraceEvent.NetworkChanged.isolate(1, 10, 3);
        assertThat(EventFilter.involves(isolate, 3)).isTrue();
        assertThat(EventFilter.involves(isolate, 0)).isFalse();

        TraceEvent partition = TraceEvent.NetworkChanged.partition(2, 20, List.of(List.of(0, 1), List.of(4)));
        assertThat(EventFilter.involves(partition, 1)).isTrue();
        assertThat(EventFilter.involves(partition, 4)).isTrue();
        assertThat(EventFilter.involves(partition, 2)).as("in no group").isFalse();
    }

    @Test
    void anyOtherEventInvolvesTheNodeOfItsLane() {
        TraceEvent crashed = new TraceEvent.NodeCrashed(1, 10, 2);
        assertThat(EventFilter.involves(crashed, 2)).isTrue();
        assertThat(EventFilter.involves(crashed, 0)).isFalse();
        TraceEvent note = new TraceEvent.Note(2, 20, "label", "a note belongs to no node");
        assertThat(EventFilter.involves(note, 0)).isFalse();
    }
}
