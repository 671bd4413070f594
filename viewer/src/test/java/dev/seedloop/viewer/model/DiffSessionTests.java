package dev.seedloop.viewer.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.viewer.TestTraces;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffSessionTests {
    @TempDir
    Path dir;

    @Test
    void identicalTracesDoNotDiverge() throws Exception {
        Path a = TestTraces.writeSplitBrain(dir.resolve("a.trace"));
        DiffSession d = new DiffSession(new TraceSession(LoadedTrace.load(a)), new TraceSession(LoadedTrace.load(a)));
        assertThat(d.divergenceA()).isEqualTo(-1);
        assertThat(d.report().hasDifferences()).isFalse();
        assertThat(d.toB(30)).isEqualTo(30);
        assertThat(d.summary()).contains("equivalent");
    }

    @Test
    void findsTheFirstDivergenceAndMapsCursors() throws Exception {
        Path a = TestTraces.writeSplitBrain(dir.resolve("a.trace"));
        Path b = TestTraces.writeSplitBrainVariant(dir.resolve("b.trace"));
        DiffSession d = new DiffSession(new TraceSession(LoadedTrace.load(a)), new TraceSession(LoadedTrace.load(b)));
        assertThat(d.divergenceA()).isEqualTo(d.divergenceB()).isEqualTo(40); // n2's log line of step 10
        assertThat(d.summary()).contains("The traces differ", "First divergence");
        assertThat(d.toB(10)).isEqualTo(10);
        assertThat(d.toA(d.toB(40))).isEqualTo(40);
        // a snapshot (not digested) maps to the digested event before it
        assertThat(d.toB(13)).isEqualTo(12);
    }
}
