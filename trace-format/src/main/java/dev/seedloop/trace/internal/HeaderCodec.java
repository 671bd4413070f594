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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Converts headers and footers between the Java model and the wire messages, both ways, side by side. */
public final class HeaderCodec {
    private HeaderCodec() {}

    /** The wire form of a header, stamped with the format version written. */
    public static Header encode(TraceHeader h, FormatVersion version) {
        RunIdentity id = h.identity();
        var identity = dev.seedloop.trace.v1.RunIdentity.newBuilder()
                .setFormatMajor(version.major()).setFormatMinor(version.minor())
                .setEngineVersion(id.engineVersion()).setScenario(id.scenario()).setSeed(id.seed())
                .setLevelValue(id.level().ordinal() + 1);
        id.options().forEach(o -> identity.addOptions(option(o)));
        id.nodes().forEach(n -> identity.addNodes(Node.newBuilder().setIndex(n.index()).setName(n.name())));
        Provenance p = h.provenance();
        var provenance = dev.seedloop.trace.v1.Provenance.newBuilder().setCreatedAt(p.createdAt())
                .setHost(p.host()).setJvm(p.jvm()).setOs(p.os());
        p.extra().forEach(o -> provenance.addExtra(option(o)));
        return Header.newBuilder().setIdentity(identity).setProvenance(provenance).build();
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

    /** The wire form of a footer. */
    public static Footer encode(TraceFooter f) {
        Footer.Builder b = Footer.newBuilder().setOutcomeValue(f.outcome().ordinal() + 1).setSteps(f.steps())
                .setEventCount(f.eventCount()).setDigest(f.digest()).setFinalTimeNanos(f.finalTimeNanos());
        f.failure().ifPresent(x -> {
            Failure.Builder fb = Failure.newBuilder().setKind(x.kind()).setMessage(x.message()).setStep(x.step())
                    .setTimeNanos(x.timeNanos()).setStack(x.stack());
            if (x.node() >= 0) {
                fb.setNode(x.node());
            }
            b.setFailure(fb);
        });
        return b.build();
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

    private static Option option(KeyValue kv) {
        return Option.newBuilder().setKey(kv.key()).setValue(kv.value()).build();
    }

    private static List<KeyValue> options(List<Option> options) {
        List<KeyValue> out = new ArrayList<>(options.size());
        options.forEach(o -> out.add(new KeyValue(o.getKey(), o.getValue())));
        return out;
    }
}
