package dev.seedloop.engine.internal.trace;

import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.TextFormat;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedCollection;
import java.util.SequencedMap;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * Renders payloads and state values as readable text for a FULL trace: records and collections through
 * their {@code toString}, protobuf messages structurally, arrays element by element. Long renderings are
 * cut, so one huge value cannot blow up a trace.
 *
 * <p>The same value renders the same in every run. {@code Object.toString} does not: it prints the
 * identity hash code ({@code Helper@1b6d3586}), which differs between runs and would make two traces of
 * one seed differ in their snapshots. So a rendering that contains an {@code @} is made again value by
 * value: an object that keeps {@code Object.toString} renders as {@code Helper@…}, and the records (with
 * the generated {@code toString}), JDK collections, maps, optionals and arrays around it render as their
 * own {@code toString} would, with their elements rendered the same way. A hidden class (a lambda) is
 * named without the address the JVM gives it. A hand-written {@code toString} that prints an identity
 * hash itself is left as it is.
 *
 * <p>The JDK's sets and maps without a defined order ({@code HashSet}, {@code HashMap}, {@code Set.of},
 * {@code Map.of}, ...) are the other source of renderings that differ between runs: {@code Set.of}
 * salts its iteration order at every JVM start, and a hash set of enums follows their identity hashes.
 * So a value that is or holds one is rendered value by value too, with such a set's elements, and such a
 * map's entries, sorted by their renderings: {@code [a, b, c]} whatever order the set iterates in. Lists,
 * sorted and insertion-ordered collections and {@code EnumSet}/{@code EnumMap} keep their own order.
 */
final class ValueRenderer {
    static final int MAX_CHARS = 2_000;
    /** How deep the value-by-value rendering goes; a deeper (or cyclic) value ends in "…". */
    private static final int MAX_DEPTH = 16;

    private ValueRenderer() {}

    static String render(Object value) {
        String text;
        try {
            text = switch (value) {
                case null -> "null";
                case MessageOrBuilder message -> protobufText(message);
                case Object[] array -> Arrays.deepToString(array);
                case int[] array -> Arrays.toString(array);
                case long[] array -> Arrays.toString(array);
                case byte[] array -> Arrays.toString(array);
                case boolean[] array -> Arrays.toString(array);
                case double[] array -> Arrays.toString(array);
                default -> String.valueOf(value);
            };
            if (!(value instanceof MessageOrBuilder) && (text.indexOf('@') >= 0 || holdsUnordered(value, 0))) {
                // Rare: most renderings have no '@' and most values hold no unordered set, and those pay
                // only the checks (a class lookup for strings, numbers, enums and flat records).
                StringBuilder stable = new StringBuilder();
                appendStable(stable, value, 0);
                text = stable.toString();
            }
        } catch (RuntimeException | StackOverflowError e) {
            // A toString that throws (or recurses through a cycle) must not fail the run being recorded; say
            // so in the trace instead.
            text = "<" + typeName(value.getClass()) + ".toString() threw " + e + ">";
        }
        if (text.length() > MAX_CHARS) {
            return text.substring(0, MAX_CHARS) + "…(" + (text.length() - MAX_CHARS) + " more chars)";
        }
        return text;
    }

