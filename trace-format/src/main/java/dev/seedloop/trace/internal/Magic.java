package dev.seedloop.trace.internal;

import java.nio.charset.StandardCharsets;

/** The file preamble: 8 ASCII bytes "SEEDLOOP", one byte format major, one byte format minor. */
public final class Magic {
    /** The first eight bytes of every (uncompressed) trace. */
    public static final byte[] BYTES = "SEEDLOOP".getBytes(StandardCharsets.US_ASCII);
    /** The preamble length: magic plus major and minor. */
    public static final int PREAMBLE_LENGTH = BYTES.length + 2;

    private Magic() {}
}
