package dev.seedloop.engine.internal.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressReporterTests {

    @Test
    void reportsSeedsDoneRateAndFailureStatus() {
        List<String> lines = new ArrayList<>();
        ProgressReporter reporter = new ProgressReporter(lines::add, "RaftElection.buggy()", 1_000, 0, 0);
        reporter.maybeReport(250, Long.MAX_VALUE);
        reporter.maybeReport(500, 17);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("seedloop: RaftElection.buggy(): 250/1,000 seeds (25%), ")
                .endsWith("seeds/s, no failure yet");
        assertThat(lines.get(1)).contains("500/1,000 seeds (50%)").endsWith("failures found, first at seed position 17");
    }

    @Test
    void staysSilentWithoutASink() {
        ProgressReporter reporter = new ProgressReporter(null, "s", 10, 0, 0);
        reporter.maybeReport(5, Long.MAX_VALUE); // must not throw
        assertThat(reporter).isNotNull();
    }
}
