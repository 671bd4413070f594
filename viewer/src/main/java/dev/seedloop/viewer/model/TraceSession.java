package dev.seedloop.viewer.model;

import dev.seedloop.trace.Damage;
import dev.seedloop.trace.RunFailure;
import dev.seedloop.trace.TraceFooter;
import java.util.Optional;

/**
 * One open trace and everything computed from it once: the index, the state checkpoints, the diagram
 * geometry, the causal-past engine, the navigator and the cursor. The ViewModels drive it; it knows
 * nothing of JavaFX.
 */
public final class TraceSession {
    private final LoadedTrace trace;
    private final StateReconstructor states;
    private final DiagramLayout layout;
    private final CausalPast causal;
    private final Navigator navigator;
    private final Cursor cursor;

    public TraceSession(LoadedTrace trace) {
        this(trace, new StateReconstructor(trace));
    }

    /** A session over {@code trace} with its already built state checkpoints. */
    public TraceSession(LoadedTrace trace, StateReconstructor states) {
        this.trace = trace;
        this.states = states;
        this.layout = new DiagramLayout(trace, states.shades());
        this.causal = new CausalPast(trace);
        this.navigator = new Navigator(trace);
        this.cursor = new Cursor(trace.size());
    }

    public LoadedTrace trace() {
        return trace;
    }

    public StateReconstructor states() {
        return states;
    }

    public DiagramLayout layout() {
        return layout;
    }

    public CausalPast causal() {
        return causal;
    }

    public Navigator navigator() {
        return navigator;
    }

    public Cursor cursor() {
        return cursor;
    }

    /** The outcome line for the status bar: "FAILED: invariant ...", "PASSED", or what is known without a footer. */
    public String outcome() {
        if (!trace.complete()) {
            return "not known yet (still reading the trace)";
        }
        Optional<TraceFooter> f = trace.footer();
        if (f.isPresent()) {
            return f.get().failure().map(TraceSession::failure).orElse(f.get().outcome().name());
        }
        return trace.violations().length > 0 ? "FAILED (footer lost; an invariant violation was recorded)"
                : "unknown (footer lost)";
    }

    private static String failure(RunFailure r) {
        return "FAILED: " + r.message();
    }

    /** A sentence for the window when the trace is damaged: what was lost and where. Empty if whole. */
    public Optional<String> damageMessage() {
        return trace.damage().map(TraceSession::describe);
    }

    static String describe(Damage d) {
        String shown = d.eventsBefore() == 0 ? "No event could be read, so there is nothing to show"
                : "Showing the " + d.eventsBefore() + " events before the damage";
        return "This trace is damaged: " + d.describe() + ". " + shown + "; everything from byte " + d.offset()
                + " on is lost.";
    }
}
