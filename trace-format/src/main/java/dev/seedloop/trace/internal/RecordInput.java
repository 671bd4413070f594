package dev.seedloop.trace.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.seedloop.trace.v1.Record;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Checksum;
import java.util.zip.ZipException;

/**
 * Reads framed records ({@code <varint length><Record>}) from an uncompressed trace byte stream, counting
 * the offset. Every way the bytes can be wrong ends in {@link TruncatedTraceException} or
 * {@link CorruptTraceException}; genuine I/O failures stay {@link IOException}. Memory per record is
 * bounded by {@link Limits#MAX_RECORD_BYTES}, and the record bytes are read incrementally, so a huge
 * length in a short file costs no more than the file.
 */
public final class RecordInput {
    private final InputStream in;
    private final byte[] lastPrefix = new byte[4];
    private int lastPrefixLength;
    private byte[] lastBody = new byte[0];
    private long offset;

    /**
     * @param in the uncompressed trace bytes (already decompressed if the file is gzip)
     * @param offset the offset of the first byte {@code in} will return
     */
    public RecordInput(InputStream in, long offset) {
        this.in = in;
        this.offset = offset;
    }

    /** The offset of the next byte to be read: after a whole record, the start of the next. */
    public long offset() {
        return offset;
    }

    /** Feeds the framed bytes (length prefix and body) of the record last returned by {@link #next} to {@code c}. */
    public void feedLastFrame(Checksum c) {
        c.update(lastPrefix, 0, lastPrefixLength);
        c.update(lastBody, 0, lastBody.length);
    }

    /** The framed length (prefix and body) of the record last returned by {@link #next}. */
    public int lastFrameLength() {
        return lastPrefixLength + lastBody.length;
    }

    /** Reads exactly {@code n} bytes, or fails saying where the input ended. */
    public byte[] readExactly(int n, String what) throws IOException, TruncatedTraceException, CorruptTraceException {
        byte[] bytes = readUpTo(n);
        if (bytes.length < n) {
            throw new TruncatedTraceException("the input ends " + bytes.length + " bytes into " + what + " of "
                    + n + " bytes");
        }
        return bytes;
    }

    /**
     * Reads the next record, or returns null at a clean end of input (between records).
     *
     * @throws TruncatedTraceException if the input ends inside the record
     * @throws CorruptTraceException if the length or the record bytes are invalid
     */
    public Record next() throws IOException, TruncatedTraceException, CorruptTraceException {
        int first = read();
        if (first < 0) {
            return null;
        }
        long length = first & 0x7F;
        int shift = 7;
        int b = first;
        int lengthBytes = 1;
        lastPrefix[0] = (byte) first;
        while ((b & 0x80) != 0) {
            b = read();
            if (b < 0) {
                throw new TruncatedTraceException("the input ends inside a record's length prefix");
            }
            lengthBytes++;
            if (lengthBytes > 4) {
                // 4 varint bytes carry 28 bits, more than MAX_RECORD_BYTES needs.
                throw new CorruptTraceException("a record length prefix longer than 4 bytes");
            }
            lastPrefix[lengthBytes - 1] = (byte) b;
            length |= (long) (b & 0x7F) << shift;
            shift += 7;
        }
        lastPrefixLength = lengthBytes;
        if (length == 0) {
            long at = offset - 1;
            if (zerosToTheEnd()) {
                throw new TruncatedTraceException("zero bytes from offset " + at + " to the end of the file, where"
                        + " a record should start: the writer was cut off and the space zero-filled");
            }
            throw new CorruptTraceException("an empty record (a zero length prefix)");
        }
        if (length > Limits.MAX_RECORD_BYTES) {
            throw new CorruptTraceException("a record length of " + length + " bytes, over the limit of "
                    + Limits.MAX_RECORD_BYTES);
        }
        byte[] bytes = readExactly((int) length, "a record");
        lastBody = bytes;
        try {
            return Record.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new CorruptTraceException("a record of " + length + " bytes that does not decode ("
                    + decodeProblem(e) + ")");
        }
    }

    /**
     * What protobuf found wrong, in our words: its messages speak of its own classes and methods
     * ("CodedInputStream", "setRecursionLimit()"). Matched by the start of protobuf-java's texts; one this
     * list does not know gets the general words.
     */
    static String decodeProblem(InvalidProtocolBufferException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        for (String[] known : PROTOBUF_PROBLEMS) {
            if (m.startsWith(known[0])) {
                return known[1];
            }
        }
        return "its bytes are not a valid Record";
    }

    private static final String[][] PROTOBUF_PROBLEMS = {
        {"Protocol message had invalid UTF-8", "a string field is not valid UTF-8"},
        {"While parsing a protocol message, the input ended unexpectedly", "a field runs past the end of the record"},
        {"CodedInputStream encountered an embedded string or message which claimed to have negative size",
                "a field claims a negative length"},
        {"CodedInputStream encountered a malformed varint", "a malformed variable-length number"},
        {"Protocol message contained an invalid tag (zero)", "a field numbered 0, which no field is"},
        {"Protocol message end-group tag did not match", "a group whose end does not match its start"},
        {"Protocol message tag had invalid wire type", "a field with an invalid wire type"},
        {"Protocol message had too many levels of nesting", "messages nested too deeply"},
    };

    /** Reads to the end of the input and returns how many bytes were left, without keeping them. */
    public long skipToEnd() throws IOException, TruncatedTraceException, CorruptTraceException {
        long skipped = 0;
        byte[] chunk;
        do {
            chunk = readUpTo(SKIP_CHUNK);
            skipped += chunk.length;
        } while (chunk.length == SKIP_CHUNK); // readNBytes returns fewer only at the end of the input
        return skipped;
    }

    private static final int SKIP_CHUNK = 64 * 1024;

    /**
     * Whether every remaining byte is zero: the mark of a file system that zero-fills space a killed writer
     * had reserved. Scans at most {@link #ZERO_SCAN_LIMIT} bytes; a longer run of zeros counts as a fill.
     */
    private boolean zerosToTheEnd() throws IOException, TruncatedTraceException, CorruptTraceException {
        for (int i = 0; i < ZERO_SCAN_LIMIT; i++) {
            int b = read();
            if (b < 0) {
                return true;
            }
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static final int ZERO_SCAN_LIMIT = 1 << 20;

    private int read() throws IOException, TruncatedTraceException, CorruptTraceException {
        int b;
        try {
            b = in.read();
        } catch (EOFException e) {
            throw gzipEndsEarly();
        } catch (ZipException e) {
            throw gzipCorrupt(e);
        }
        if (b >= 0) {
            offset++;
        }
        return b;
    }

    private byte[] readUpTo(int n) throws IOException, TruncatedTraceException, CorruptTraceException {
        byte[] bytes;
        try {
            bytes = in.readNBytes(n);
        } catch (EOFException e) {
            throw gzipEndsEarly();
        } catch (ZipException e) {
            throw gzipCorrupt(e);
        }
        offset += bytes.length;
        return bytes;
    }

    // Only a GZIPInputStream throws these here (the plain input is a BufferedInputStream); their messages
    // are zlib's ("Unexpected end of ZLIB input stream", "invalid distance too far back").
    private static TruncatedTraceException gzipEndsEarly() {
        return new TruncatedTraceException("the gzip stream ends early");
    }

    private static CorruptTraceException gzipCorrupt(ZipException e) {
        return new CorruptTraceException("Corrupt GZIP trailer".equals(e.getMessage())
                ? "the gzip trailer does not match the data (its CRC-32 or length differs)"
                : "the gzip stream is corrupt: its compressed data cannot be decompressed");
    }
}
