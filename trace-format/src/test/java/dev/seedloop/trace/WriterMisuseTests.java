package dev.seedloop.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The writer refuses, at the call, what would make a file no reader accepts, for the event kinds that do not
 * go through the common path (state snapshots and network changes); a refused event leaves the file as it
 * was; and the writer closes the stream it was given.
 */
class WriterMisuseTests {
    /** A stream that remembers being closed. */
    private static final class ClosingStream extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    private static TraceWriter fullWriter(ByteArrayOutputStream out) {
        return TraceWriter.create(out, SampleTraces.header(TraceLevel.FULL, 1), TraceWriter.Options.defaults());
    }

    @Test
    void snapshotsAndNetworkChangesOutOfOrderAreRefusedAndNotWritten() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TraceWriter w = fullWriter(out);
        TraceEvent first = new TraceEvent.NodeStarted(5, 1_000, 0, 0);
        w.write(first);
        int[] names = {w.stringId("term")};
        String[] values = {"1"};
        assertThatThrownBy(() -> w.stateSnapshot(4, 1_000, 0, 1, names, values))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step order");
        assertThatThrownBy(() -> w.stateSnapshot(5, 999, 0, 1, names, values))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never goes back");
        assertThatThrownBy(() -> w.write(TraceEvent.NetworkChanged.heal(4, 1_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step order");
        assertThatThrownBy(() -> w.write(TraceEvent.NetworkChanged.isolate(5, 999, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never goes back");
        RunDigest digest = new RunDigest();
        first.digestInto(digest);
        w.writeFooter(TraceFooter.passed(6, digest, 1_000));
        w.close();

        Trace read = Trace.read(new ByteArrayInputStream(out.toByteArray()), "misuse");
        assertThat(read.events()).as("only the accepted event").containsExactly(first);
        assertThat(read.damage()).isEmpty();
    }

    @Test
    void snapshotsAndNetworkChangesAfterTheFooterOrCloseAreRefused() {
        TraceWriter w = fullWriter(new ByteArrayOutputStream());
        w.writeFooter(TraceFooter.passed(0, new RunDigest(), 0));
        int[] names = {0};
        String[] values = {"x"};
        assertThatThrownBy(() -> w.stateSnapshot(0, 0, 0, 1, names, values))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("the footer is written");
        assertThatThrownBy(() -> w.write(TraceEvent.NetworkChanged.partition(0, 0, List.of(List.of(0), List.of(1)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("the footer is written");
        w.close();
        assertThatThrownBy(() -> w.stateSnapshot(0, 0, 0, 1, names, values))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("the trace writer is closed");
        assertThatThrownBy(() -> w.write(TraceEvent.NetworkChanged.heal(0, 0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("the trace writer is closed");
    }

    @Test
    void theWriterClosesItsStreamOnceAndCloseIsIdempotent() {
        for (boolean gzip : new boolean[] {false, true}) {
            ClosingStream out = new ClosingStream();
            TraceWriter w = TraceWriter.create(out, SampleTraces.header(TraceLevel.EVENTS, 1),
                    TraceWriter.Options.defaults().withGzip(gzip));
            assertThat(out.closed).isFalse();
            w.close();
            assertThat(out.closed).as("gzip %s", gzip).isTrue();
            w.close();
        }
    }
}