    /** Appends {@code value} as {@link #render} describes, without identity hash codes. */
    private static void appendStable(StringBuilder out, Object value, int depth) {
        if (value == null) {
            out.append("null");
            return;
        }
        if (depth > MAX_DEPTH) {
            out.append('…');
            return;
        }
        Class<?> type = value.getClass();
        if (type.isArray()) {
            out.append('[');
            for (int i = 0, n = Array.getLength(value); i < n; i++) {
                out.append(i == 0 ? "" : ", ");
                appendStable(out, Array.get(value, i), depth + 1);
            }
            out.append(']');
        } else if (value instanceof MessageOrBuilder message) {
            out.append(protobufText(message)); // printed field by field: no identity in it
        } else if (isJdk(type) && value instanceof Collection<?> collection && isUnordered(collection)) {
            List<String> elements = new ArrayList<>(collection.size());
            for (Object element : collection) {
                elements.add(stable(element, depth + 1));
            }
            elements.sort(null);
            out.append('[').append(String.join(", ", elements)).append(']');
        } else if (isJdk(type) && value instanceof Map<?, ?> map && isUnordered(map)) {
            List<String[]> entries = new ArrayList<>(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                entries.add(new String[] {stable(entry.getKey(), depth + 1), stable(entry.getValue(), depth + 1)});
            }
            // By key, then (for two keys that render alike) by value: the same entries, the same text.
            entries.sort(Comparator.<String[], String>comparing(e -> e[0]).thenComparing(e -> e[1]));
            out.append('{');
            for (int i = 0; i < entries.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(entries.get(i)[0]).append('=').append(entries.get(i)[1]);
            }
            out.append('}');
        } else if (isJdk(type) && value instanceof Collection<?> collection) {
            out.append('[');
            appendAll(out, collection.iterator(), depth);
            out.append(']');
        } else if (isJdk(type) && value instanceof Map<?, ?> map) {
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
            for (boolean first = true; entries.hasNext(); first = false) {
                Map.Entry<?, ?> entry = entries.next();
                out.append(first ? "" : ", ");
                appendStable(out, entry.getKey(), depth + 1);
                out.append('=');
                appendStable(out, entry.getValue(), depth + 1);
            }
            out.append('}');
        } else if (value instanceof Optional<?> optional) {
            if (optional.isEmpty()) {
                out.append("Optional.empty");
            } else {
                out.append("Optional[");
                appendStable(out, optional.get(), depth + 1);
                out.append(']');
            }
        } else if (RECORD_ACCESSORS.get(type) != null) {
            appendRecord(out, value, type, depth);
        } else if (OWN_TO_STRING.get(type)) {
            out.append(value); // the class's own choice, '@' and all
        } else {
            out.append(typeName(type)).append("@…");
        }
    }

    private static String stable(Object value, int depth) {
        StringBuilder out = new StringBuilder();
        appendStable(out, value, depth);
        return out.toString();
    }

    /** A JDK set with no defined iteration order (hash-ordered or salted), rendered sorted. */
    private static boolean isUnordered(Collection<?> collection) {
        return collection instanceof Set<?> && !(collection instanceof SortedSet<?>)
                && !(collection instanceof SequencedCollection<?>) && !(collection instanceof EnumSet<?>);
    }

    /**
     * Whether {@code map} is one of Java's own maps with no defined iteration order ({@code HashMap},
     * {@code Map.of}, ...): its order may differ from JVM to JVM.
     */
    static boolean isUnorderedJdkMap(Map<?, ?> map) {
        return isJdk(map.getClass()) && isUnordered(map);
    }

    /** A JDK map with no defined iteration order, rendered with its entries sorted. */
    private static boolean isUnordered(Map<?, ?> map) {
        return !(map instanceof SortedMap<?, ?>) && !(map instanceof SequencedMap<?, ?>) && !(map instanceof EnumMap<?, ?>);
    }

