package dev.seedloop.viewer.model;

import dev.seedloop.trace.TraceEvent.StateSnapshot.Field;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;

/**
 * One node as shown at the cursor.
 *
 * @param node the node index
 * @param name its name
 * @param fields its fields from the latest state snapshot at or before the cursor (empty if none)
 * @param snapshotOrdinal the ordinal of that snapshot, -1 if none
 * @param changed the names of the fields whose value this step changed (compared with the state before
 *     the cursor's step began)
 * @param status its status
 * @param incarnation its incarnation (restarts)
 * @param timers its pending timers, id to tag
 * @param inFlight messages in flight to it
 * @param network its side of the partition
 */
public record NodeView(int node, String name, List<Field> fields, int snapshotOrdinal, Set<String> changed,
        NodeStatus status, long incarnation, SortedMap<Long, String> timers, int inFlight, String network) {

    /** The value of field {@code name}, or null. */
    public String value(String fieldName) {
        for (Field f : fields) {
            if (f.name().equals(fieldName)) {
                return f.value();
            }
        }
        return null;
    }
}
