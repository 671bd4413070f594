package dev.seedloop.demos.bench;

import dev.seedloop.demos.raft.RaftElection;
import dev.seedloop.engine.Simulation;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.TraceOutput;
import dev.seedloop.engine.internal.trace.TraceRecording;
import dev.seedloop.trace.TraceFileException;
import dev.seedloop.trace.TraceLevel;
import dev.seedloop.trace.TraceReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The cost of recording: one seed of the correct 3-node, 3-second Raft election per operation at trace
 * level OFF (digest only), EVENTS and FULL. The ratio of EVENTS and FULL to OFF in the same run is the
 * figure. Bytes per event are printed at teardown, uncompressed, with two denominators: every event in
 * the file, and the run's digested events only. They differ at FULL, whose snapshots and invariant
 * checks are recorded events but not events of the run; at EVENTS the two are the same.
 *
 * <p>{@code sink} separates the encoding from the file system: {@code FILE} writes a real trace file per
 * seed (in {@code java.io.tmpdir}; run with {@code -Djava.io.tmpdir=/dev/shm} for tmpfs), as
 * {@code Simulation.replay} with a {@code TraceOutput} does; {@code MEMORY} writes the same bytes into one
 * in-memory stream reused across seeds, so only the engine, the recorder and the encoder are measured. At
 * OFF the sink is not used.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class TraceLevelBenchmark {
    /** The trace level under test. */
    @Param({"OFF", "EVENTS", "FULL"})
    public String level;

    /** Where the trace goes: {@code FILE} (one file per seed) or {@code MEMORY} (a reused stream). */
    @Param({"FILE", "MEMORY"})
    public String sink;

    /** A byte stream that survives being closed, so one buffer serves every seed. */
    private static final class ReusableStream extends ByteArrayOutputStream {
        ReusableStream() {
            super(64 * 1024);
        }

        @Override
        public void close() {
            // The recorder closes its stream at the end of every run; the bytes stay for counting.
        }
    }

    /** Seeds re-recorded at teardown to count every event of their traces. */
    static final int SIZE_SAMPLE = 256;

    private final RaftElection scenario = RaftElection.correct();
    private final ReusableStream memory = new ReusableStream();
    private Path dir;
    private Path file;
    private TraceOutput output;
    private boolean inMemory;
    private long seed;
    private long bytes;
    private long events;

    /** Creates a scratch directory for the trace files. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("seedloop-bench");
        file = dir.resolve("run.trace");
        TraceLevel traceLevel = TraceLevel.valueOf(level);
        output = traceLevel == TraceLevel.OFF ? null
                : new TraceOutput(file, traceLevel, false, scenario.describe(), true);
        inMemory = sink.equals("MEMORY");
    }

    /** Runs the next seed at the level under test. */
    @Benchmark
    @Threads(1)
    public RunResult runOneSeed() {
        long s = seed++ & 4095;
        if (output == null) {
            return Simulation.replay(scenario, s);
        }
        RunResult result;
        if (inMemory) {
            memory.reset();
            result = TraceRecording.run(scenario, s, RunOptions.DEFAULTS, output, memory);
            bytes += memory.size();
        } else {
            result = Simulation.replay(scenario, s, RunOptions.DEFAULTS, output);
            try {
                bytes += Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        events += result.events();
        return result;
    }

    /**
     * Prints bytes per event and removes the scratch files. The bytes per digested event cover every seed
     * measured; the count of every recorded event needs the traces read back, so that split is measured on
     * the first {@link #SIZE_SAMPLE} seeds, re-recorded here, outside the measured time.
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException, TraceFileException {
        if (events > 0) {
            System.out.printf("%n[%s %s] %.2f bytes per digested event over the measured seeds%n",
                    level, sink, (double) bytes / events);
            printSizeSample();
        }
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    private void printSizeSample() throws TraceFileException {
        long sampleBytes = 0;
        long recorded = 0;
        long digested = 0;
        for (long s = 0; s < SIZE_SAMPLE; s++) {
            memory.reset();
            RunResult result = TraceRecording.run(scenario, s, RunOptions.DEFAULTS, output, memory);
            sampleBytes += memory.size();
            digested += result.events();
            try (TraceReader reader = TraceReader.open(
                    new ByteArrayInputStream(memory.toByteArray()), "seed " + s)) {
                long[] count = {0};
                reader.forEachRemaining(event -> count[0]++);
                if (reader.damage().isPresent()) {
                    throw new IllegalStateException("seed " + s + ": " + reader.damage().get());
                }
                recorded += count[0];
            }
        }
        System.out.printf("[%s, seeds 0..%d] %.2f bytes per recorded event (%d recorded), %.2f per digested "
                        + "event (%d digested); uncompressed, header and footer included%n",
                level, SIZE_SAMPLE - 1, (double) sampleBytes / recorded, recorded,
                (double) sampleBytes / digested, digested);
    }
}
