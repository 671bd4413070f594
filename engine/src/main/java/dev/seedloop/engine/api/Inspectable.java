package dev.seedloop.engine.api;

import java.util.Map;

/**
 * A node that says itself what its state is, for the trace's state snapshots (trace level FULL).
 *
 * <p>Without it, a snapshot lists the node's fields by reflection. Implement it to hide noise (caches,
 * handles), to name derived values, or to render a field more readably. The map's iteration order is
 * the order shown; values are rendered with {@code String.valueOf} (records and collections print well).
 */
public interface Inspectable {
    /** The node's state as name/value pairs, in display order. Must not change the node. */
    Map<String, ?> inspect();
}
