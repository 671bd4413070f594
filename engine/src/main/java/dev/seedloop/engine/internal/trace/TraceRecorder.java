package dev.seedloop.engine.internal.trace;

import dev.seedloop.engine.api.NodeFailure;
import dev.seedloop.engine.api.RunOptions;
import dev.seedloop.engine.api.RunResult;
import dev.seedloop.engine.api.SimulationFailure;
import dev.seedloop.engine.api.TraceOutput;
import dev.seedloop.engine.internal.RunListener;
import dev.seedloop.trace.DropReason;
import dev.seedloop.trace.KeyValue;
import dev.seedloop.trace.NodeInfo;
import dev.seedloop.trace.Outcome;
import dev.seedloop.trace.Provenance;
import dev.seedloop.trace.RunFailure;
import dev.seedloop.trace.RunIdentity;
import dev.seedloop.trace.TraceEvent;
import dev.seedloop.trace.TraceFooter;
import dev.seedloop.trace.TraceHeader;
import dev.seedloop.trace.TraceLevel;
import dev.seedloop.trace.TraceWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records a run into a trace file: every engine event becomes a {@link TraceEvent}, written as it
 * happens through a streaming {@link TraceWriter}, so memory stays bounded and a JVM killed mid-run
 * leaves a readable prefix.
 *
 * <p>The header names every node, so it is written when the first event happens (a scenario creates
 * its addresses before it runs); at FULL level, payloads are rendered and the state of the node that
 * handled each step is snapshot. An I/O error stops the recording, never the run: the error is kept
 * and reported by {@link #finish}.
 */
public final class TraceRecorder implements RunListener {
    private static final int MAX_STACK_CHARS = 16_000;

    private final TraceOutput output;
    private final OutputStream sink;
    private final long seed;
    private final RunOptions options;
    private final Provenance provenance;
    private final boolean full;
    private final List<NodeInfo> nodes = new ArrayList<>();
    private final Map<Class<?>, String> typeNames = new HashMap<>(); // lookups only, never iterated
    private final StateInspector inspector = new StateInspector();

    private TraceWriter writer;
    private Class<?> lastType;
    private String lastTypeName;
    private String swarm;
    private UncheckedIOException error;

    /**
     * Prepares a recording; nothing is written until the first event. {@code provenance} is where and
     * when the file is written; it is never digested.
     */
    public TraceRecorder(TraceOutput output, long seed, RunOptions options, Provenance provenance) {
        this(output, null, seed, options, provenance);
    }

    /**
     * Prepares a recording into {@code sink} instead of {@code output.path()} (which then only names the
     * trace in messages); the recorder closes the stream when it finishes. For measuring the encoding
     * apart from the file system, and for callers that keep traces in memory.
     */
    public TraceRecorder(TraceOutput output, OutputStream sink, long seed, RunOptions options, Provenance provenance) {
        this.output = output;
        this.sink = sink;
        this.seed = seed;
        this.options = options;
        this.provenance = output.stableProvenance() ? Provenance.none() : provenance;
        this.full = output.level() == TraceLevel.FULL;
    }

    /** Writes the footer and closes the file. Throws if the trace could not be written completely. */
    public void finish(RunResult result) {
        ensureStarted();
        if (writer != null) {
            try {
                writer.writeFooter(footer(result));
                writer.close();
            } catch (UncheckedIOException e) {
                error = error == null ? e : error;
            }
        }
        if (error != null) {
            throw new UncheckedIOException("the trace " + output.path() + " could not be written completely ("
                    + error.getMessage() + "); the run itself finished: " + outcome(result), error.getCause());
        }
    }

    @Override
    public void addressCreated(int index, String name) {
        if (writer != null) {
            // The header is out already. Scenarios create addresses before they run; one that does not
            // gets a clear message instead of a trace that names a node it never introduced.
            fail(new IOException("address '" + name + "' was created after the run began; create every address "
                    + "before the first runFor/runUntil to trace this scenario"));
            return;
        }
        nodes.add(new NodeInfo(index, name));
    }

    @Override
    public void nodeStarted(long step, long time, int node, int incarnation) {
        write(new TraceEvent.NodeStarted(step, time, node, incarnation));
    }

    @Override
    public void nodeCrashed(long step, long time, int node) {
        write(new TraceEvent.NodeCrashed(step, time, node));
    }

    @Override
    public void messageSent(long step, long time, long messageId, int src, int dst, long latency, Object message) {
        write(new TraceEvent.MessageSent(step, time, messageId, src, dst, typeOf(message), latency,
                full ? ValueRenderer.render(message) : null));
    }

    @Override
    public void messageDelivered(long step, long time, long messageId, int src, int dst, Object message) {
        write(new TraceEvent.MessageDelivered(step, time, messageId, src, dst, typeOf(message)));
    }

    @Override
    public void messageDropped(long step, long time, long messageId, int src, int dst, int reason, Object message) {
        write(new TraceEvent.MessageDropped(step, time, messageId, src, dst, typeOf(message),
                DropReason.fromCode(reason)));
    }

    @Override
    public void messageDuplicated(long step, long time, long messageId, int src, int dst, long latency,
            Object message) {
        write(new TraceEvent.MessageDuplicated(step, time, messageId, src, dst, typeOf(message), latency));
    }

    @Override
    public void timerSet(long step, long time, int node, long timerId, long fireAt, Object tag) {
        write(new TraceEvent.TimerSet(step, time, node, timerId, fireAt, tagOf(tag)));
    }

    @Override
    public void timerFired(long step, long time, int node, long timerId, Object tag) {
        write(new TraceEvent.TimerFired(step, time, node, timerId, tagOf(tag)));
    }

    @Override
    public void timerCancelled(long step, long time, int node, long timerId, Object tag) {
        write(new TraceEvent.TimerCancelled(step, time, node, timerId, tagOf(tag)));
    }

    @Override
    public void networkChanged(long step, long time, int change, int node, int[][] groups) {
        TraceEvent event = switch (change) {
            case dev.seedloop.trace.EventKindCode.NETWORK_PARTITION -> TraceEvent.NetworkChanged.partition(step, time,
                    Arrays.stream(groups).map(g -> Arrays.stream(g).boxed().toList()).toList());
            case dev.seedloop.trace.EventKindCode.NETWORK_ISOLATE -> TraceEvent.NetworkChanged.isolate(step, time, node);
            default -> TraceEvent.NetworkChanged.heal(step, time);
        };
        write(event);
    }

    @Override
    public void note(long step, long time, String label, String detail) {
        write(new TraceEvent.Note(step, time, label, detail));
    }

    @Override
    public void log(long step, long time, int node, String text) {
        write(new TraceEvent.Log(step, time, node, text));
    }

    @Override
    public void invariantViolated(long step, long time, String name, String evidence) {
        write(new TraceEvent.InvariantViolated(step, time, name, evidence));
    }

    @Override
    public void nodeActed(long step, long time, int node, Object nodeObject) {
        if (full) {
            write(new TraceEvent.StateSnapshot(step, time, node, inspector.inspect(nodeObject)));
        }
    }

    @Override
    public void swarmChosen(String description) {
        swarm = description;
    }

    @Override
    public void nodePaused(long step, long time, int node, long until) {
        write(new TraceEvent.NodePaused(step, time, node, until));
    }

    @Override
    public void nodeResumed(long step, long time, int node) {
        write(new TraceEvent.NodeResumed(step, time, node));
    }

    @Override
    public void faultBegan(long step, long time, long faultId, String kind, int nodeA, int nodeB, String description) {
        write(new TraceEvent.FaultBegin(step, time, faultId, kind, nodeA, nodeB, description));
    }

    @Override
    public void faultEnded(long step, long time, long faultId, String kind, int nodeA, int nodeB) {
        write(new TraceEvent.FaultEnd(step, time, faultId, kind, nodeA, nodeB));
    }

    @Override
    public void buggifyFired(long step, long time, int node, String point) {
        write(new TraceEvent.BuggifyFired(step, time, node, point));
    }

    @Override
    public void storageSynced(long step, long time, int node, int writes) {
        write(new TraceEvent.StorageSync(step, time, node, writes));
    }

    @Override
    public void storageLost(long step, long time, int node, int lost, boolean torn) {
        write(new TraceEvent.StorageLost(step, time, node, lost, torn));
    }

    @Override
    public void scheduleDecision(long step, long time, int decision, int node, long value) {
        write(new TraceEvent.ScheduleDecision(step, time, decision, node, value));
    }

    private void write(TraceEvent event) {
        ensureStarted();
        if (writer == null) {
            return;
        }
        try {
            writer.write(event);
        } catch (UncheckedIOException e) {
            fail(e.getCause() != null ? e.getCause() : new IOException(e.getMessage()));
        }
    }

    private void ensureStarted() {
        if (writer != null || error != null) {
            return;
        }
        try {
            TraceHeader header = new TraceHeader(identity(), provenance);
            TraceWriter.Options writerOptions = TraceWriter.Options.defaults().withGzip(output.gzip());
            if (sink != null) {
                writer = TraceWriter.create(sink, header, writerOptions);
                return;
            }
            Path parent = output.path().toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                Files.createDirectories(parent);
            }
            writer = TraceWriter.create(output.path(), header, writerOptions);
        } catch (IOException e) {
            fail(e);
        } catch (UncheckedIOException e) {
            fail(e.getCause() != null ? e.getCause() : new IOException(e.getMessage()));
        }
    }

    private void fail(Throwable cause) {
        if (error == null) {
            IOException io = cause instanceof IOException e ? e : new IOException(cause);
            error = new UncheckedIOException(io.getMessage(), io);
        }
        if (writer != null) {
            try {
                writer.close();
            } catch (UncheckedIOException ignored) {
                // Already failing; the first error is the one reported.
            }
            writer = null;
        }
    }

    private RunIdentity identity() {
        List<KeyValue> opts = new ArrayList<>(List.of(
                new KeyValue("maxSteps", Long.toString(options.maxSteps())),
                new KeyValue("maxStepsWithoutTimeAdvance", Long.toString(options.maxStepsWithoutTimeAdvance())),
                new KeyValue("maxVirtualTimeNanos", Long.toString(options.maxVirtualTimeNanos())),
                new KeyValue("maxPendingEvents", Integer.toString(options.maxPendingEvents())),
                new KeyValue("buggify", options.buggifyEnabled() + " enabled, " + options.buggifyFires() + " fires")));
        opts.add(new KeyValue("schedule", options.schedule().toString()));
        if (swarm != null) {
            opts.add(new KeyValue("swarm", swarm));
        }
        return new RunIdentity(EngineVersion.get(), output.scenarioName(), seed, opts, nodes, output.level());
    }

    private TraceFooter footer(RunResult result) {
        SimulationFailure failure = result.failure();
        if (failure == null) {
            return new TraceFooter(Outcome.PASSED, Optional.empty(), result.steps(), result.events(), result.digest(),
                    result.endTimeNanos());
        }
        RunFailure recorded = new RunFailure(failure.kind(), failure.detail(), failure.step(), failure.timeNanos(),
                nodeIndexOf(failure), stackOf(failure));
        return new TraceFooter(Outcome.FAILED, Optional.of(recorded), result.steps(), result.events(),
                result.digest(), result.endTimeNanos());
    }

    private int nodeIndexOf(SimulationFailure failure) {
        if (failure instanceof NodeFailure nodeFailure) {
            for (NodeInfo node : nodes) {
                if (node.name().equals(nodeFailure.node())) {
                    return node.index();
                }
            }
        }
        return -1;
    }

    private static String stackOf(SimulationFailure failure) {
        if (failure.getCause() == null) {
            return "";
        }
        StringWriter text = new StringWriter();
        failure.getCause().printStackTrace(new PrintWriter(text));
        String stack = text.toString();
        return stack.length() <= MAX_STACK_CHARS ? stack : stack.substring(0, MAX_STACK_CHARS) + "…";
    }

    private static String outcome(RunResult result) {
        return result.passed() ? "passed" : result.failure().getMessage();
    }

    private String typeOf(Object message) {
        Class<?> type = message.getClass();
        if (type != lastType) {
            // Runs send a few message types over and over: one cached entry saves most map lookups.
            lastType = type;
            lastTypeName = typeNames.computeIfAbsent(type, TraceRecorder::typeName);
        }
        return lastTypeName;
    }

    /** {@code RaftMessage.Vote} for a nested record, {@code String} for a top-level class. */
    private static String typeName(Class<?> type) {
        String name = type.getSimpleName();
        for (Class<?> outer = type.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            name = outer.getSimpleName() + "." + name;
        }
        return name.isEmpty() ? type.getName() : name;
    }

    private String tagOf(Object tag) {
        if (tag == null) {
            return "";
        }
        if (tag instanceof String text && text.length() <= ValueRenderer.MAX_CHARS) {
            return text;
        }
        if (full || tag instanceof String || tag instanceof Enum<?>) {
            return ValueRenderer.render(tag);
        }
        return typeOf(tag);
    }
}
