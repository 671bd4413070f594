package dev.seedloop.trace.internal;

import java.nio.charset.StandardCharsets;

/**
 * Protobuf wire primitives written straight into a byte array: varints, one-byte tags, fixed32 and UTF-8
 * text, plus the sizes they take. Each {@code put} returns the position after what it wrote.
 *
 * <p>The bytes are exactly what protobuf-java writes for the same proto3 fields: a scalar field whose
 * value is zero is omitted ({@link #put(byte[], int, int, long)} writes nothing), {@code uint32} values
 * are the unsigned 32 bits of a Java {@code int} (pass them through {@link Integer#toUnsignedLong}), and
 * text is UTF-8 as {@link String#getBytes} with UTF-8 encodes it (which is also what protobuf-java falls back
 * to for a string holding an unpaired surrogate). The writer's tests compare every event kind byte for byte
 * with protobuf-java's own serialization.
 */
public final class Wire {
    /** Wire type 0 (varint). */
    public static final int VARINT = 0;
    /** Wire type 2 (length-delimited). */
    public static final int LEN = 2;
    /** Wire type 1 (fixed 64 bits). */
    public static final int FIXED64 = 1;
    /** Wire type 5 (fixed 32 bits). */
    public static final int FIXED32 = 5;

    private Wire() {}

    /** The bytes {@code value} takes as an unsigned varint: 1 to 10. */
    public static int varintSize(long value) {
        // 1 byte per started group of 7 bits, at least one: (640 - 9 * leading zeros) / 64 gives exactly that.
        return (640 - 9 * Long.numberOfLeadingZeros(value | 1)) >>> 6;
    }

    /** The bytes a varint field numbered 1..15 takes: nothing when {@code value} is zero. */
    public static int fieldSize(long value) {
        return value == 0 ? 0 : 1 + varintSize(value);
    }

    /** The bytes a length-delimited field numbered 1..15 with a body of {@code length} bytes takes. */
    public static int lenFieldSize(int length) {
        return 1 + varintSize(length) + length;
    }

    /** Writes {@code value} as an unsigned varint. */
    public static int putVarint(byte[] out, int pos, long value) {
        // Most values on a trace's hot path (lengths, node indexes, string ids) take one byte; this part is
        // kept small enough to be inlined everywhere.
        if ((value & ~0x7FL) == 0) {
            out[pos] = (byte) value;
            return pos + 1;
        }
        return putMultiByteVarint(out, pos, value);
    }

    private static int putMultiByteVarint(byte[] out, int pos, long value) {
        // Unrolled up to four bytes (values under 2^28: ids, and times, delays and latencies under 268 ms),
        // each byte shifted from the value itself rather than from the previous step.
        out[pos] = (byte) (value | 0x80);
        if ((value & ~0x3FFFL) == 0) {
            out[pos + 1] = (byte) (value >>> 7);
            return pos + 2;
        }
        out[pos + 1] = (byte) (value >>> 7 | 0x80);
        if ((value & ~0x1FFFFFL) == 0) {
            out[pos + 2] = (byte) (value >>> 14);
            return pos + 3;
        }
        out[pos + 2] = (byte) (value >>> 14 | 0x80);
        if ((value & ~0xFFFFFFFL) == 0) {
            out[pos + 3] = (byte) (value >>> 21);
            return pos + 4;
        }
        out[pos + 3] = (byte) (value >>> 21 | 0x80);
        return putLongVarint(out, pos + 4, value >>> 28);
    }

    private static int putLongVarint(byte[] out, int pos, long value) {
        while ((value & ~0x7FL) != 0) {
            out[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[pos++] = (byte) value;
        return pos;
    }

    /** Writes the tag of field {@code field} (1..15) with wire type {@code wireType}: one byte. */
    public static int putTag(byte[] out, int pos, int field, int wireType) {
        out[pos] = (byte) (field << 3 | wireType);
        return pos + 1;
    }

    /** Writes varint field {@code field} (1..15), or nothing when {@code value} is zero (proto3). */
    public static int put(byte[] out, int pos, int field, long value) {
        if (value == 0) {
            return pos;
        }
        out[pos] = (byte) (field << 3);
        return putVarint(out, pos + 1, value);
    }

    /** Writes a fixed32 field {@code field} (1..15), or nothing when {@code value} is zero (proto3). */
    public static int putFixed32(byte[] out, int pos, int field, int value) {
        if (value == 0) {
            return pos;
        }
        out[pos] = (byte) (field << 3 | FIXED32);
        out[pos + 1] = (byte) value;
        out[pos + 2] = (byte) (value >>> 8);
        out[pos + 3] = (byte) (value >>> 16);
        out[pos + 4] = (byte) (value >>> 24);
        return pos + 5;
    }

    /**
     * The UTF-8 form of {@code text}, or null when it is short and all ASCII (then its UTF-8 form is its
     * chars, one byte each, and {@link #putText} copies them without an intermediate array). Longer text is
     * always encoded by the JDK, which copies ASCII in bulk, faster than a loop over chars.
     */
    public static byte[] utf8UnlessAscii(String text) {
        int n = text.length();
        if (n > SHORT_TEXT_CHARS) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        for (int i = 0; i < n; i++) {
            if (text.charAt(i) >= 0x80) {
                return text.getBytes(StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static final int SHORT_TEXT_CHARS = 24;

    /** The UTF-8 length of {@code text}, given what {@link #utf8UnlessAscii} returned for it. */
    public static int utf8Length(String text, byte[] utf8) {
        return utf8 == null ? text.length() : utf8.length;
    }

    /**
     * Writes {@code text} as UTF-8 without its length prefix; {@code utf8} is what {@link #utf8UnlessAscii}
     * returned for it.
     */
    public static int putText(byte[] out, int pos, String text, byte[] utf8) {
        if (utf8 != null) {
            System.arraycopy(utf8, 0, out, pos, utf8.length);
            return pos + utf8.length;
        }
        for (int i = 0, n = text.length(); i < n; i++) {
            out[pos + i] = (byte) text.charAt(i);
        }
        return pos + text.length();
    }

    /** Writes string field {@code field} (1..15) unconditionally: tag, UTF-8 length, UTF-8 bytes. */
    public static int putString(byte[] out, int pos, int field, String text, byte[] utf8) {
        out[pos] = (byte) (field << 3 | LEN);
        pos = putVarint(out, pos + 1, utf8Length(text, utf8));
        return putText(out, pos, text, utf8);
    }
}
