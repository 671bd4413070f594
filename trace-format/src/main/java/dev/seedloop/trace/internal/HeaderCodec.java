package dev.seedloop.trace.internal;

import dev.seedloop.trace.FormatVersion;
import dev.seedloop.trace.KeyValue;
import dev.seedloop.trace.NodeInfo;
import dev.seedloop.trace.Outcome;
import dev.seedloop.trace.Provenance;
import dev.seedloop.trace.RunFailure;
import dev.seedloop.trace.RunIdentity;
import dev.seedloop.trace.TraceFooter;
import dev.seedloop.trace.TraceHeader;
import dev.seedloop.trace.TraceLevel;
import dev.seedloop.trace.v1.Failure;
import dev.seedloop.trace.v1.Footer;
import dev.seedloop.trace.v1.Header;
import dev.seedloop.trace.v1.Node;
import dev.seedloop.trace.v1.Option;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Converts headers and footers between the Java model and the wire, both ways, side by side: written
 * straight into the writer's buffer, read from the parsed messages.
 */
public final class HeaderCodec {
    private HeaderCodec() {}

    /**
     * The {@code Record} holding {@code h} as its header, stamped with {@code version}, ready to be written:
     * every string is encoded and every size computed once, here.
     */
    public static HeaderRecord header(TraceHeader h, FormatVersion version) {
        return new HeaderRecord(h, version);
    }

    /** A header record, sized: {@link #size()} bytes (the length prefix not included), written by {@link #put}. */
    public static final class HeaderRecord {
        private final TraceHeader header;
        private final FormatVersion version;
        /** The UTF-8 of every string, in the order they are written. */
        private final byte[][] text;
        /** The size of each option, node and provenance extra, in the order they are written. */
        private final int[] parts;
        private final int identitySize;
        private final int provenanceSize;
        private final int headerSize;

        private HeaderRecord(TraceHeader h, FormatVersion version) {
            this.header = h;
            this.version = version;
            RunIdentity id = h.identity();
            Provenance p = h.provenance();
            text = new byte[2 + 2 * id.options().size() + id.nodes().size() + 4 + 2 * p.extra().size()][];
            parts = new int[id.options().size() + id.nodes().size() + p.extra().size()];
            int t = 0;
            int k = 0;
            int identity = Wire.fieldSize(version.major()) + Wire.fieldSize(version.minor())
                    + textSize(text[t++] = utf8(id.engineVersion())) + textSize(text[t++] = utf8(id.scenario()))
                    + Wire.fieldSize(id.seed()) + Wire.fieldSize(id.level().ordinal() + 1);
            for (KeyValue o : id.options()) {
                parts[k] = textSize(text[t++] = utf8(o.key())) + textSize(text[t++] = utf8(o.value()));
                identity += Wire.lenFieldSize(parts[k++]);
            }
            for (NodeInfo n : id.nodes()) {
                parts[k] = Wire.fieldSize(Integer.toUnsignedLong(n.index())) + textSize(text[t++] = utf8(n.name()));
                identity += Wire.lenFieldSize(parts[k++]);
            }
            int provenance = textSize(text[t++] = utf8(p.createdAt())) + textSize(text[t++] = utf8(p.host()))
                    + textSize(text[t++] = utf8(p.jvm())) + textSize(text[t++] = utf8(p.os()));
            for (KeyValue o : p.extra()) {
                parts[k] = textSize(text[t++] = utf8(o.key())) + textSize(text[t++] = utf8(o.value()));
                provenance += Wire.lenFieldSize(parts[k++]);
            }
            identitySize = identity;
            provenanceSize = provenance;
            headerSize = Wire.lenFieldSize(identity) + Wire.lenFieldSize(provenance);
        }

        /** The record's size in bytes. */
        public int size() {
            return Wire.lenFieldSize(headerSize);
        }

