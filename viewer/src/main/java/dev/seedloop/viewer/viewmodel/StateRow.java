package dev.seedloop.viewer.viewmodel;

import java.util.List;

/**
 * One row of the node state panel: a field and its value on every node at the cursor.
 *
 * @param field the field name (derived rows: "status", "network", "timers", "in flight")
 * @param values one value per node ("" where the node has no such field)
 * @param changed per node, whether the current step changed the value
 * @param derived whether the row comes from the events rather than from state snapshots
 */
public record StateRow(String field, List<String> values, List<Boolean> changed, boolean derived) {
    public StateRow {
        values = List.copyOf(values);
        changed = List.copyOf(changed);
    }
}
