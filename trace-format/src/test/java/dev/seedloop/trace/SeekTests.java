package dev.seedloop.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random access by step, against the list of events it must agree with: after {@code seekToStep(s)} the
 * reader returns the first event whose step is at least {@code s} and then every event after it, whatever
 * was read before, wherever the index's entries fall (many of them in the middle of a step here).
 */
class SeekTests {
    @TempDir
    Path dir;

    /** Steps 0..steps-1, each with 1 to 6 timer firings, so index entries often split a step. */
    private static List<TraceEvent> events(int steps, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<TraceEvent> events = new ArrayList<>();
        long timer = 0;
        for (int step = 0; step < steps; step++) {
            int count = 1 + rng.nextInt(6);
            for (int i = 0; i < count; i++) {
                events.add(new TraceEvent.TimerFired(step, step * 1_000L, rng.nextInt(3), ++timer, "t"));
            }
        }
        return events;
    }

    private Path write(List<TraceEvent> events, String name, boolean gzip) {
        RunDigest digest = new RunDigest();
        events.forEach(e -> e.digestInto(digest));
        long last = events.getLast().step();
        Trace trace = Trace.of(SampleTraces.header(TraceLevel.EVENTS, 1), events,
                TraceFooter.passed(last + 1, digest, last * 1_000L));
        Path file = dir.resolve(name);
        trace.write(file, TraceWriter.Options.defaults().withGzip(gzip));
        return file;
    }

    private static int firstAtOrAfter(List<TraceEvent> events, long step) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).step() >= step) {
                return i;
            }
        }
        return events.size();
    }

    /** Every {@code stride}-th step of 0..last, in an order shuffled by {@code seed}. */
    private static List<Long> shuffledSteps(long last, int stride, long seed) {
        List<Long> steps = new ArrayList<>();
        for (long s = 0; s <= last; s += stride) {
            steps.add(s);
        }
        Collections.shuffle(steps, new Random(seed));
        return steps;
    }

    /** Seeks to each step (in the given order), reads a few events, then seeks back into the step it is in. */
    private static void seekEverywhere(TraceReader reader, List<TraceEvent> events, List<Long> steps) {
        Random reads = new Random(7);
        for (long step : steps) {
            reader.seekToStep(step);
            int at = firstAtOrAfter(events, step);
            int toRead = 1 + reads.nextInt(8);
            for (int k = 0; k < toRead; k++) {
                Optional<TraceEvent> expected = at + k < events.size() ? Optional.of(events.get(at + k))
                        : Optional.empty();
                assertThat(reader.next()).as("event %d after seeking to step %d", k, step).isEqualTo(expected);
            }
            if (at < events.size()) {
                // Back into the step of the last event returned: the first event of that step comes again.
                long current = events.get(Math.min(at + toRead, events.size()) - 1).step();
                reader.seekToStep(current);
                assertThat(reader.next()).as("again at step %d", current)
                        .contains(events.get(firstAtOrAfter(events, current)));
            }
        }
    }

    @Test
    void everyStepIsFoundFromAnywhereWithTheIndexBuilt() throws Exception {
        List<TraceEvent> events = events(1_500, 11);
        assertThat(events.size()).as("several index intervals").isGreaterThan(4 * TraceReader.INDEX_INTERVAL);
        Path file = write(events, "seek.trace", false);
        List<Long> steps = shuffledSteps(1_501, 1, 3);
        try (TraceReader reader = TraceReader.open(file)) {
            reader.forEachRemaining(e -> { }); // builds the whole index
            seekEverywhere(reader, events, steps);
        }
    }

    @Test
    void theStepsAroundEachIndexEntryAreFoundWhileTheIndexIsStillBeingBuilt() throws Exception {
        List<TraceEvent> events = events(3_000, 12);
        Path file = write(events, "seek-fresh.trace", false);
        // The steps of the events on both sides of every index entry, forward first and then backward.
        List<Long> steps = new ArrayList<>();
        for (int ordinal = TraceReader.INDEX_INTERVAL; ordinal < events.size(); ordinal += TraceReader.INDEX_INTERVAL) {
            steps.add(events.get(ordinal - 1).step());
            steps.add(events.get(ordinal).step());
        }
        List<Long> backward = new ArrayList<>(steps);
        Collections.reverse(backward);
        steps.addAll(backward);
        try (TraceReader reader = TraceReader.open(file)) {
            seekEverywhere(reader, events, steps);
        }
    }

    @Test
    void aCompressedTraceSeeksAlike() throws Exception {
        List<TraceEvent> events = events(1_500, 13);
        Path file = write(events, "seek.trace.gz", true);
        List<Long> steps = shuffledSteps(1_501, 7, 5);
        try (TraceReader reader = TraceReader.open(file)) {
            seekEverywhere(reader, events, steps);
            assertThat(reader.footer()).isPresent();
        }
    }

    @Test
    void theLastStepIsThatOfTheLastEventReadOrPassedOverBySeeking() throws Exception {
        List<TraceEvent> events = events(3_000, 14);
        Path file = write(events, "last-step.trace", false);
        try (TraceReader reader = TraceReader.open(file)) {
            assertThat(reader.lastStep()).isEqualTo(-1);
            reader.next();
            assertThat(reader.lastStep()).isZero();

            reader.seekToStep(1_000_000);
            assertThat(reader.atEnd()).isTrue();
            assertThat(reader.lastStep()).isEqualTo(2_999);

            // Backwards: the index's entries are behind every step here, so this reopens the file.
            reader.seekToStep(2_000);
            assertThat(reader.lastStep()).isEqualTo(1_999);
            assertThat(reader.next().orElseThrow().step()).isEqualTo(2_000);
            assertThat(reader.lastStep()).isEqualTo(2_000);
        }
    }
}
