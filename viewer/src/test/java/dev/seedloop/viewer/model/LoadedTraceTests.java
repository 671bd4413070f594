package dev.seedloop.viewer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceEventKind;
import dev.seedloop.viewer.TestTraces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadedTraceTests {
    @TempDir
    Path dir;

    @Test
    void indexesTheSplitBrainTrace() throws Exception {
        LoadedTrace t = LoadedTrace.load(TestTraces.writeSplitBrain(dir.resolve("sb.trace")));
        assertThat(t.size()).isEqualTo(54);
        assertThat(t.nodeCount()).isEqualTo(3);
        assertThat(t.violationOrdinal()).contains(53);
        assertThat(t.kind(53)).isEqualTo(TraceEventKind.INVARIANT_VIOLATED);
        assertThat(t.lane(53)).isEqualTo(-1);
        // the delivery of vote 7 (n3 -> n2) links back to its send
        int delivery = find(t, e -> e instanceof TraceEvent.MessageDelivered m && m.messageId() == 7);
        int send = find(t, e -> e instanceof TraceEvent.MessageSent m && m.messageId() == 7);
        assertThat(t.sendOf(delivery)).isEqualTo(send);
        assertThat(t.lane(delivery)).isEqualTo(1);
        assertThat(t.lane(send)).isEqualTo(2);
        assertThat(t.lastOfStep(11)).isEqualTo(53);
        assertThat(t.lastOfStep(4)).isEqualTo(13);
        assertThat(t.firstOfStepOf(13)).isEqualTo(9);
        assertThat(t.snapshotAtOrBefore(0, 5)).isEqualTo(2);
        assertThat(t.snapshotAtOrBefore(1, 4)).isEqualTo(-1);
        assertThat(t.footer()).isPresent();
        assertThat(t.damage()).isEmpty();
        assertThat(t.firstAtOrAfterTime(154_255_598)).isEqualTo(9);
        assertThat(t.firstAfterTime(154_255_598)).isEqualTo(14);
    }

    static int find(LoadedTrace t, java.util.function.Predicate<TraceEvent> p) {
        for (int i = 0; i < t.size(); i++) {
            if (p.test(t.event(i))) {
                return i;
            }
        }
        throw new AssertionError("no such event");
    }

    @Test
    void aTruncatedTraceLoadsUpToTheDamage() throws Exception {
        Path whole = TestTraces.writeSplitBrain(dir.resolve("whole.trace"));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.trace");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        LoadedTrace t = LoadedTrace.load(cut);
        assertThat(t.damage()).isPresent();
        assertThat(t.size()).isGreaterThan(10).isLessThan(54);
        assertThat(t.damage().get().eventsBefore()).isEqualTo(t.size());
        assertThat(new TraceSession(t).damageMessage().orElseThrow()).contains("damaged", "truncated at offset",
                "footer", "Showing the " + t.size() + " events before the damage");
    }

    @Test
    void aFileThatIsNotATraceIsAClearFailure() throws Exception {
        Path txt = dir.resolve("notes.txt");
        Files.writeString(txt, "hello, this is not a trace at all");
        assertThatThrownBy(() -> LoadedTrace.load(txt)).isInstanceOf(OpenFailure.class)
                .hasMessageContaining("not a seedloop trace");
        // an empty file is a trace whose writer died before its first byte, as TraceReader and the trace CLI say
        Path empty = Files.createFile(dir.resolve("empty.trace"));
        assertThatThrownBy(() -> LoadedTrace.load(empty)).isInstanceOf(OpenFailure.class)
                .hasMessageContaining("truncated at offset 0").hasMessageNotContaining("not a seedloop trace");
        assertThatThrownBy(() -> LoadedTrace.load(dir.resolve("missing.trace"))).isInstanceOf(OpenFailure.class)
                .hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> LoadedTrace.load(dir)).isInstanceOf(OpenFailure.class)
                .hasMessageContaining("directory");
    }
}
