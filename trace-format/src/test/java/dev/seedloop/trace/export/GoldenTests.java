package dev.seedloop.trace.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.trace.SampleTraces;
import dev.seedloop.trace.Trace;
import dev.seedloop.trace.TraceLevel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Golden files: the text rendering of the sample trace, and a committed v1.0 binary fixture that must keep
 * opening (and render the same) in every later version of the reader. Refresh both, after a deliberate
 * change, with {@code SEEDLOOP_GOLDEN_UPDATE=1 ./mvnw -pl trace-format test}, and review the diff.
 */
class GoldenTests {
    private static final Path DIR = Path.of("src/test/resources/golden");
    private static final Path FIXTURE = DIR.resolve("sample-v1.0.trace");
    private static final Path TEXT = DIR.resolve("sample-v1.0.txt");
    private static final boolean UPDATE = "1".equals(System.getenv("SEEDLOOP_GOLDEN_UPDATE"));

    @Test
    void theV1FixtureStillOpensAndRendersAsTheGoldenText() throws Exception {
        Trace sample = SampleTraces.sample(TraceLevel.FULL, 42, 12);
        if (UPDATE) {
            Files.createDirectories(DIR);
            Files.write(FIXTURE, SampleTraces.bytes(sample, false));
            Files.writeString(TEXT, ExportTests.export(new TextExporter(false), Files.readAllBytes(FIXTURE)));
        }
        byte[] fixture = Files.readAllBytes(FIXTURE);

        String text = ExportTests.export(new TextExporter(false), fixture);

        assertThat(text).isEqualTo(Files.readString(TEXT, StandardCharsets.UTF_8));
        // The writer of today still writes the fixture's bytes: a format change must be deliberate.
        assertThat(SampleTraces.bytes(sample, false)).isEqualTo(fixture);
    }
}