    /**
     * Whether {@code value} is, or holds in a JDK collection, map, optional, array or record (with the
     * generated {@code toString}), a JDK set or map with no defined order: then its {@code toString}
     * order may differ from run to run, and it is rendered value by value instead.
     */
    private static boolean holdsUnordered(Object value, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return false;
        }
        Class<?> type = value.getClass();
        if (FLAT.get(type)) {
            return false;
        }
        if (isJdk(type) && value instanceof Collection<?> collection) {
            if (isUnordered(collection)) {
                return true;
            }
            for (Object element : collection) {
                if (holdsUnordered(element, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        if (isJdk(type) && value instanceof Map<?, ?> map) {
            if (isUnordered(map)) {
                return true;
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (holdsUnordered(entry.getKey(), depth + 1) || holdsUnordered(entry.getValue(), depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof Optional<?> optional) {
            return optional.isPresent() && holdsUnordered(optional.get(), depth + 1);
        }
        if (value instanceof Object[] array) {
            for (Object element : array) {
                if (holdsUnordered(element, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        Method[] accessors = RECORD_ACCESSORS.get(type);
        if (accessors != null) {
            for (Method accessor : accessors) {
                try {
                    if (holdsUnordered(accessor.invoke(value), depth + 1)) {
                        return true;
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // Unreadable here: appendStable would say <unreadable>; the toString is kept.
                }
            }
        }
        return false;
    }

    private static void appendAll(StringBuilder out, Iterator<?> elements, int depth) {
        for (boolean first = true; elements.hasNext(); first = false) {
            out.append(first ? "" : ", ");
            appendStable(out, elements.next(), depth + 1);
        }
    }

    /** As the generated {@code toString} prints a record: {@code Name[a=1, b=x]}. */
    private static void appendRecord(StringBuilder out, Object record, Class<?> type, int depth) {
        out.append(type.getSimpleName()).append('[');
        Method[] accessors = RECORD_ACCESSORS.get(type);
        for (int i = 0; i < accessors.length; i++) {
            Object component;
            try {
                component = accessors[i].invoke(record);
            } catch (ReflectiveOperationException | RuntimeException e) {
                component = "<unreadable>";
            }
            out.append(i == 0 ? "" : ", ").append(accessors[i].getName()).append('=');
            appendStable(out, component, depth + 1);
        }
        out.append(']');
    }

    private static String protobufText(MessageOrBuilder message) {
        return message.getDescriptorForType().getName() + " { "
                + TextFormat.printer().emittingSingleLine(true).printToString(message) + " }";
    }

    /** Java's own collections, whose {@code toString} is the "[a, b]" or "{k=v}" this class writes out. */
    private static boolean isJdk(Class<?> type) {
        return type.getName().startsWith("java.util.");
    }

    // What appendStable needs of a class is looked up once per class; both are pure functions of the class.

    /** The accessors of a record that keeps the generated {@code toString}, made accessible where allowed; else null. */
    private static final ClassValue<Method[]> RECORD_ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            if (!type.isRecord() || !hasGeneratedToString(type)) {
                return null;
            }
            RecordComponent[] components = type.getRecordComponents();
            Method[] accessors = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
                try {
                    accessors[i].setAccessible(true);
                } catch (RuntimeException e) {
                    // Left inaccessible (another module): its component renders as <unreadable>.
                }
            }
            return accessors;
        }
    };

    /**
     * Whether no value of a class can hold a collection: strings, boxed primitives, enums, and records with
     * the generated {@code toString} whose components are primitives or final classes of the same kind
     * (most messages). Such a value needs no look inside for {@link #holdsUnordered}.
     */
    private static final ClassValue<Boolean> FLAT = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return isFlat(type, 0);
        }
    };

    private static boolean isFlat(Class<?> type, int depth) {
        if (type.isPrimitive() || type == String.class || Number.class.isAssignableFrom(type) && isJdkLang(type)
                || type == Boolean.class || type == Character.class || Enum.class.isAssignableFrom(type)) {
            return true;
        }
        if (depth > MAX_DEPTH || !type.isRecord() || !hasGeneratedToString(type)) {
            return false;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> c = component.getType();
            if (!c.isPrimitive() && !(Modifier.isFinal(c.getModifiers()) && isFlat(c, depth + 1))
                    && !Enum.class.isAssignableFrom(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isJdkLang(Class<?> type) {
        return type.getName().startsWith("java.lang.");
    }

    /** Whether a class has a {@code toString} other than {@code Object}'s. */
    private static final ClassValue<Boolean> OWN_TO_STRING = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return declaresToString(type, Object.class) != Object.class;
        }
    };

    /** The class that declares the {@code toString} that {@code type} uses, looking no higher than {@code base}. */
    static Class<?> declaresToString(Class<?> type, Class<?> base) {
        for (Class<?> c = type; c != null && c != base; c = c.getSuperclass()) {
            try {
                c.getDeclaredMethod("toString");
                return c;
            } catch (NoSuchMethodException e) {
                // Not here; look in the superclass.
            }
        }
        return base;
    }

    /** javac declares a record's generated {@code toString} {@code public final}; a hand-written one almost never is. */
    static boolean hasGeneratedToString(Class<?> record) {
        try {
            return Modifier.isFinal(record.getDeclaredMethod("toString").getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /**
     * A class's binary name, without the address the JVM appends to a hidden class's
     * ({@code Outer$$Lambda/0x00007f...}), which differs between runs.
     */
    static String typeName(Class<?> type) {
        String name = type.getName();
        int address = type.isHidden() ? name.indexOf('/') : -1;
        return address < 0 ? name : name.substring(0, address);
    }
}
