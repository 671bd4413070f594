package dev.seedloop.trace.internal;

/**
 * Minimal JSON text building for the exports, so trace-format needs no JSON library. Strings are escaped
 * per RFC 8259; the caller arranges objects and arrays.
 */
public final class Json {
    private Json() {}

    /** {@code s} as a JSON string literal, quotes included. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** An unsigned 64-bit value as a JSON number. */
    public static String unsigned(long v) {
        return Long.toUnsignedString(v);
    }

    /** Virtual nanoseconds as JSON microseconds with three decimals (the Trace Event Format's unit). */
    public static String micros(long nanos) {
        return (nanos / 1000) + "." + String.format("%03d", nanos % 1000);
    }
}
