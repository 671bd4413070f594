package dev.seedloop.engine.internal.trace;

import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.TextFormat;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

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
                case MessageOrBuilder message ->
                        message.getDescriptorForType().getName() + " { " + TextFormat.printer().emittingSingleLine(true).printToString(message) + " }";
                case Object[] array -> java.util.Arrays.deepToString(array);
                case int[] array -> java.util.Arrays.toString(array);
                case long[] array -> java.util.Arrays.toString(array);
                case byte[] array -> java.util.Arrays.toString(array);
                case boolean[] array -> java.util.Arrays.toString(array);
                case double[] array -> java.util.Arrays.toString(array);
                default -> String.valueOf(value);
            };
            if (text.indexOf('@') >= 0) {
                // Rare: most renderings have no '@', and those pay nothing for this.
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
        } else if (value instanceof MessageOrBuilder) {
            out.append(render(value)); // printed field by field: no identity in it
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
        } else if (type.isRecord() && hasGeneratedToString(type)) {
            appendRecord(out, value, type, depth);
        } else if (declaresOwnToString(type)) {
            out.append(value); // the class's own choice, '@' and all
        } else {
            out.append(typeName(type)).append("@…");
        }
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
        RecordComponent[] components = type.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            Object component;
            try {
                Method accessor = components[i].getAccessor();
                accessor.setAccessible(true);
                component = accessor.invoke(record);
            } catch (ReflectiveOperationException | RuntimeException e) {
                component = "<unreadable>";
            }
            out.append(i == 0 ? "" : ", ").append(components[i].getName()).append('=');
            appendStable(out, component, depth + 1);
        }
        out.append(']');
    }

    /** Java's own collections, whose {@code toString} is the "[a, b]" or "{k=v}" this class writes out. */
    private static boolean isJdk(Class<?> type) {
        return type.getName().startsWith("java.util.");
    }

    private static boolean declaresOwnToString(Class<?> type) {
        try {
            return type.getMethod("toString").getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            return false; // every class has toString; not reached
        }
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
