package dev.seedloop.trace.internal;

import java.util.ArrayList;
import java.util.List;

/** The reader's side of the string table: id {@code i} is entry {@code i - 1}; id 0 is "". */
public final class StringTable {
    private final List<String> strings = new ArrayList<>();

    /** Creates an empty table. */
    public StringTable() {}

    /**
     * Defines the next id, which must be {@code size() + 1}. Re-reading an entry already defined with the
     * same value (a reader that seeks back passes entries again) is allowed and changes nothing.
     */
    public void define(long id, String value) throws CorruptTraceException {
        if (id >= 1 && id <= strings.size() && strings.get((int) id - 1).equals(value)) {
            return;
        }
        if (id != strings.size() + 1L) {
            throw new CorruptTraceException("string entry defines id " + id + " but the next id is "
                    + (strings.size() + 1));
        }
        if (strings.size() >= Limits.MAX_STRINGS) {
            throw new CorruptTraceException("more than " + Limits.MAX_STRINGS + " string entries");
        }
        if (value.length() > Limits.MAX_INTERNED_CHARS) {
            throw new CorruptTraceException("string entry " + id + " is " + value.length() + " chars, over the limit "
                    + Limits.MAX_INTERNED_CHARS);
        }
        strings.add(value);
    }

    /** The string with id {@code id}. */
    public String get(long id) throws CorruptTraceException {
        if (id == 0) {
            return "";
        }
        if (id < 0 || id > strings.size()) {
            throw new CorruptTraceException("string id " + id + " is not defined (" + strings.size()
                    + " strings defined so far)");
        }
        return strings.get((int) id - 1);
    }

    /** The number of defined strings. */
    public int size() {
        return strings.size();
    }
}
