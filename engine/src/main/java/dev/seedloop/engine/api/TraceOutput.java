package dev.seedloop.engine.api;

import dev.seedloop.trace.TraceLevel;
import java.nio.file.Path;

/**
 * Where and how a run writes its trace file.
 *
 * @param path the file to write (its directory is created if missing; an existing file is replaced)
 * @param level {@link TraceLevel#EVENTS} for every event, {@link TraceLevel#FULL} to add payload
 *     renderings and node state snapshots; {@link TraceLevel#OFF} is not a file and is refused
 * @param gzip whether to compress the file (readers detect compression by themselves)
 * @param scenarioName the scenario's name as the trace header records it
 * @param stableProvenance leave wall time, host and JVM out of the header, so that the same run writes
 *     the same bytes (golden files); they are never part of the run digest either way
 */
public record TraceOutput(Path path, TraceLevel level, boolean gzip, String scenarioName, boolean stableProvenance) {
    /** Validates the output. */
    public TraceOutput {
        Check.notNull(path, "path");
        Check.notNull(level, "level");
        Check.argument(level != TraceLevel.OFF, "trace level OFF writes no file; use Simulation.replay without a TraceOutput");
        Check.argument(scenarioName != null && !scenarioName.isBlank(), "scenarioName must not be blank");
    }

    /** A FULL, uncompressed trace at {@code path}. */
    public static TraceOutput full(Path path, String scenarioName) {
        return new TraceOutput(path, TraceLevel.FULL, false, scenarioName, false);
    }

    /** An EVENTS-level, uncompressed trace at {@code path}. */
    public static TraceOutput events(Path path, String scenarioName) {
        return new TraceOutput(path, TraceLevel.EVENTS, false, scenarioName, false);
    }

    /** This output compressed with gzip. */
    public TraceOutput gzipped() {
        return new TraceOutput(path, level, true, scenarioName, stableProvenance);
    }

    /** This output without wall time, host or JVM in the header: the same run gives the same bytes. */
    public TraceOutput withStableProvenance() {
        return new TraceOutput(path, level, gzip, scenarioName, true);
    }
}
