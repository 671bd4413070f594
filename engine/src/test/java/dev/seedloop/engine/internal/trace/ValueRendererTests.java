package dev.seedloop.engine.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Renderings are the same in every run: what {@code toString} prints, except that an identity hash code
 * never reaches the trace, wherever the object that has one sits.
 */
class ValueRendererTests {
    private static final String HELPER = Helper.class.getName() + "@…";

    /** Keeps {@code Object.toString}: it prints an identity hash code. */
    static final class Helper {}

    record Carry(int n, Helper helper, List<Helper> more) {}

    record Plain(int n, String text) {}

    /** Prints the identity hash code itself: the class's own choice, left as it is. */
    record Own(int n) {
        @Override
        public String toString() {
            return "Own@" + Integer.toHexString(System.identityHashCode(this));
        }
    }

    enum Phase {
        ONE {
            @Override
            int weight() {
                return 1;
            }
        };

        abstract int weight();
    }

    @Test
    void whatPrintsWithoutAnIdentityHashPrintsAsItsToString() {
        assertThat(ValueRenderer.render(new Plain(3, "x"))).isEqualTo("Plain[n=3, text=x]");
        assertThat(ValueRenderer.render(List.of(1, 2))).isEqualTo("[1, 2]");
        assertThat(ValueRenderer.render("bob@example.com")).isEqualTo("bob@example.com");
        assertThat(ValueRenderer.render(List.of("a@b", "c"))).isEqualTo("[a@b, c]");
        assertThat(ValueRenderer.render(new int[] {1, 2})).isEqualTo("[1, 2]");
        assertThat(ValueRenderer.render(null)).isEqualTo("null");
    }

    @Test
    void anObjectWithoutItsOwnToStringRendersWithoutItsIdentityHash() {
        assertThat(ValueRenderer.render(new Helper())).isEqualTo(HELPER);
        assertThat(ValueRenderer.render(new Helper())).isEqualTo(ValueRenderer.render(new Helper()));
    }

    @Test
    void identityHashesAreLeftOutWhereverTheObjectSits() {
        Carry carry = new Carry(7, new Helper(), List.of(new Helper(), new Helper()));
        assertThat(ValueRenderer.render(carry))
                .isEqualTo("Carry[n=7, helper=" + HELPER + ", more=[" + HELPER + ", " + HELPER + "]]");

        Map<String, Object> map = new LinkedHashMap<>();
        map.put("h", new Helper());
        map.put("list", new ArrayList<>(List.of(new Helper())));
        map.put("opt", Optional.of(new Helper()));
        map.put("none", Optional.empty());
        assertThat(ValueRenderer.render(map))
                .isEqualTo("{h=" + HELPER + ", list=[" + HELPER + "], opt=Optional[" + HELPER + "], none=Optional.empty}");

        assertThat(ValueRenderer.render(new Object[] {new Helper(), new Helper[] {new Helper()}, 5}))
                .isEqualTo("[" + HELPER + ", [" + HELPER + "], 5]");
    }

    @Test
    void aProtobufMessageWithAnAtInItsTextIsPrintedStructurallyAlsoInsideOtherValues() {
        com.google.protobuf.StringValue mail = com.google.protobuf.StringValue.of("bob@example.com");
        String printed = "StringValue { value: \"bob@example.com\" }";

        assertThat(ValueRenderer.render(mail)).isEqualTo(printed);
        assertThat(ValueRenderer.render(List.of(mail, new Helper()))).isEqualTo("[" + printed + ", " + HELPER + "]");
    }

    @Test
    void aLambdaIsNamedWithoutItsAddress() {
        Supplier<String> lambda = () -> "x";

        String rendering = ValueRenderer.render(lambda);

        assertThat(rendering).isEqualTo(ValueRendererTests.class.getName() + "$$Lambda@…");
        assertThat(ValueRenderer.typeName(lambda.getClass())).doesNotContain("/");
    }

    @Test
    void aHandWrittenToStringIsTheClassesOwnChoice() {
        Own own = new Own(1);
        assertThat(ValueRenderer.render(own)).isEqualTo(own.toString());
    }

