package dev.seedloop.trace.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The writer's side of the string table: assigns ids 1, 2, 3, ... to strings in order of first use. The
 * empty string is id 0 and never defined. Only lookups use the hash map; ids come from a counter, so the
 * ids (and the file) do not depend on hash order.
 */
public final class StringInterner {
    private final Map<String, Integer> ids = new HashMap<>();

    /** Creates an empty table. */
    public StringInterner() {}

    /** The id of {@code s}, or -1 if it has none yet. */
    public int idOf(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        Integer id = ids.get(s);
        return id == null ? -1 : id;
    }

    /** The number of strings defined: ids 1 to this are in use. */
    public int size() {
        return ids.size();
    }

    /**
     * Defines {@code s} and returns its new id.
     *
     * @throws IllegalStateException if the table is full or the string too long
     */
    public int define(String s) {
        if (s.length() > Limits.MAX_INTERNED_CHARS) {
            throw new IllegalArgumentException("an interned string (message type, label, tag, field name or"
                    + " invariant name) is " + s.length() + " chars long; the limit is "
                    + Limits.MAX_INTERNED_CHARS + ": use a shorter name");
        }
        if (ids.size() >= Limits.MAX_STRINGS) {
            throw new IllegalStateException("the trace's string table is full (" + Limits.MAX_STRINGS
                    + " distinct type names, labels, tags and field names); these must be a small vocabulary,"
                    + " put varying text in details or values instead");
        }
        int id = ids.size() + 1;
        ids.put(s, id);
        return id;
    }
}
