package dev.seedloop.trace.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.trace.FormatVersion;
import dev.seedloop.trace.SampleTraces;
import dev.seedloop.trace.Trace;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceLevel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden files. Two binary fixtures with their text renderings:
 * <ul>
 *   <li>{@code sample-v1.0.trace}, written by the format 1.0 writer and frozen: every later reader must
 *       keep opening it and rendering it as {@code sample-v1.0.txt}. It is never refreshed.
 *   <li>{@code sample-v1.1.trace}, the same run plus one {@code liveness_held} event (the kind 1.1 added),
 *       as today's writer writes it: any drift in the writer's bytes or in the rendering fails. Refresh it,
 *       after a deliberate change, with {@code SEEDLOOP_GOLDEN_UPDATE=1 ./mvnw -pl trace-format test}, and
 *       review the diff.
 * </ul>
 */
class GoldenTests {
    private static final Path DIR = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = "1".equals(System.getenv("SEEDLOOP_GOLDEN_UPDATE"));

    @Test
    void theFrozenV10FixtureStillOpensAndRendersAsItsGoldenText() throws Exception {
        byte[] fixture = Files.readAllBytes(DIR.resolve("sample-v1.0.trace"));

        String text = ExportTests.export(new TextExporter(false), fixture);

        assertThat(SampleTraces.read(fixture).version()).isEqualTo(new FormatVersion(1, 0));
        assertThat(text).isEqualTo(Files.readString(DIR.resolve("sample-v1.0.txt"), StandardCharsets.UTF_8));
        // It holds the same run as today's sample, which has no event of a kind added since 1.0.
        assertThat(SampleTraces.read(fixture).events()).isEqualTo(v10Sample().events());
    }

    @Test
    void todaysWriterWritesTheCurrentFixtureByteForByte() throws Exception {
        Trace sample = currentSample();
        Path fixtureFile = DIR.resolve("sample-v" + FormatVersion.CURRENT + ".trace");
        Path textFile = DIR.resolve("sample-v" + FormatVersion.CURRENT + ".txt");
        if (UPDATE) {
            Files.createDirectories(DIR);
            Files.write(fixtureFile, SampleTraces.bytes(sample, false));
            Files.writeString(textFile, ExportTests.export(new TextExporter(false), Files.readAllBytes(fixtureFile)));
        }
        byte[] fixture = Files.readAllBytes(fixtureFile);

        String text = ExportTests.export(new TextExporter(false), fixture);

        assertThat(text).isEqualTo(Files.readString(textFile, StandardCharsets.UTF_8));
        assertThat(SampleTraces.bytes(sample, false)).isEqualTo(fixture);
        assertThat(SampleTraces.read(fixture).events()).isEqualTo(sample.events());
    }

    private static Trace v10Sample() {
        return SampleTraces.sample(TraceLevel.FULL, 42, 12);
    }

    /** The 1.0 sample with a liveness property that held just before the violation. */
    private static Trace currentSample() {
        Trace base = v10Sample();
        List<TraceEvent> events = new ArrayList<>(base.events());
        TraceEvent last = events.removeLast();
        events.add(new TraceEvent.LivenessHeld(last.step(), last.timeNanos(), "a leader is elected",
                last.timeNanos() / 2, 1_000_000_000L));
        events.add(last);
        return Trace.of(base.header(), events, base.footer().orElseThrow());
    }
}