        /**
         * Writes the record at {@code pos}; returns where it ends. Byte for byte what protobuf-java writes for
         * the same message (the tests compare them).
         */
        public int put(byte[] out, int pos) {
            RunIdentity id = header.identity();
            int t = 0;
            int k = 0;
            pos = Wire.putTag(out, pos, 1, Wire.LEN); // Record.header
            pos = Wire.putVarint(out, pos, headerSize);
            pos = Wire.putTag(out, pos, 1, Wire.LEN); // Header.identity
            pos = Wire.putVarint(out, pos, identitySize);
            pos = Wire.put(out, pos, 1, version.major());
            pos = Wire.put(out, pos, 2, version.minor());
            pos = putText(out, pos, 3, text[t++]);
            pos = putText(out, pos, 4, text[t++]);
            pos = Wire.put(out, pos, 5, id.seed());
            for (int i = 0; i < id.options().size(); i++) {
                pos = Wire.putTag(out, pos, 6, Wire.LEN);
                pos = Wire.putVarint(out, pos, parts[k++]);
                pos = putText(out, pos, 1, text[t++]);
                pos = putText(out, pos, 2, text[t++]);
            }
            for (NodeInfo n : id.nodes()) {
                pos = Wire.putTag(out, pos, 7, Wire.LEN);
                pos = Wire.putVarint(out, pos, parts[k++]);
                pos = Wire.put(out, pos, 1, Integer.toUnsignedLong(n.index()));
                pos = putText(out, pos, 2, text[t++]);
            }
            pos = Wire.put(out, pos, 8, id.level().ordinal() + 1);
            pos = Wire.putTag(out, pos, 2, Wire.LEN); // Header.provenance
            pos = Wire.putVarint(out, pos, provenanceSize);
            for (int field = 1; field <= 4; field++) {
                pos = putText(out, pos, field, text[t++]);
            }
            for (int i = 0; i < header.provenance().extra().size(); i++) {
                pos = Wire.putTag(out, pos, 5, Wire.LEN);
                pos = Wire.putVarint(out, pos, parts[k++]);
                pos = putText(out, pos, 1, text[t++]);
                pos = putText(out, pos, 2, text[t++]);
            }
            return pos;
        }

        private static byte[] utf8(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        private static int textSize(byte[] utf8) {
            return utf8.length == 0 ? 0 : Wire.lenFieldSize(utf8.length);
        }

        private static int putText(byte[] out, int pos, int field, byte[] utf8) {
            if (utf8.length == 0) {
                return pos; // proto3: an empty string is not written
            }
            pos = Wire.putTag(out, pos, field, Wire.LEN);
            pos = Wire.putVarint(out, pos, utf8.length);
            System.arraycopy(utf8, 0, out, pos, utf8.length);
            return pos + utf8.length;
        }
    }

    /** The size of the {@code Record} holding {@code f} as its footer. */
    public static int footerRecordSize(TraceFooter f) {
        return Wire.lenFieldSize(footerSize(f));
    }

    /** Writes the {@code Record} holding {@code f} as its footer ({@link #footerRecordSize} bytes); returns where it ends. */
    public static int putFooterRecord(byte[] out, int pos, TraceFooter f) {
        pos = Wire.putTag(out, pos, 3, Wire.LEN); // Record.footer
        pos = Wire.putVarint(out, pos, footerSize(f));
        pos = Wire.put(out, pos, 1, f.outcome().ordinal() + 1);
        if (f.failure().isPresent()) {
            RunFailure x = f.failure().get();
            pos = Wire.putTag(out, pos, 2, Wire.LEN);
            pos = Wire.putVarint(out, pos, failureSize(x));
            pos = putText(out, pos, 1, x.kind());
            pos = putText(out, pos, 2, x.message());
            pos = Wire.put(out, pos, 3, x.step());
            pos = Wire.put(out, pos, 4, x.timeNanos());
            if (x.node() >= 0) { // optional: present even when 0
                pos = Wire.putTag(out, pos, 5, Wire.VARINT);
                pos = Wire.putVarint(out, pos, x.node());
            }
            pos = putText(out, pos, 6, x.stack());
        }
        pos = Wire.put(out, pos, 3, f.steps());
        pos = Wire.put(out, pos, 4, f.eventCount());
        if (f.digest() != 0) {
            pos = Wire.putTag(out, pos, 5, Wire.FIXED64);
            for (int i = 0; i < 8; i++) {
                out[pos++] = (byte) (f.digest() >>> (8 * i));
            }
        }
        return Wire.put(out, pos, 6, f.finalTimeNanos());
    }

