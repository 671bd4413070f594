package dev.seedloop.engine.internal.trace;

import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.TextFormat;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
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
                case MessageOrBuilder message -> protobufText(message);
                case Object[] array -> Arrays.deepToString(array);
                case int[] array -> Arrays.toString(array);
                case long[] array -> Arrays.toString(array);
                case byte[] array -> Arrays.toString(array);
                case boolean[] array -> Arrays.toString(array);
                case double[] array -> Arrays.toString(array);
                default -> String.valueOf(value);
            };
            if (text.indexOf('@') >= 0 && !(value instanceof MessageOrBuilder)) {
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
        } else if (value instanceof MessageOrBuilder message) {
            out.append(protobufText(message)); // printed field by field: no identity in it
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
