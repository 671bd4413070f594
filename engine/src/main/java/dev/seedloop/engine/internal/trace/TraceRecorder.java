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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records a run into a trace file: every engine event is written as it happens through a streaming
 * {@link TraceWriter}, so memory stays bounded and a JVM killed mid-run leaves a readable prefix. The
 * frequent kinds go through the writer's primitive methods (no event object, type names and tags interned
 * once and then passed as ids); the rare ones as {@link TraceEvent}s.
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
    private final Class<?>[] knownTypes = new Class<?>[16];
    private final int[] knownTypeIds = new int[16];
    private int knownTypeCount;
    private final Map<Class<?>, Integer> typeIds = new HashMap<>(); // beyond 16 types; lookups only, never iterated
    private StateInspector inspector; // FULL only
    private int[] invariantNameIds = new int[4]; // by declaration index; 0 until the first check (FULL only)

    private TraceWriter writer;
    /** {@link #writer} while it records: null before the first event and after an error. */
    private TraceWriter live;
    private Class<?> lastType;
    private int lastTypeId;
    private Object lastTag;
    private int lastTagId;
    private String swarm;
    private IOException error;

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
        TraceWriter w = started();
        if (w != null) {
            w.writeFooter(footer(result));
        }
        if (writer != null) {
            writer.close();
            writer = null;
        }
        if (error != null) {
            throw new UncheckedIOException("the trace " + output.path() + " could not be written completely ("
                    + error.getMessage() + "); the run itself finished: " + outcome(result), error);
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
        TraceWriter w = started();
        if (w != null) {
            w.nodeStarted(step, time, node, incarnation);
        }
    }

    @Override
    public void nodeCrashed(long step, long time, int node) {
        write(new TraceEvent.NodeCrashed(step, time, node));
    }

    @Override
    public void messageSent(long step, long time, long messageId, int src, int dst, long latency, Object message) {
        TraceWriter w = started();
        if (w != null) {
            w.messageSent(step, time, messageId, src, dst, typeId(w, message), latency,
                    full ? ValueRenderer.render(message) : null);
        }
    }

    @Override
    public void messageDelivered(long step, long time, long messageId, int src, int dst, Object message) {
        TraceWriter w = started();
        if (w != null) {
            w.messageDelivered(step, time, messageId, src, dst, typeId(w, message));
        }
    }

    @Override
    public void messageDropped(long step, long time, long messageId, int src, int dst, int reason, Object message) {
        TraceWriter w = started();
        if (w != null) {
            w.messageDropped(step, time, messageId, src, dst, typeId(w, message), DropReason.fromCode(reason));
        }
    }

    @Override
    public void messageDuplicated(long step, long time, long messageId, int src, int dst, long latency,
            Object message) {
        TraceWriter w = started();
        if (w != null) {
            w.messageDuplicated(step, time, messageId, src, dst, typeId(w, message), latency);
        }
    }

    @Override
    public void timerSet(long step, long time, int node, long timerId, long fireAt, Object tag) {
        TraceWriter w = started();
        if (w != null) {
            w.timerSet(step, time, node, timerId, fireAt, tagId(w, tag));
        }
    }

    @Override
    public void timerFired(long step, long time, int node, long timerId, Object tag) {
        TraceWriter w = started();
        if (w != null) {
            w.timerFired(step, time, node, timerId, tagId(w, tag));
        }
    }

    @Override
    public void timerCancelled(long step, long time, int node, long timerId, Object tag) {
        TraceWriter w = started();
        if (w != null) {
            w.timerCancelled(step, time, node, timerId, tagId(w, tag));
        }
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
    public boolean recordsInvariantChecks() {
        return full;
    }

    @Override
    public void invariantChecked(long step, long time, int invariant, String name, boolean holds) {
        TraceWriter w = started();
        if (w != null) {
            w.invariantChecked(step, time, invariantNameId(w, invariant, name), holds);
        }
    }

    @Override
    public void livenessHeld(long step, long time, String name, long waitedNanos, long withinNanos) {
        // Called only at FULL (recordsInvariantChecks), once per property per run.
        write(new TraceEvent.LivenessHeld(step, time, name, waitedNanos, withinNanos));
    }

    /** The string id of invariant {@code invariant}'s name, interned at its first check and then kept. */
    private int invariantNameId(TraceWriter w, int invariant, String name) {
        if (invariant >= invariantNameIds.length) {
            invariantNameIds = Arrays.copyOf(invariantNameIds, Math.max(invariant + 1, invariantNameIds.length * 2));
        }
        int id = invariantNameIds[invariant];
        if (id == 0) { // 0 is the empty string's id, and an invariant's name is never blank
            id = w.stringId(name);
            invariantNameIds[invariant] = id;
        }
        return id;
    }

    @Override
    public void nodeActed(long step, long time, int node, Object nodeObject) {
        TraceWriter w = full ? started() : null;
        if (w != null) {
            if (inspector == null) {
                inspector = new StateInspector();
            }
            StateInspector.Snapshot state = inspector.inspect(node, nodeObject, w);
            w.stateSnapshot(step, time, node, state.count(), state.nameIds(), state.values());
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
        TraceWriter w = started();
        if (w != null) {
            w.write(event);
        }
    }

    /** The writer, started at the first event; null once recording has failed (the error is kept). */
    private TraceWriter started() {
        TraceWriter w = live;
        if (w == null && writer == null && error == null) {
            start();
            w = live;
        }
        return w;
    }

    private void start() {
        OutputStream out = sink;
        try {
            if (out == null) {
                out = open(output.path());
            }
        } catch (IOException e) {
            fail(new IOException("cannot create trace file " + output.path() + ": " + e.getMessage()
                    + "; check that its directory exists and is writable", e));
            return;
        }
        TraceHeader header = new TraceHeader(identity(), provenance);
        writer = TraceWriter.create(new FailSafeStream(out), header,
                TraceWriter.Options.defaults().withGzip(output.gzip()));
        live = error == null ? writer : null;
    }

    /** Opens the trace file, creating its directory only when it is missing (no extra system call per run). */
    private static OutputStream open(Path path) throws IOException {
        try {
            return Files.newOutputStream(path);
        } catch (NoSuchFileException missingDirectory) {
            Path parent = path.toAbsolutePath().getParent();
            if (parent == null) {
                throw missingDirectory;
            }
            Files.createDirectories(parent);
            return Files.newOutputStream(path);
        }
    }

    /** Keeps the first error; from then on {@link #started()} hands out no writer. */
    private void fail(IOException cause) {
        if (error == null) {
            error = cause;
        }
        live = null;
    }

    /**
     * The file as the writer sees it: an I/O error is kept (stopping the recording) instead of thrown
     * through the writer into the run, and everything after it is dropped. So no event method needs to
     * catch anything, and a failed trace can still be closed.
     */
    private final class FailSafeStream extends OutputStream {
        private final OutputStream out;

        FailSafeStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (error == null) {
                try {
                    out.write(bytes, offset, length);
                } catch (IOException e) {
                    fail(e);
                }
            }
        }

        @Override
        public void flush() {
            if (error == null) {
                try {
                    out.flush();
                } catch (IOException e) {
                    fail(e);
                }
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                fail(e);
            }
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

    /**
     * The string id of a message's type name. Runs send a few types over and over: the last one is
     * remembered, the others looked up in a short table (a map once there are many).
     */
    private int typeId(TraceWriter w, Object message) {
        Class<?> type = message.getClass();
        if (type != lastType) {
            lastTypeId = lookUpTypeId(w, type);
            lastType = type;
        }
        return lastTypeId;
    }

    private int lookUpTypeId(TraceWriter w, Class<?> type) {
        for (int i = 0; i < knownTypeCount; i++) {
            if (knownTypes[i] == type) {
                return knownTypeIds[i];
            }
        }
        Integer known = typeIds.get(type);
        if (known != null) {
            return known;
        }
        int id = w.stringId(TYPE_NAMES.get(type));
        if (knownTypeCount < knownTypes.length) {
            knownTypes[knownTypeCount] = type;
            knownTypeIds[knownTypeCount++] = id;
        } else {
            typeIds.put(type, id);
        }
        return id;
    }

    /** The name a message or timer tag of class {@code type} has in a trace at EVENTS: see {@link #TYPE_NAMES}. */
    static String typeName(Class<?> type) {
        return TYPE_NAMES.get(type);
    }

    /**
     * {@code RaftMessage.Vote} for a nested record, {@code String} for a top-level class, {@code Phase} for a
     * constant of enum {@code Phase} that has a body, {@code Outer$1} for an anonymous class and
     * {@code Outer$$Lambda} for a lambda (which every run names alike); computed once per
     * class. Shared by every run, which is safe: the name is a pure function of the class, so the cache can
     * never make two runs differ.
     */
    private static final ClassValue<String> TYPE_NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            Class<?> named = type;
            if (named.isAnonymousClass() && named.getSuperclass().isEnum()) {
                named = named.getSuperclass(); // a constant with a body is of its enum's type
            }
            if (named.isAnonymousClass() || named.isHidden()) {
                // No simple name to nest: Outer$1, Outer$$Lambda (without the hidden class's address).
                String binary = ValueRenderer.typeName(named);
                return binary.substring(binary.lastIndexOf('.') + 1);
            }
            String name = named.getSimpleName();
            for (Class<?> outer = named.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
                name = outer.getSimpleName() + "." + name;
            }
            return name;
        }
    };

    /** The string id of a timer tag's rendering; the last string or enum tag is remembered (they cannot change). */
    private int tagId(TraceWriter w, Object tag) {
        if (tag == null) {
            return 0;
        }
        if (tag == lastTag) {
            return lastTagId;
        }
        int id = tag instanceof String text && text.length() <= ValueRenderer.MAX_CHARS ? w.stringId(text)
                : full || tag instanceof String || tag instanceof Enum<?> ? w.stringId(ValueRenderer.render(tag))
                : typeId(w, tag);
        if (tag instanceof String || tag instanceof Enum<?>) {
            lastTag = tag;
            lastTagId = id;
        }
        return id;
    }
}
