package dev.seedloop.engine.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedloop.engine.api.Address;
import dev.seedloop.engine.api.Inspectable;
import dev.seedloop.trace.KeyValue;
import dev.seedloop.trace.NodeInfo;
import dev.seedloop.trace.Provenance;
import dev.seedloop.trace.RunIdentity;
import dev.seedloop.trace.TraceHeader;
import dev.seedloop.trace.TraceLevel;
import dev.seedloop.trace.TraceWriter;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Snapshots reuse renderings of unchanged immutable values only: a mutated value always shows as it is now. */
class StateInspectorTests {
    enum Mode { A, B }

    record Settings(long a, String b, Mode mode) {}

    /** A record whose rendering depends on something outside it: never reused. */
    record Volatile(int x) {
        static int calls;

        @Override
        public String toString() {
            return "Volatile" + (++calls);
        }
    }

    static final class Holder {
        int counter;
        String label = "x";
        Mode mode = Mode.A;
        Settings settings = new Settings(1, "b", Mode.B);
        List<Address> peers = List.of(new Address(0, "n1"), new Address(1, "n2"));
        List<String> mutable = new ArrayList<>(List.of("one"));
        StringBuilder builder = new StringBuilder("s");
        Volatile vol = new Volatile(1);
        int[] array = {1, 2};
    }

    private final TraceWriter writer = TraceWriter.create(new ByteArrayOutputStream(), new TraceHeader(
            new RunIdentity("v", "s", 1, List.<KeyValue>of(), List.of(new NodeInfo(0, "n0")), TraceLevel.FULL),
            Provenance.none()), TraceWriter.Options.defaults());
    private final StateInspector inspector = new StateInspector();

    @Test
    void unchangedImmutableValuesKeepTheirRenderingAndMutatedOnesAreRenderedAgain() {
        Holder node = new Holder();
        String[] first = values(node);
        assertThat(first).containsExactly("[1, 2]", "s", "0", "x", "A", "[one]", "[n1, n2]",
                "Settings[a=1, b=b, mode=B]", "Volatile1");

        node.counter = 5;
        node.mutable.add("two");
        node.builder.append("t");
        node.array[0] = 9;
        String[] second = values(node);

        assertThat(second).containsExactly("[9, 2]", "st", "5", "x", "A", "[one, two]", "[n1, n2]",
                "Settings[a=1, b=b, mode=B]", "Volatile2");
        // The same objects, not only equal strings: their renderings (and encodings) are reused.
        assertThat(second[3]).isSameAs(first[3]);
        assertThat(second[4]).isSameAs(first[4]);
        assertThat(second[6]).isSameAs(first[6]);
        assertThat(second[7]).isSameAs(first[7]);

        node.settings = new Settings(2, "b", Mode.B);
        node.peers = List.of(new Address(0, "n1"));
        node.label = "y";
        assertThat(values(node)).containsExactly("[9, 2]", "st", "5", "y", "A", "[one, two]", "[n1]",
                "Settings[a=2, b=b, mode=B]", "Volatile3");
    }

    /** A field of declared type {@code Object}, so that its value can change class between snapshots. */
    static final class Shifting {
        Object value = 7;
    }

    @Test
    void aValueThatBecomesNullOrChangesClassIsRenderedAgain() {
        Shifting node = new Shifting();
        assertThat(values(node)).containsExactly("7");
        node.value = null;
        assertThat(values(node)).containsExactly("null");
        node.value = 7;
        assertThat(values(node)).containsExactly("7");
        node.value = "seven";
        assertThat(values(node)).containsExactly("seven");
        node.value = Mode.B;
        assertThat(values(node)).containsExactly("B");
    }

    /** One field of every primitive type, boxed and reference fields, some null. */
    private static final class EveryKind {
        boolean z = true;
        byte b = -7;
        char c = 'q';
        short s = 300;
        int i = -123_456;
        long j = 1L << 40;
        float f = 1.5f;
        double d = -0.25;
        Integer boxed = 42;
        Object none;
        String text = "t";
    }

    static class Base {
        private int inherited = 3;
    }

    static final class Derived extends Base {
        private int own = 4;
    }

    @Test
    void aGeneratedReaderReadsWhatReflectionReads() throws Exception {
        java.lang.reflect.Field[] fields = StateInspector.fieldsOf(EveryKind.class);
        FieldReader reader = FieldReaders.of(EveryKind.class, fields);
        assertThat(reader).as("a private nested class with only its own fields").isNotNull();
        EveryKind node = new EveryKind();
        node.i = 99;
        node.none = null;
        Object[] read = new Object[fields.length];
        reader.read(node, read);
        for (int k = 0; k < fields.length; k++) {
            assertThat(read[k]).as(fields[k].getName()).isEqualTo(fields[k].get(node));
        }
        // Fields in name order: b, boxed, c, d, f, i, j, none, s, text, z.
        assertThat(values(node)).containsExactly("-7", "42", "q", "-0.25", "1.5", "99", "1099511627776", "null",
                "300", "t", "true");
    }

