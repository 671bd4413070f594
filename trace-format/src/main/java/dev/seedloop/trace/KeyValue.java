package dev.seedloop.trace;

import static dev.seedloop.trace.internal.Checks.notNull;

/** An ordered key/value pair: a run option or a provenance entry. Neither part is null. */
public record KeyValue(String key, String value) {
    public KeyValue {
        notNull(key, "key");
        notNull(value, "value");
    }
}