    private static int footerSize(TraceFooter f) {
        int size = Wire.fieldSize(f.outcome().ordinal() + 1) + Wire.fieldSize(f.steps())
                + Wire.fieldSize(f.eventCount()) + (f.digest() == 0 ? 0 : 9) + Wire.fieldSize(f.finalTimeNanos());
        if (f.failure().isPresent()) {
            size += Wire.lenFieldSize(failureSize(f.failure().get()));
        }
        return size;
    }

    private static int failureSize(RunFailure x) {
        return textSize(x.kind()) + textSize(x.message()) + Wire.fieldSize(x.step()) + Wire.fieldSize(x.timeNanos())
                + (x.node() >= 0 ? 1 + Wire.varintSize(x.node()) : 0) + textSize(x.stack());
    }

    /** A proto3 string field: nothing when empty. */
    private static int textSize(String text) {
        return text.isEmpty() ? 0 : Wire.lenFieldSize(Wire.utf8Length(text, Wire.utf8UnlessAscii(text)));
    }

    private static int putText(byte[] out, int pos, int field, String text) {
        return text.isEmpty() ? pos : Wire.putString(out, pos, field, text, Wire.utf8UnlessAscii(text));
    }

    /** The Java form of a header read from a file. */
    public static TraceHeader decode(Header h) throws CorruptTraceException {
        var id = h.getIdentity();
        int level = id.getLevelValue();
        if (level < 1 || level > TraceLevel.values().length) {
            throw new CorruptTraceException("header names unknown trace level " + level);
        }
        try {
            List<NodeInfo> nodes = new ArrayList<>();
            for (Node n : id.getNodesList()) {
                nodes.add(new NodeInfo(n.getIndex(), n.getName()));
            }
            RunIdentity identity = new RunIdentity(id.getEngineVersion(), id.getScenario(), id.getSeed(),
                    options(id.getOptionsList()), nodes, TraceLevel.values()[level - 1]);
            var p = h.getProvenance();
            return new TraceHeader(identity,
                    new Provenance(p.getCreatedAt(), p.getHost(), p.getJvm(), p.getOs(), options(p.getExtraList())));
        } catch (IllegalArgumentException e) {
            throw new CorruptTraceException("invalid header: " + e.getMessage());
        }
    }

    /** The Java form of a footer read from a file. */
    public static TraceFooter decode(Footer f) throws CorruptTraceException {
        int outcome = f.getOutcomeValue();
        if (outcome < 1 || outcome > Outcome.values().length) {
            throw new CorruptTraceException("footer names unknown outcome " + outcome);
        }
        try {
            Optional<RunFailure> failure = Optional.empty();
            if (f.hasFailure()) {
                Failure x = f.getFailure();
                int node = x.hasNode() ? x.getNode() : -1;
                if (x.hasNode() && node < 0) {
                    throw new CorruptTraceException("failure names node " + Integer.toUnsignedString(x.getNode()));
                }
                failure = Optional.of(new RunFailure(x.getKind(), x.getMessage(), x.getStep(), x.getTimeNanos(), node,
                        x.getStack()));
            }
            return new TraceFooter(Outcome.values()[outcome - 1], failure, f.getSteps(), f.getEventCount(),
                    f.getDigest(), f.getFinalTimeNanos());
        } catch (IllegalArgumentException e) {
            throw new CorruptTraceException("invalid footer: " + e.getMessage());
        }
    }

    private static List<KeyValue> options(List<Option> options) {
        List<KeyValue> out = new ArrayList<>(options.size());
        options.forEach(o -> out.add(new KeyValue(o.getKey(), o.getValue())));
        return out;
    }
}
