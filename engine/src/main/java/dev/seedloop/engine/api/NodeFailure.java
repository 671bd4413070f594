package dev.seedloop.engine.api;

/** A node's handler threw. The node's exception, with its stack, is the cause. */
public final class NodeFailure extends SimulationFailure {
    private static final long serialVersionUID = 1L;

    private final String node;
    private final String handler;

    /** Creates the finding; the engine does this when a handler throws. */
    public NodeFailure(long seed, long step, long timeNanos, String node, String handler, Throwable cause) {
        super(seed, step, timeNanos,
                "node '" + node + "' threw in " + handler + ": " + cause, cause);
        this.node = node;
        this.handler = handler;
    }

    /** The name of the node whose handler threw. */
    public String node() {
        return node;
    }

    /** The handler that threw: {@code onStart}, {@code onMessage} or {@code onTimer}. */
    public String handler() {
        return handler;
    }

    @Override
    public String kind() {
        return "node-threw";
    }
}