    @Test
    void aClassWithInheritedFieldsIsReadByReflectionSuperclassFirst() {
        java.lang.reflect.Field[] fields = StateInspector.fieldsOf(Derived.class);
        assertThat(FieldReaders.of(Derived.class, fields)).as("a superclass's private field is not a nestmate's")
                .isNull();
        Derived node = new Derived();
        assertThat(values(node)).containsExactly("3", "4");
    }

    @Test
    void anInspectableNodeGivesItsOwnFieldsHoweverManyAndAThrowingInspectIsRecordedNotThrown() {
        Map<String, Object> state = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            state.put("f" + i, i * i); // more than the inspector's first arrays hold
        }
        Inspectable many = () -> state;
        Inspectable broken = () -> {
            throw new IllegalStateException("no state yet");
        };

        StateInspector.Snapshot snapshot = inspector.inspect(0, many, writer);
        assertThat(snapshot.count()).isEqualTo(12);
        assertThat(Arrays.copyOf(snapshot.values(), 12)).containsExactly("0", "1", "4", "9", "16", "25", "36", "49",
                "64", "81", "100", "121");
        assertThat(snapshot.nameIds()[11]).isEqualTo(writer.stringId("f11"));

        StateInspector.Snapshot thrown = inspector.inspect(0, broken, writer);
        assertThat(thrown.count()).isEqualTo(1);
        assertThat(thrown.nameIds()[0]).isEqualTo(writer.stringId("<inspect() threw>"));
        assertThat(thrown.values()[0]).isEqualTo("java.lang.IllegalStateException: no state yet");
    }

    @Test
    void anInspectableNodeKeepsUnchangedImmutableRenderingsAndSeesEveryChangeOfNameOrValue() {
        Map<String, Object> state = new LinkedHashMap<>();
        Settings settings = new Settings(1, "b", Mode.B);
        List<String> mutable = new ArrayList<>(List.of("one"));
        state.put("settings", settings);
        state.put("term", 1);
        state.put("log", mutable);
        Inspectable node = () -> state;
        String[] first = values(node);
        assertThat(first).containsExactly("Settings[a=1, b=b, mode=B]", "1", "[one]");

        state.put("term", 2);
        mutable.add("two");
        StateInspector.Snapshot second = inspector.inspect(0, node, writer);
        assertThat(Arrays.copyOf(second.values(), second.count())).containsExactly("Settings[a=1, b=b, mode=B]", "2",
                "[one, two]");
        assertThat(second.values()[0]).as("the same record: its rendering reused").isSameAs(first[0]);
        assertThat(second.nameIds()[1]).isEqualTo(writer.stringId("term"));

        // Another name at a position, and fewer entries: each position is what the map says now.
        state.clear();
        state.put("settings", new Settings(2, "b", Mode.B));
        state.put("role", Mode.A);
        StateInspector.Snapshot third = inspector.inspect(0, node, writer);
        assertThat(third.count()).isEqualTo(2);
        assertThat(Arrays.copyOf(third.values(), 2)).containsExactly("Settings[a=2, b=b, mode=B]", "A");
        assertThat(Arrays.copyOf(third.nameIds(), 2)).containsExactly(writer.stringId("settings"), writer.stringId("role"));

        // A map that grows keeps every entry, and a value equal to a reused one at a renamed position is its own.
        state.put("term", 2);
        state.put("extra", List.of("e"));
        assertThat(values(node)).containsExactly("Settings[a=2, b=b, mode=B]", "A", "2", "[e]");
        state.remove("role");
        state.remove("term");
        state.remove("extra");
        state.put("term", 2);
        assertThat(values(node)).containsExactly("Settings[a=2, b=b, mode=B]", "2");
        assertThat(inspector.inspect(0, node, writer).nameIds()[1]).isEqualTo(writer.stringId("term"));
    }

    /** Mutable, with a toString of its own. */
    static class Counter {
        int n;

        @Override
        public String toString() {
            return "Counter" + n;
        }
    }

    record Box(Counter counter) {}

    static final class MutableInsideImmutable {
        Box box = new Box(new Counter());
        List<StringBuilder> names = List.of(new StringBuilder("a"));
    }

    @Test
    void aRecordOrAnUnmodifiableListHoldingSomethingMutableIsRenderedAfreshEveryTime() {
        MutableInsideImmutable node = new MutableInsideImmutable();
        assertThat(values(node)).containsExactly("Box[counter=Counter0]", "[a]");

        // The same record and the same List.of as before, their contents changed in place.
        node.box.counter().n = 7;
        node.names.get(0).append("b");

        assertThat(values(node)).containsExactly("Box[counter=Counter7]", "[ab]");
    }

    private String[] values(Object node) {
        StateInspector.Snapshot snapshot = inspector.inspect(0, node, writer);
        return Arrays.copyOf(snapshot.values(), snapshot.count());
    }
}
