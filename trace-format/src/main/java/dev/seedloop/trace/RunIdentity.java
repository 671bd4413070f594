package dev.seedloop.trace;

import static dev.seedloop.trace.internal.Checks.notNull;

import java.util.List;

/**
 * Everything that determines a run: deterministic, so the same run writes the same identity bytes.
 * Diff compares identities; nothing nondeterministic (wall time, host) may go here — that is
 * {@link Provenance}.
 *
 * @param engineVersion the recording engine's version
 * @param scenario the scenario's name
 * @param seed the root seed
 * @param options the run's options in the order the engine prints them
 * @param nodes the nodes; node {@code i} of the list must have index {@code i}
 * @param level the trace level the file was written at
 */
public record RunIdentity(String engineVersion, String scenario, long seed, List<KeyValue> options,
        List<NodeInfo> nodes, TraceLevel level) {
    public RunIdentity {
        notNull(engineVersion, "engineVersion");
        notNull(scenario, "scenario");
        options = List.copyOf(notNull(options, "options"));
        nodes = List.copyOf(notNull(nodes, "nodes"));
        notNull(level, "level");
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).index() != i) {
                throw new IllegalArgumentException("node " + i + " of the list has index " + nodes.get(i).index()
                        + "; list nodes in index order 0, 1, 2, ...");
            }
        }
    }

    /** The name of node {@code index}, or {@code "node<index>"} if the header does not list it. */
    public String nodeName(int index) {
        return index >= 0 && index < nodes.size() ? nodes.get(index).name() : "node" + index;
    }
}