    @Test
    void aCyclicValueEndsInsteadOfOverflowing() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(new Helper());
        cycle.add(cycle);

        String rendering = ValueRenderer.render(cycle);

        assertThat(rendering).startsWith("[" + HELPER + ", [" + HELPER + ", [").contains("…")
                .doesNotContainPattern("@[0-9a-f]");
    }

    /** A collection of the user's own whose toString has an '@' in it: its own choice. */
    static final class Bag extends java.util.AbstractList<String> {
        @Override
        public String get(int index) {
            return "item";
        }

        @Override
        public int size() {
            return 2;
        }

        @Override
        public String toString() {
            return "Bag@" + size();
        }
    }

    record Node(String name, List<Object> links) {}

    @Test
    void cyclesThroughArraysAndMapsEndAndOnesThatOverflowTheirOwnToStringAreRecorded() {
        Object[] array = new Object[2];
        array[0] = new Helper();
        array[1] = array;
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("h", new Helper());
        map.put("self", map);
        Map<Object, String> keyed = new LinkedHashMap<>();
        keyed.put(new Helper(), "v");
        keyed.put(keyed, "self");
        List<Object> holder = new ArrayList<>();
        holder.add(Optional.of(holder));
        holder.add(new Helper());
        Node node = new Node("n", new ArrayList<>());
        node.links().add(new Helper());
        node.links().add(node);

        for (Object cyclic : new Object[] {array, map, keyed}) {
            assertThat(ValueRenderer.render(cyclic)).contains("…").contains(HELPER).doesNotContainPattern("@[0-9a-f]");
        }
        // Their own toString recurses without end: the overflow is recorded, not thrown into the run.
        assertThat(ValueRenderer.render(holder)).isEqualTo("<java.util.ArrayList.toString() threw java.lang.StackOverflowError>");
        assertThat(ValueRenderer.render(node))
                .isEqualTo("<" + Node.class.getName() + ".toString() threw java.lang.StackOverflowError>");
    }

    @Test
    void aPrivateRecordOfAnotherPackageIsRenderedToo() {
        Object secret = dev.seedloop.engine.internal.trace.elsewhere.Sealed.secret();

        assertThat(ValueRenderer.render(secret)).isEqualTo("Secret[n=4, token="
                + dev.seedloop.engine.internal.trace.elsewhere.Sealed.Token.class.getName() + "@…]");
    }

    @Test
    void aCollectionOfTheUsersOwnKeepsItsToString() {
        assertThat(ValueRenderer.render(new Bag())).isEqualTo("Bag@2");
        assertThat(ValueRenderer.render(List.of(new Bag(), new Helper()))).isEqualTo("[Bag@2, " + HELPER + "]");
    }

    enum Color { RED, GREEN, BLUE }

    record Members(String group, java.util.Set<String> names) {}

    @Test
    void setsAndMapsWithoutAnOrderRenderSortedWhateverOrderTheyIterateIn() {
        assertThat(ValueRenderer.render(java.util.Set.of("c", "a", "e", "b", "d"))).isEqualTo("[a, b, c, d, e]");
        assertThat(ValueRenderer.render(Map.of(3, "z", 1, "x", 2, "y"))).isEqualTo("{1=x, 2=y, 3=z}");
        // ten entries: a salted iteration order that happens to be sorted is then a 1 in millions chance
        Map<String, Integer> ten = Map.of("j", 9, "b", 1, "h", 7, "d", 3, "a", 0, "f", 5, "c", 2, "i", 8, "e", 4,
                "g", 6);
        assertThat(ValueRenderer.render(ten)).isEqualTo("{a=0, b=1, c=2, d=3, e=4, f=5, g=6, h=7, i=8, j=9}");
        // enums hash by identity: a HashSet of them iterates in an order that changes between JVMs
        assertThat(ValueRenderer.render(new java.util.HashSet<>(List.of(Color.RED, Color.GREEN, Color.BLUE))))
                .isEqualTo("[BLUE, GREEN, RED]");
        java.util.Map<Color, Integer> counts = new java.util.HashMap<>(Map.of(Color.RED, 1, Color.BLUE, 2));
        assertThat(ValueRenderer.render(counts)).isEqualTo("{BLUE=2, RED=1}");
    }

    @Test
    void anUnorderedSetIsSortedWhereverItSits() {
        assertThat(ValueRenderer.render(new Members("g", java.util.Set.of("n3", "n1", "n2"))))
                .isEqualTo("Members[group=g, names=[n1, n2, n3]]");
        assertThat(ValueRenderer.render(List.of(java.util.Set.of("b", "a"), List.of("z", "y"))))
                .isEqualTo("[[a, b], [z, y]]");
        assertThat(ValueRenderer.render(Optional.of(java.util.Set.of(2, 1)))).isEqualTo("Optional[[1, 2]]");
        assertThat(ValueRenderer.render(new Object[] {"x", java.util.Set.of("q", "p")})).isEqualTo("[x, [p, q]]");
        assertThat(ValueRenderer.render(Map.of("k", java.util.Set.of("b", "a")))).isEqualTo("{k=[a, b]}");
    }

    @Test
    void nestedUnorderedSetsEndAtTheDepthLimitAndKeysThatRenderAlikeAreOrderedByValue() {
        Object set = "x";
        Object map = "y";
        for (int i = 0; i < 40; i++) {
            set = java.util.Set.of(set);
            map = Map.of("k", map);
        }
        assertThat(ValueRenderer.render(set)).contains("…").doesNotContain("x");
        assertThat(ValueRenderer.render(map)).contains("…").doesNotContain("y");
        // two keys without a toString of their own render alike ("Helper@…"): their values decide the order
        java.util.Map<Helper, String> byIdentity = new java.util.HashMap<>();
        byIdentity.put(new Helper(), "b");
        byIdentity.put(new Helper(), "a");
        assertThat(ValueRenderer.render(byIdentity)).isEqualTo("{" + HELPER + "=a, " + HELPER + "=b}");
    }

    @Test
    void collectionsWithAnOrderKeepIt() {
        java.util.Set<String> inserted = new java.util.LinkedHashSet<>(List.of("c", "a", "b"));
        assertThat(ValueRenderer.render(inserted)).isEqualTo("[c, a, b]");
        assertThat(ValueRenderer.render(List.of("c", "a", "b"))).isEqualTo("[c, a, b]");
        assertThat(ValueRenderer.render(new java.util.TreeSet<>(List.of("c", "a")))).isEqualTo("[a, c]");
        assertThat(ValueRenderer.render(java.util.EnumSet.of(Color.BLUE, Color.RED))).isEqualTo("[RED, BLUE]");
        Map<String, Integer> byInsertion = new LinkedHashMap<>();
        byInsertion.put("z", 1);
        byInsertion.put("a", 2);
        assertThat(ValueRenderer.render(byInsertion)).isEqualTo("{z=1, a=2}");
        assertThat(ValueRenderer.render(new Plain(1, "x"))).isEqualTo("Plain[n=1, text=x]");
    }

    @Test
    void aLongRenderingIsCutVisibly() {
        Helper[] many = new Helper[100];
        Arrays.fill(many, new Helper());

        String rendering = ValueRenderer.render(many);

        assertThat(rendering).startsWith("[" + HELPER + ", ").contains("…(").endsWith(" more chars)");
        assertThat(rendering.length()).isLessThan(ValueRenderer.MAX_CHARS + 30);
    }

    @Test
    void typeNamesInATraceNestLikeTheSourceAndNeverCarryAnAddress() {
        Supplier<String> lambda = () -> "x";
        Object anonymous = new Object() {};

        assertThat(TraceRecorder.typeName(String.class)).isEqualTo("String");
        assertThat(TraceRecorder.typeName(Carry.class)).isEqualTo("ValueRendererTests.Carry");
        assertThat(TraceRecorder.typeName(Phase.ONE.getClass())).isEqualTo("ValueRendererTests.Phase");
        assertThat(TraceRecorder.typeName(anonymous.getClass())).matches("ValueRendererTests\\$\\d+");
        assertThat(TraceRecorder.typeName(lambda.getClass())).isEqualTo("ValueRendererTests$$Lambda");
    }
}
